//! The connection watch, the kernel's side: file limits, `/proc/self/fd`, `TCP_INFO`, `shutdown(2)`.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rocket::Shutdown;

use super::requests::canonical;
use super::{Limits, Phase, Requests, Seen};
use crate::service::metrics::Metrics;

/// Raises the soft file limit to the hard one (systemd's default is 1,024 soft,
/// 524,288 hard) and returns the limit now in force.
pub fn raise_file_limit() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 1024;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    limit.rlim_cur
}

/// Runs the watch on a thread of its own until the server shuts down: its work
/// is system calls, which should not hold up Rocket's workers.
pub fn spawn(
    port: u16,
    limits: Limits,
    requests: Arc<Requests>,
    metrics: Option<Arc<Metrics>>,
    shutdown: Shutdown,
) {
    if !listening_on(port) {
        return; // Rocket's local client: no socket to watch.
    }
    let mut watch = match Watch::new(port, limits, requests.clone(), metrics) {
        Ok(watch) => watch,
        Err(e) => return rocket::error!("the connection watch did not start: {e}"),
    };
    requests.activate();
    let stopped = Arc::new(AtomicBool::new(false));
    let stop = stopped.clone();
    rocket::tokio::spawn(async move {
        shutdown.await;
        stop.store(true, Ordering::Relaxed);
    });
    let result = std::thread::Builder::new()
        .name("connection-watch".into())
        .spawn(move || {
            let mut last_scan = Instant::now();
            let mut took = Duration::ZERO;
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(5));
                let since = last_scan.elapsed();
                // When crowded, as often as every 50 ms, but never more than a tenth
                // of the time: a scan of thousands of sockets takes milliseconds.
                let crowded = watch.lowest_free_file() > limits.max_connections;
                let soon = (took * 9).max(Duration::from_millis(50));
                if since >= Duration::from_secs(1) || crowded && since >= soon {
                    last_scan = Instant::now();
                    watch.scan();
                    took = last_scan.elapsed();
                }
            }
        });
    if let Err(e) = result {
        rocket::error!("the connection watch did not start: {e}");
    }
}

/// A bit of leeway when comparing the kernel's times (whole milliseconds, counted
/// in clock ticks) with Rocket's marks.
const TICK: Duration = Duration::from_millis(10);

/// What the watch remembers of an open descriptor between scans.
struct Known {
    /// The socket's inode: a descriptor number reused for another socket is new.
    inode: u64,
    /// The scan that last found it.
    scan: u64,
    /// `None`: a socket that is not a connection accepted on the port.
    conn: Option<Conn>,
    /// Shut down by the watch: Rocket will close it, and until then it neither
    /// counts nor is judged again.
    shut: bool,
}

/// What the watch remembers of an accepted connection.
struct Conn {
    /// The client's address and port, as the request fairing marks them.
    peer: SocketAddr,
    /// When it opened, as near as the watch can tell (never earlier).
    opened: Option<Instant>,
    /// When bytes after the last answer were first seen, while they have not
    /// reached Rocket as a request.
    arriving: Option<Instant>,
}

struct Watch {
    port: u16,
    limits: Limits,
    requests: Arc<Requests>,
    /// By descriptor number.
    known: HashMap<RawFd, Known>,
    scans: u64,
    /// `/proc/self/fd`, opened once and read again from its start each scan, so a
    /// scan needs no new descriptor.
    fds: std::fs::File,
    /// `/dev/null`, to ask for the lowest free number, and to park `spare` on.
    null: std::fs::File,
    /// A descriptor number of the watch's own that a socket is duplicated onto
    /// (`dup2` needs no free number) to be checked and shut down.
    spare: std::fs::File,
    buffer: Vec<u8>,
    /// Connections shed over the caps since the last line said so.
    shed: Shed,
    /// Where every shut-down connection is counted by reason.
    metrics: Option<Arc<Metrics>>,
}

