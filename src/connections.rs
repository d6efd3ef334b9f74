//! A watch over the listening socket's connections, for what Rocket 0.5 leaves open:
//! it sets no header-read timeout, enforces no idle keep-alive timeout and accepts
//! every connection until the process runs out of file descriptors, so a few
//! thousand silent sockets (slowloris) starve everyone else.
//!
//! Rocket does not let an app wrap its listener, so the watch works beside it: it
//! raises the soft file limit to the hard one at start, and every second (every
//! 50 ms while the process is over its cap, which it looks at every 5 ms) it reads each accepted socket's
//! `TCP_INFO` from the kernel and shuts down those that have sent nothing for
//! `header_timeout`, are still sending a request `header_timeout` after it began,
//! went quiet halfway through one for two minutes, or have idled between requests
//! for longer than Rocket's `keep_alive`. Over `max_connections`, the silent and
//! idle ones that have been quiet longest go first. A socket is shut down, never
//! closed, through a duplicate of its descriptor whose inode is checked first, so a
//! number reused by another file is never touched; Rocket then sees the end of the
//! stream and drops the connection itself. The watch keeps the few descriptors it
//! needs open from the start, so it still works when the process has none left.
//!
//! Linux only; elsewhere the watch does nothing, and the README says to put a
//! reverse proxy in front.

use std::time::Duration;

use rocket::fairing::AdHoc;
use serde::Deserialize;

/// File descriptors kept free for the database, log files and new clients.
const RESERVE: u64 = 256;
/// The most connections kept by default, however high the file limit.
const DEFAULT_MAX: u64 = 16_384;
/// See `Limits::stalled_timeout`.
const STALLED_TIMEOUT: Duration = Duration::from_secs(120);

/// The limits the watch enforces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// How long a client may take to send a request (its headers and body).
    pub header_timeout: Duration,
    /// How long a connection may sit idle between requests.
    pub idle_timeout: Duration,
    /// The most connections open at once.
    pub max_connections: u64,
    /// A request under way whose client has sent nothing for this long stopped
    /// halfway (a handler never takes this long: a request's target checks end
    /// within 30 s, database waits within 5 s).
    pub stalled_timeout: Duration,
}

/// The operator's settings (`header_timeout`, `max_connections`; `keep_alive` is Rocket's).
#[derive(Debug, Deserialize)]
struct Config {
    #[serde(default = "default_header_timeout")]
    header_timeout: u64,
    max_connections: Option<u64>,
    #[serde(default = "default_keep_alive")]
    keep_alive: u64,
}

fn default_header_timeout() -> u64 {
    10
}

fn default_keep_alive() -> u64 {
    5
}

impl Limits {
    /// The limits for a process allowed `file_limit` descriptors.
    fn from_config(config: &Config, file_limit: u64) -> Result<Limits, String> {
        if !(1..=300).contains(&config.header_timeout) {
            return Err("header_timeout must be 1 to 300 seconds".into());
        }
        let room = file_limit.saturating_sub(RESERVE).max(16);
        let max_connections = config.max_connections.unwrap_or(room.min(DEFAULT_MAX));
        if max_connections == 0 || max_connections > room {
            return Err(format!(
                "max_connections must be 1 to {room} (the file limit {file_limit} less {RESERVE} kept free)"
            ));
        }
        let header_timeout = Duration::from_secs(config.header_timeout);
        Ok(Limits {
            header_timeout,
            // keep_alive = 0 means no keep-alive at all; Rocket closes after each answer.
            idle_timeout: Duration::from_secs(config.keep_alive.max(1)),
            max_connections,
            stalled_timeout: STALLED_TIMEOUT.max(header_timeout),
        })
    }
}

/// What the kernel says of one accepted connection, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seen {
    /// Request bytes received on it so far.
    pub received: u64,
    /// Answer bytes the client has acknowledged so far.
    pub sent: u64,
    /// Since the last byte from the client (since the connection opened, if none).
    pub since_received: u64,
    /// Since the last byte to the client.
    pub since_sent: u64,
    /// Since this watch first saw the connection.
    pub age: u64,
    /// Since this watch first saw the request now under way, if one is: it began
    /// after the last answer, and the watch looks once a second, so this is at most a
    /// second short.
    pub request_age: Option<u64>,
}

/// Why a connection is shut down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing received since it opened.
    Silent,
    /// Idle between requests.
    Idle,
    /// A request still arriving, or stalled, past its deadline.
    Slow,
}

impl Seen {
    /// The verdict on this connection under `limits`, or `None` if it may stay.
    pub fn verdict(&self, limits: &Limits) -> Option<Verdict> {
        let ms = |d: Duration| d.as_millis() as u64;
        if self.received == 0 {
            return (self.since_received.max(self.age) > ms(limits.header_timeout))
                .then_some(Verdict::Silent);
        }
        if !self.under_way() {
            return (self.since_sent > ms(limits.idle_timeout)).then_some(Verdict::Idle);
        }
        // A request is under way: its client is still sending long after it began,
        // or went quiet halfway (or its answer is taking far too long).
        let began = self.request_age.unwrap_or(0);
        let still_sending_late = began > ms(limits.header_timeout)
            && self.since_received < began - ms(limits.header_timeout);
        let stalled = self.since_received > ms(limits.stalled_timeout);
        (still_sending_late || stalled).then_some(Verdict::Slow)
    }

    /// Whether a request is under way: bytes came in after the last answer.
    pub fn under_way(&self) -> bool {
        self.received > 0 && !(self.sent > 0 && self.since_sent <= self.since_received)
    }

