//! The connection watch itself: every scan reads each connection's counters (through
//! `kernel`, the one module that talks to the kernel), judges it against the limits and
//! Rocket's marks, and sheds what is over a cap. No system call is made here.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rocket::Shutdown;

use super::requests::canonical;
use super::{Limits, Phase, Requests, Seen};
use crate::kernel::descriptors::Descriptors;
use crate::kernel::sockets::{accepted_from, local_port, socket_inode, tcp_info, Counters};
use crate::metrics::Metrics;

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
                let crowded = watch.descriptors.lowest_free() > limits.max_connections;
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
    /// The process's descriptors, read and shut down without new ones.
    descriptors: Descriptors,
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
        Ok(Watch {
            port,
            limits,
            requests,
            known: HashMap::new(),
            scans: 0,
            descriptors: Descriptors::new()?,
            shed: Shed::default(),
            metrics,
        })
    }

    /// The kernel's counters of every connection accepted on the port. A descriptor
    /// costs two system calls (`fstat`, `TCP_INFO`); what it is (a connection on
    /// the port, from which client) is asked once, when its socket is new.
    fn read_connections(&mut self) -> Vec<Read> {
        self.scans += 1;
        let scan = self.scans;
        let mut read = Vec::new();
        for fd in self.descriptors.open() {
            let Some(inode) = socket_inode(fd) else {
                continue;
            };
            let known = match self.known.get_mut(&fd) {
                Some(known) if known.inode == inode => known,
                _ => {
                    let conn = accepted_from(fd, self.port).map(|peer| Conn {
                        peer: canonical(peer),
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

    /// Shuts the connection down if `fd` is still the socket `inode` (a number
    /// reused meanwhile is left alone), and remembers it as shut.
    fn shut_down(&mut self, fd: RawFd, inode: u64) {
        if let Some(known) = self.known.get_mut(&fd).filter(|k| k.inode == inode) {
            known.shut = true;
        }
        self.descriptors.shut_down(fd, inode);
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