/// Connections shed over a cap, summed between log lines: one line a second at
/// most, however many scans shed and however many sockets each shed.
#[derive(Default)]
struct Shed {
    /// Over `max_connections`.
    over_cap: usize,
    /// Over `max_connections_per_address`, and from how many addresses (at most).
    per_address: usize,
    addresses: usize,
    /// When the last line was written.
    said: Option<Instant>,
}

impl Shed {
    /// Writes the line (at `warn`, so the default level shows it) when anything was
    /// shed and a second has passed since the last one; no client address in it.
    fn say(&mut self, open: usize, limits: &Limits) {
        let due = self
            .said
            .map_or(true, |at| at.elapsed() >= Duration::from_secs(1));
        if self.over_cap + self.per_address == 0 || !due {
            return;
        }
        rocket::warn!(
            "connections shed: {} over max_connections = {} ({open} open), {} from {} addresses over max_connections_per_address = {}",
            self.over_cap,
            limits.max_connections,
            self.per_address,
            self.addresses,
            limits.per_address,
        );
        *self = Shed {
            said: Some(Instant::now()),
            ..Shed::default()
        };
    }
}

/// One accepted connection as found in a scan.
struct Found {
    fd: RawFd,
    inode: u64,
    peer: SocketAddr,
    seen: Seen,
}

/// The kernel's word on one connection, and when it was read.
struct Read {
    fd: RawFd,
    inode: u64,
    info: Counters,
    at: Instant,
}