    /// How long the connection has been quiet (nothing in, nothing out).
    fn quiet(&self) -> u64 {
        self.since_received.min(self.since_sent)
    }

    /// Whether the watch may shut this connection down to get under the cap: it is
    /// silent or idle, not answering a request.
    fn sheddable(&self) -> bool {
        !self.under_way()
    }
}

/// Checks the settings when Rocket ignites (a bad value stops the launch with a clear
/// message), and starts the watch once it listens (tests through the local client
/// have no socket, so nothing starts there).
pub fn watch() -> AdHoc {
    AdHoc::try_on_ignite("Connection watch", |rocket| async move {
        let file_limit = sys::raise_file_limit();
        let config = rocket.figment().extract::<Config>();
        let limits = config
            .map_err(|e| e.to_string())
            .and_then(|config| Limits::from_config(&config, file_limit));
        match limits {
            Ok(limits) => Ok(
                rocket.attach(AdHoc::on_liftoff("Connection watch", move |rocket| {
                    Box::pin(async move {
                        sys::spawn(rocket.config().port, limits, rocket.shutdown());
                    })
                })),
            ),
            Err(e) => {
                rocket::error!("invalid configuration: {e}");
                Err(rocket)
            }
        }
    })
}

#[cfg(target_os = "linux")]
mod sys {
    //! The kernel's side: file limits, `/proc/self/fd`, `TCP_INFO`, `shutdown(2)`.

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
                    if since >= Duration::from_secs(1)
                        || crowded && since >= Duration::from_millis(50)
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
                    let v6 =
                        &*(&addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>();
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
}

#[cfg(not(target_os = "linux"))]
mod sys {
    //! No watch: the README asks for a reverse proxy on such systems.

    use rocket::Shutdown;

    use super::Limits;

    /// No watch, so no cap to check against the file limit.
    pub fn raise_file_limit() -> u64 {
        u64::MAX
    }

    pub fn spawn(_port: u16, _limits: Limits, _shutdown: Shutdown) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::from_config(
            &Config {
                header_timeout: 10,
                max_connections: None,
                keep_alive: 5,
            },
            1024,
        )
        .unwrap()
    }

    fn seen(received: u64, sent: u64, since_received: u64, since_sent: u64, age: u64) -> Seen {
        let mut seen = Seen {
            received,
            sent,
            since_received,
            since_sent,
            age,
            request_age: None,
        };
        seen.request_age = seen.under_way().then_some(age);
        seen
    }

    fn request(seen: Seen, request_age: u64) -> Seen {
        Seen {
            request_age: Some(request_age),
            ..seen
        }
    }

    #[test]
    fn the_cap_leaves_room_below_the_file_limit() {
        assert_eq!(limits().max_connections, 1024 - RESERVE);
        let config = Config {
            header_timeout: 10,
            max_connections: Some(2000),
            keep_alive: 5,
        };
        assert!(Limits::from_config(&config, 1024).is_err());
        assert!(Limits::from_config(&config, 1 << 19).is_ok());
        let lots = Config {
            max_connections: None,
            ..config
        };
        assert_eq!(
            Limits::from_config(&lots, 1 << 19).unwrap().max_connections,
            DEFAULT_MAX
        );
    }

    #[test]
    fn a_connection_that_sends_nothing_goes_after_the_header_timeout() {
        let l = limits();
        assert_eq!(seen(0, 0, 9_000, 9_000, 9_000).verdict(&l), None);
        assert_eq!(
            seen(0, 0, 10_500, 10_500, 0).verdict(&l),
            Some(Verdict::Silent)
        );
        assert_eq!(
            seen(0, 0, 100, 100, 10_500).verdict(&l),
            Some(Verdict::Silent)
        );
    }

    #[test]
    fn a_request_still_arriving_after_the_header_timeout_goes() {
        let l = limits();
        // First request, a byte every few seconds, for 11 s now.
        assert_eq!(
            seen(40, 0, 500, 11_000, 11_000).verdict(&l),
            Some(Verdict::Slow)
        );
        // The same after an answer: under way for 12 s, still sending.
        let late = request(seen(400, 300, 1_000, 12_000, 60_000), 12_000);
        assert_eq!(late.verdict(&l), Some(Verdict::Slow));
        // Sent in full 8 s ago and waiting for its answer: stays.
        assert_eq!(seen(400, 0, 8_000, 8_000, 8_100).verdict(&l), None);
    }

    #[test]
    fn a_request_after_a_long_idle_spell_is_timed_from_when_it_began() {
        let l = limits();
        // Idle 30 s since the last answer (keep_alive raised), then a request that
        // began a second ago: the idle spell does not count against it.
        let fresh = request(seen(800, 300, 100, 30_000, 90_000), 1_000);
        assert_eq!(fresh.verdict(&l), None);
    }

    #[test]
    fn a_request_whose_client_went_quiet_halfway_goes_in_the_end() {
        let l = limits();
        assert_eq!(seen(20, 0, 60_000, 60_000, 60_000).verdict(&l), None);
        assert_eq!(
            seen(20, 0, 121_000, 121_000, 121_000).verdict(&l),
            Some(Verdict::Slow)
        );
    }

    #[test]
    fn an_idle_keep_alive_connection_goes_after_keep_alive() {
        let l = limits();
        assert_eq!(seen(400, 300, 4_000, 3_900, 9_000).verdict(&l), None);
        assert_eq!(
            seen(400, 300, 6_000, 5_900, 9_000).verdict(&l),
            Some(Verdict::Idle)
        );
    }
}
