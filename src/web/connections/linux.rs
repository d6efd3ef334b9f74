//! The connection watch, the kernel's side: file limits, `/proc/self/fd`, `TCP_INFO`, `shutdown(2)`.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rocket::Shutdown;

use super::{Limits, Seen};

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
pub fn spawn(port: u16, limits: Limits, shutdown: Shutdown) {
    if !listening_on(port) {
        return; // Rocket's local client: no socket to watch.
    }
    let mut watch = match Watch::new(port, limits) {
        Ok(watch) => watch,
        Err(e) => return rocket::error!("the connection watch did not start: {e}"),
    };
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
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(5));
                let since = last_scan.elapsed();
                let crowded = watch.lowest_free_file() > limits.max_connections;
                if since >= Duration::from_secs(1) || crowded && since >= Duration::from_millis(50)
                {
                    watch.scan();
                    last_scan = Instant::now();
                }
            }
        });
    if let Err(e) = result {
        rocket::error!("the connection watch did not start: {e}");
    }
}

/// What the watch remembers of a connection between scans.
struct Known {
    first_seen: Instant,
    /// When the request now under way was first seen, if one is.
    request_seen: Option<Instant>,
    /// Answer bytes at the last scan: when they grow, an answer went out, so what
    /// is under way now is a new request.
    sent: u64,
}

struct Watch {
    port: u16,
    limits: Limits,
    known: HashMap<u64, Known>,
    /// `/proc/self/fd`, opened once and read again from its start each scan, so a
    /// scan needs no new descriptor.
    fds: std::fs::File,
    /// `/dev/null`, to ask for the lowest free number, and to park `spare` on.
    null: std::fs::File,
    /// A descriptor number of the watch's own that a socket is duplicated onto
    /// (`dup2` needs no free number) to be checked and shut down.
    spare: std::fs::File,
    buffer: Vec<u8>,
}

/// One accepted connection as found in a scan.
struct Found {
    fd: RawFd,
    inode: u64,
    seen: Seen,
}

impl Watch {
    fn new(port: u16, limits: Limits) -> std::io::Result<Watch> {
        use std::os::unix::fs::OpenOptionsExt;
        let fds = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY)
            .open("/proc/self/fd")?;
        Ok(Watch {
            port,
            limits,
            known: HashMap::new(),
            fds,
            null: std::fs::File::open("/dev/null")?,
            spare: std::fs::File::open("/dev/null")?,
            buffer: vec![0; 64 * 1024],
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

    fn scan(&mut self) {
        let now = Instant::now();
        let mut found = Vec::new();
        for fd in self.open_descriptors() {
            let Some(inode) = socket_inode(fd) else {
                continue;
            };
            let Some(mut seen) = accepted_on(fd, self.port) else {
                continue;
            };
            let known = self.known.entry(inode).or_insert(Known {
                first_seen: now,
                request_seen: None,
                sent: seen.sent,
            });
            known.request_seen = match (seen.under_way(), known.request_seen) {
                (false, _) => None,
                (true, Some(at)) if known.sent == seen.sent => Some(at),
                (true, _) => Some(now),
            };
            known.sent = seen.sent;
            seen.age = millis(now - known.first_seen);
            seen.request_age = known.request_seen.map(|at| millis(now - at));
            found.push(Found { fd, inode, seen });
        }
        let live: HashSet<u64> = found.iter().map(|f| f.inode).collect();
        self.known.retain(|inode, _| live.contains(inode));

        let mut kept = Vec::with_capacity(found.len());
        for conn in found {
            match conn.seen.verdict(&self.limits) {
                Some(_) => self.shut_down(conn.fd, conn.inode),
                None => kept.push(conn),
            }
        }
        self.shed(kept);
    }

    /// Over the cap, shuts down silent and idle connections, quiet longest first,
    /// until a tenth of the cap is free again.
    fn shed(&self, kept: Vec<Found>) {
        let max = self.limits.max_connections as usize;
        if kept.len() <= max {
            return;
        }
        let goal = max - max / 10;
        let mut quiet: Vec<&Found> = kept.iter().filter(|c| c.seen.sheddable()).collect();
        quiet.sort_by_key(|c| Reverse(c.seen.quiet()));
        for conn in quiet.into_iter().take(kept.len() - goal) {
            self.shut_down(conn.fd, conn.inode);
        }
    }

    /// Shuts the connection down, through `spare` made a duplicate of `fd` and
    /// checked to still be the socket `inode`, so a descriptor number reused
    /// meanwhile is left alone; `spare` is parked on `/dev/null` again after.
    fn shut_down(&self, fd: RawFd, inode: u64) {
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

/// The inode of the socket behind descriptor `fd`, if it is a socket
/// (`readlink` needs no descriptor of its own).
fn socket_inode(fd: RawFd) -> Option<u64> {
    let target = std::fs::read_link(format!("/proc/self/fd/{fd}")).ok()?;
    let target = target.to_str()?;
    target
        .strip_prefix("socket:[")?
        .strip_suffix(']')?
        .parse()
        .ok()
}

/// The local port of `fd`, if it is an IP socket that is listening (`listener`)
/// or not.
fn local_port(fd: RawFd, listener: bool) -> Option<u16> {
    // SAFETY: each call only writes into the buffer passed, sized as declared.
    unsafe {
        let mut listening: libc::c_int = 0;
        let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        let got = libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_ACCEPTCONN,
            (&mut listening as *mut libc::c_int).cast(),
            &mut len,
        );
        if got != 0 || (listening != 0) != listener {
            return None;
        }
        let mut addr: libc::sockaddr_storage = std::mem::zeroed();
        let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        if libc::getsockname(
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
                Some(u16::from_be(v4.sin_port))
            }
            libc::AF_INET6 => {
                let v6 = &*(&addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>();
                Some(u16::from_be(v6.sin6_port))
            }
            _ => None,
        }
    }
}

/// What the kernel says of `fd`, if it is a TCP connection accepted on `port`.
fn accepted_on(fd: RawFd, port: u16) -> Option<Seen> {
    if local_port(fd, false) != Some(port) {
        return None;
    }
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
        Some(Seen {
            received: info.bytes_received,
            sent: info.bytes_acked,
            since_received: u64::from(info.times[LAST_DATA_RECV]),
            since_sent: u64::from(info.times[LAST_DATA_SENT]),
            age: 0,
            request_age: None,
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