impl Watch {
    fn new(
        port: u16,
        limits: Limits,
        requests: Arc<Requests>,
        metrics: Option<Arc<Metrics>>,
    ) -> std::io::Result<Watch> {
        use std::os::unix::fs::OpenOptionsExt;
        let fds = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY)
            .open("/proc/self/fd")?;
        Ok(Watch {
            port,
            limits,
            requests,
            known: HashMap::new(),
            scans: 0,
            fds,
            null: std::fs::File::open("/dev/null")?,
            spare: std::fs::File::open("/dev/null")?,
            buffer: vec![0; 64 * 1024],
            shed: Shed::default(),
            metrics,
        })
    }

    /// The lowest free descriptor number: two system calls, cheap enough to ask
    /// every few milliseconds. The kernel hands out the lowest free number, so
    /// while connections pile up this follows their count (it never overstates it).
    fn lowest_free_file(&self) -> u64 {
        // SAFETY: the duplicate is this function's own and closed at once.
        unsafe {
            let fd = libc::fcntl(self.null.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 0);
            if fd < 0 {
                return u64::MAX; // Out of descriptors: crowded indeed.
            }
            libc::close(fd);
            fd as u64
        }
    }

    /// The descriptor numbers open in this process, but the watch's own.
    fn open_descriptors(&mut self) -> Vec<RawFd> {
        let own = [
            self.fds.as_raw_fd(),
            self.null.as_raw_fd(),
            self.spare.as_raw_fd(),
        ];
        let mut found = Vec::new();
        let dir = self.fds.as_raw_fd();
        // SAFETY: getdents64 writes at most `buffer.len()` bytes into the buffer,
        // and each record it wrote is read within the length it returned.
        unsafe {
            if libc::lseek(dir, 0, libc::SEEK_SET) != 0 {
                return found;
            }
            loop {
                let buffer = self.buffer.as_mut_ptr();
                let read = libc::syscall(libc::SYS_getdents64, dir, buffer, self.buffer.len());
                if read <= 0 {
                    return found;
                }
                let mut at = 0usize;
                while at < read as usize {
                    // struct linux_dirent64: d_ino u64, d_off i64, d_reclen u16,
                    // d_type u8, then the name, NUL-terminated.
                    let record = buffer.add(at);
                    let length = u16::from_ne_bytes([*record.add(16), *record.add(17)]);
                    let name = std::ffi::CStr::from_ptr(record.add(19).cast());
                    let fd = name.to_str().ok().and_then(|n| n.parse::<RawFd>().ok());
                    if let Some(fd) = fd.filter(|fd| !own.contains(fd)) {
                        found.push(fd);
                    }
                    at += usize::from(length.max(1));
                }
            }
        }
    }

    /// The kernel's counters of every connection accepted on the port. A descriptor
    /// costs two system calls (`fstat`, `TCP_INFO`); what it is (a connection on
    /// the port, from which client) is asked once, when its socket is new.
    fn read_connections(&mut self) -> Vec<Read> {
        self.scans += 1;
        let scan = self.scans;
        let mut read = Vec::new();
        for fd in self.open_descriptors() {
            let Some(inode) = socket_inode(fd) else {
                continue;
            };
            let known = match self.known.get_mut(&fd) {
                Some(known) if known.inode == inode => known,
                _ => {
                    let conn = accepted_from(fd, self.port).map(|peer| Conn {
                        peer,
                        opened: None,
                        arriving: None,
                    });
                    let known = Known {
                        inode,
                        scan,
                        conn,
                        shut: false,
                    };
                    self.known.insert(fd, known);
                    self.known.get_mut(&fd).expect("just inserted")
                }
            };
            known.scan = scan;
            if known.conn.is_none() || known.shut {
                continue;
            }
            if let Some(info) = tcp_info(fd) {
                let at = Instant::now();
                read.push(Read {
                    fd,
                    inode,
                    info,
                    at,
                });
            }
        }
        self.known.retain(|_, known| known.scan == scan);
        read
    }

    fn scan(&mut self) {
        let started = Instant::now();
        let read = self.read_connections();
        // Rocket's marks, read after the kernel's counters: a request that reached
        // Rocket or was answered meanwhile is seen as such.
        let marks = self.requests.snapshot();
        let mut found = Vec::with_capacity(read.len());
        for Read {
            fd,
            inode,
            info,
            at,
        } in read
        {
            let Some(conn) = self.known.get_mut(&fd).and_then(|k| k.conn.as_mut()) else {
                continue;
            };
            let last_in = at.checked_sub(Duration::from_millis(info.since_received));
            let opened = *conn.opened.get_or_insert(last_in.unwrap_or(at));
            let mark = marks.get(&conn.peer);
            let phase = match mark {
                Some(mark) if mark.busy => Phase::Busy {
                    body: mark.body,
                    since: millis(at.saturating_duration_since(mark.at)),
                },
                _ if info.received == 0 => Phase::Silent,
                // No request of this connection has reached Rocket yet.
                None => Phase::Arriving(millis(at - opened)),
                Some(mark) => match last_in.filter(|&t| t > mark.at + TICK) {
                    Some(last_in) => {
                        let began = *conn.arriving.get_or_insert(last_in);
                        Phase::Arriving(millis(at.saturating_duration_since(began)))
                    }
                    None => Phase::Idle,
                },
            };
            if !matches!(phase, Phase::Arriving(_)) {
                conn.arriving = None;
            }
            let seen = Seen {
                received: info.received,
                since_received: info.since_received,
                since_sent: info.since_sent,
                age: millis(at - opened),
                phase,
            };
            found.push(Found {
                fd,
                inode,
                peer: conn.peer,
                seen,
            });
        }
        // Marks of connections that are gone (but not of one that opened since).
        if !marks.is_empty() {
            let live: HashSet<SocketAddr> = found.iter().map(|f| f.peer).collect();
            for peer in marks.keys().filter(|peer| !live.contains(peer)) {
                self.requests.forget(*peer, started);
            }
        }

        let mut kept = Vec::with_capacity(found.len());
        let mut timed_out: HashMap<&'static str, u64> = HashMap::new();
        for conn in found {
            match conn.seen.verdict(&self.limits) {
                Some(verdict) => {
                    self.shut_down(conn.fd, conn.inode);
                    *timed_out
                        .entry(verdict.reason(conn.seen.phase))
                        .or_default() += 1;
                }
                None => kept.push(conn),
            }
        }
        let open = kept.len();
        let (over_cap, per_address) = (self.shed.over_cap, self.shed.per_address);
        let kept = self.cap_per_address(kept);
        self.shed(kept);
        if let Some(metrics) = &self.metrics {
            for (reason, count) in timed_out {
                metrics.count_shed(reason, count);
            }
            metrics.count_shed("over_cap", (self.shed.over_cap - over_cap) as u64);
            metrics.count_shed("per_address", (self.shed.per_address - per_address) as u64);
        }
        self.shed.say(open, &self.limits);
    }

    /// Shuts down, from each client address over `per_address`, its connections
    /// past the cap in shedding order (busy ones are never shut down).
    fn cap_per_address(&mut self, kept: Vec<Found>) -> Vec<Found> {
        let cap = self.limits.per_address as usize;
        if cap == 0 || kept.len() <= cap {
            return kept;
        }
        let mut by_address: HashMap<IpAddr, Vec<usize>> = HashMap::new();
        for (i, conn) in kept.iter().enumerate() {
            let address = self.limits.address(conn.peer.ip());
            by_address.entry(address).or_default().push(i);
        }
        let mut cut = vec![false; kept.len()];
        for conns in by_address.values().filter(|conns| conns.len() > cap) {
            let mut sheddable: Vec<usize> = conns
                .iter()
                .copied()
                .filter(|&i| kept[i].seen.shed_order().is_some())
                .collect();
            sheddable.sort_by_key(|&i| kept[i].seen.shed_order());
            for &i in sheddable.iter().take(conns.len() - cap) {
                self.shut_down(kept[i].fd, kept[i].inode);
                cut[i] = true;
                self.shed.per_address += 1;
            }
            if !sheddable.is_empty() {
                self.shed.addresses += 1;
            }
        }
        kept.into_iter()
            .zip(cut)
            .filter_map(|(conn, cut)| (!cut).then_some(conn))
            .collect()
    }

    /// Over the cap, shuts down connections in shedding order (silent and arriving
    /// ones first, then idle ones; never busy ones) until a tenth of the cap is free
    /// again.
    fn shed(&mut self, kept: Vec<Found>) {
        let max = self.limits.max_connections as usize;
        if kept.len() <= max {
            return;
        }
        let goal = max - max / 10;
        let mut sheddable: Vec<(_, &Found)> = kept
            .iter()
            .filter_map(|c| c.seen.shed_order().map(|order| (order, c)))
            .collect();
        sheddable.sort_by_key(|(order, _)| *order);
        for (_, conn) in sheddable.into_iter().take(kept.len() - goal) {
            self.shut_down(conn.fd, conn.inode);
            self.shed.over_cap += 1;
        }
    }

    /// Shuts the connection down, through `spare` made a duplicate of `fd` and
    /// checked to still be the socket `inode`, so a descriptor number reused
    /// meanwhile is left alone; `spare` is parked on `/dev/null` again after.
    fn shut_down(&mut self, fd: RawFd, inode: u64) {
        if let Some(known) = self.known.get_mut(&fd).filter(|k| k.inode == inode) {
            known.shut = true;
        }
        let spare = self.spare.as_raw_fd();
        // SAFETY: dup2 makes `spare`, the watch's own number, a duplicate; the
        // original descriptor stays Rocket's, and `spare` never stops being open.
        unsafe {
            if libc::dup2(fd, spare) < 0 {
                return;
            }
            let mut stat: libc::stat = std::mem::zeroed();
            if libc::fstat(spare, &mut stat) == 0 && stat.st_ino == inode {
                libc::shutdown(spare, libc::SHUT_RDWR);
            }
            libc::dup2(self.null.as_raw_fd(), spare);
        }
    }
}

fn millis(d: Duration) -> u64 {
    d.as_millis() as u64
}

/// Whether this process has a socket listening on `port`.
fn listening_on(port: u16) -> bool {
    let Ok(dir) = std::fs::read_dir("/proc/self/fd") else {
        return false;
    };
    dir.flatten().any(|entry| {
        let fd = entry.file_name().to_str().and_then(|n| n.parse().ok());
        fd.is_some_and(|fd| socket_inode(fd).is_some() && local_port(fd, true) == Some(port))
    })
}

/// The inode of the socket behind descriptor `fd`, if it is a socket (`fstat`
/// needs no descriptor of its own).
fn socket_inode(fd: RawFd) -> Option<u64> {
    // SAFETY: fstat only writes into the struct passed.
    unsafe {
        let mut stat: libc::stat = std::mem::zeroed();
        let is_socket =
            libc::fstat(fd, &mut stat) == 0 && stat.st_mode & libc::S_IFMT == libc::S_IFSOCK;
        is_socket.then_some(stat.st_ino)
    }
}

/// Which address of `fd` `call` (`getsockname`, `getpeername`) gives, if an IP one.
fn address_of(
    fd: RawFd,
    call: unsafe extern "C" fn(
        libc::c_int,
        *mut libc::sockaddr,
        *mut libc::socklen_t,
    ) -> libc::c_int,
) -> Option<SocketAddr> {
    // SAFETY: the call writes at most `len` bytes into `addr`, and the family it
    // wrote says which struct those bytes are.
    unsafe {
        let mut addr: libc::sockaddr_storage = std::mem::zeroed();
        let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        if call(
            fd,
            (&mut addr as *mut libc::sockaddr_storage).cast(),
            &mut len,
        ) != 0
        {
            return None;
        }
        match addr.ss_family as libc::c_int {
            libc::AF_INET => {
                let v4 = &*(&addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>();
                let ip = std::net::Ipv4Addr::from(u32::from_be(v4.sin_addr.s_addr));
                Some(SocketAddr::new(IpAddr::V4(ip), u16::from_be(v4.sin_port)))
            }
            libc::AF_INET6 => {
                let v6 = &*(&addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>();
                let ip = std::net::Ipv6Addr::from(v6.sin6_addr.s6_addr);
                Some(SocketAddr::new(IpAddr::V6(ip), u16::from_be(v6.sin6_port)))
            }
            _ => None,
        }
    }
}

/// The local port of `fd`, if it is an IP socket that is listening (`listener`)
/// or not.
fn local_port(fd: RawFd, listener: bool) -> Option<u16> {
    let mut listening: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt only writes into the int passed, sized as declared.
    let got = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_ACCEPTCONN,
            (&mut listening as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    if got != 0 || (listening != 0) != listener {
        return None;
    }
    address_of(fd, libc::getsockname).map(|addr| addr.port())
}

/// The client's address and port, if `fd` is a connection accepted on `port`.
fn accepted_from(fd: RawFd, port: u16) -> Option<SocketAddr> {
    if local_port(fd, false) != Some(port) {
        return None;
    }
    address_of(fd, libc::getpeername).map(canonical)
}

/// What the kernel counts of one TCP connection.
struct Counters {
    /// Request bytes received so far.
    received: u64,
    /// Milliseconds since the last byte in (since it opened, if none).
    since_received: u64,
    /// Milliseconds since the last byte out.
    since_sent: u64,
}

/// The kernel's counters of `fd`, if it is a TCP socket.
fn tcp_info(fd: RawFd) -> Option<Counters> {
    // SAFETY: getsockopt only writes into the buffer passed, sized as declared.
    unsafe {
        let mut info: TcpInfo = std::mem::zeroed();
        let mut len = std::mem::size_of::<TcpInfo>() as libc::socklen_t;
        let got = libc::getsockopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&mut info as *mut TcpInfo).cast(),
            &mut len,
        );
        if got != 0 || (len as usize) < std::mem::size_of::<TcpInfo>() {
            return None;
        }
        Some(Counters {
            received: info.bytes_received,
            since_received: u64::from(info.times[LAST_DATA_RECV]),
            since_sent: u64::from(info.times[LAST_DATA_SENT]),
        })
    }
}

/// The start of the kernel's `struct tcp_info` (Linux 4.1 and later), as far as
/// the byte counters; glibc's copy of the struct stops before them.
#[repr(C)]
struct TcpInfo {
    flags: [u8; 8],
    times: [u32; 24],
    pacing_rate: [u64; 2],
    bytes_acked: u64,
    bytes_received: u64,
}

/// Positions in `TcpInfo::times` (after rto, ato, two mss and five counters).
const LAST_DATA_SENT: usize = 9;
const LAST_DATA_RECV: usize = 11;
