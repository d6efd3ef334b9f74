//! A watch over the listening socket's connections, for what Rocket 0.5 leaves open:
//! it sets no header-read timeout, enforces no idle keep-alive timeout and accepts
//! every connection until the process runs out of file descriptors, so a few
//! thousand silent sockets (slowloris) starve everyone else.
//!
//! Rocket does not let an app wrap its listener, so the watch works beside it. A
//! request fairing (`requests.rs`) marks each connection Rocket is handling a
//! request on, by the client's address and port, and when its answer left. At
//! start the watch raises the soft file limit to the hard one; every second (more
//! often while the process is over its cap, which it looks at every 5 ms) it reads
//! each accepted socket's `TCP_INFO` from the kernel and, with the marks, puts it in
//! one of four phases (`Phase`): silent, a request arriving that has not reached
//! Rocket, busy (Rocket is handling a request: never cut), idle between requests.
//! Silent and arriving ones go after `header_timeout`, idle ones after Rocket's
//! `keep_alive`. Over `max_connections`, silent and arriving ones go first (longest
//! there first), then idle ones (quiet longest first); one client address (IPv6: its
//! `ipv6_prefix` network) keeps at most `max_connections_per_address`. A socket is
//! shut down, never closed, through a duplicate of its descriptor whose inode is
//! checked first, so a number reused by another file is never touched; Rocket then
//! sees the end of the stream and drops the connection itself. The watch keeps the
//! few descriptors it needs open from the start, so it still works when the process
//! has none left.
//!
//! Linux only; elsewhere the watch does nothing, and docs/security.md says to put a
//! reverse proxy in front.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use rocket::fairing::AdHoc;
use serde::Deserialize;

use crate::metrics::Metrics;

mod requests;

pub use requests::Requests;

/// File descriptors kept free for the database, log files and new clients.
const RESERVE: u64 = 256;
/// The most connections kept by default, however high the file limit.
const DEFAULT_MAX: u64 = 16_384;
/// See `Limits::stalled_timeout`.
const STALLED_TIMEOUT: Duration = Duration::from_secs(120);

/// The limits the watch enforces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// How long a client may take to send a request: its headers until they reach
    /// Rocket, its body until `header_timeout` after that.
    pub header_timeout: Duration,
    /// How long a connection may sit idle between requests.
    pub idle_timeout: Duration,
    /// The most connections open at once.
    pub max_connections: u64,
    /// The most connections open at once from one client address (IPv6: from one
    /// network of `ipv6_prefix` bits); 0: no such cap.
    pub per_address: u64,
    /// See `per_address`.
    pub ipv6_prefix: u8,
    /// A request with a body, being handled, whose client has sent nothing for this
    /// long stopped halfway through its body (Rocket cannot say whether a body has
    /// all arrived; a handler never takes this long: a request's target checks end
    /// within 30 s, database waits within 5 s).
    pub stalled_timeout: Duration,
}

/// The operator's settings (`header_timeout`, `max_connections`,
/// `max_connections_per_address`; `keep_alive` is Rocket's, `ipv6_prefix` the app's).
#[derive(Debug, Deserialize)]
struct Config {
    header_timeout: u64,
    max_connections: Option<u64>,
    max_connections_per_address: u64,
    keep_alive: u64,
    ipv6_prefix: u8,
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
            per_address: config.max_connections_per_address,
            ipv6_prefix: config.ipv6_prefix.clamp(1, 128),
            stalled_timeout: STALLED_TIMEOUT.max(header_timeout),
        })
    }

    /// The address a connection from `ip` counts against for `per_address`: the
    /// address itself, or its network for IPv6.
    pub fn address(&self, ip: IpAddr) -> IpAddr {
        match ip.to_canonical() {
            IpAddr::V6(v6) => {
                let mask = u128::MAX << (128 - u32::from(self.ipv6_prefix));
                IpAddr::V6((u128::from(v6) & mask).into())
            }
            v4 => v4,
        }
    }
}

/// Where a connection stands, from the kernel's counters and Rocket's marks; times
/// in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Nothing received since it opened.
    Silent,
    /// Bytes came in that have not reached Rocket as a request, for this long (a
    /// first request: since the connection opened; a later one: since the watch first
    /// saw bytes after the last answer).
    Arriving(u64),
    /// Rocket is handling a request on it, since this long; `body`: one of a method
    /// that takes a body.
    Busy { body: bool, since: u64 },
    /// Rocket has answered, and nothing came in after.
    Idle,
}

/// What the watch knows of one accepted connection, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seen {
    /// Request bytes received on it so far.
    pub received: u64,
    /// Since the last byte from the client (since the connection opened, if none).
    pub since_received: u64,
    /// Since the last byte to the client.
    pub since_sent: u64,
    /// Since the connection opened (as near as the watch can tell, never more).
    pub age: u64,
    /// Where it stands.
    pub phase: Phase,
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

impl Verdict {
    /// The `reason` `shortener_connections_shed_total` counts this verdict under, for
    /// a connection in `phase`: headers that never all came (nothing sent, or
    /// dribbled) are `header_timeout`, a body that stalled `slow_body`.
    pub fn reason(self, phase: Phase) -> &'static str {
        match (self, phase) {
            (Verdict::Idle, _) => "idle",
            (Verdict::Slow, Phase::Busy { .. }) => "slow_body",
            _ => "header_timeout",
        }
    }
}

impl Seen {
    /// The verdict on this connection under `limits`, or `None` if it may stay.
    pub fn verdict(&self, limits: &Limits) -> Option<Verdict> {
        let ms = |d: Duration| d.as_millis() as u64;
        let header_timeout = ms(limits.header_timeout);
        match self.phase {
            Phase::Silent => {
                (self.since_received.max(self.age) > header_timeout).then_some(Verdict::Silent)
            }
            Phase::Arriving(since) => (since > header_timeout).then_some(Verdict::Slow),
            Phase::Idle => (self.since_sent > ms(limits.idle_timeout)).then_some(Verdict::Idle),
            Phase::Busy { body: false, .. } => None,
            Phase::Busy { body: true, since } => {
                // Rocket has the headers; its client still sending long after, or
                // gone quiet for minutes, is dribbling or abandoning the body.
                let still_sending_late =
                    since > header_timeout && self.since_received < since - header_timeout;
                let stalled = self.since_received > ms(limits.stalled_timeout);
                (still_sending_late || stalled).then_some(Verdict::Slow)
            }
        }
    }

    /// Over the cap, the order connections are shut down in, first first: silent
    /// and arriving ones (there longest first), then idle ones (quiet longest
    /// first); `None` for a busy one, which is never shed.
    pub fn shed_order(&self) -> Option<(u8, std::cmp::Reverse<u64>)> {
        use std::cmp::Reverse;
        match self.phase {
            Phase::Silent => Some((0, Reverse(self.age.max(self.since_received)))),
            Phase::Arriving(since) => Some((0, Reverse(since))),
            Phase::Idle => Some((1, Reverse(self.since_received.min(self.since_sent)))),
            Phase::Busy { .. } => None,
        }
    }
}

/// Checks the settings when Rocket ignites (a bad value stops the launch with a clear
/// message), attaches the request fairing, and starts the watch once Rocket listens
/// (tests through the local client have no socket, so nothing starts there).
pub fn watch() -> AdHoc {
    AdHoc::try_on_ignite("Connection watch", |rocket| async move {
        let file_limit = raise_file_limit();
        let config = rocket.figment().extract::<Config>();
        let limits = config
            .map_err(|e| e.to_string())
            .and_then(|config| Limits::from_config(&config, file_limit));
        let mut limits = match limits {
            Ok(limits) => limits,
            Err(e) => {
                rocket::error!("invalid configuration: {e}");
                return Err(rocket);
            }
        };
        let requests = Arc::new(Requests::new());
        let tracker = requests::Tracker(requests.clone());
        Ok(rocket
            .attach(tracker)
            .attach(AdHoc::on_liftoff("Connection watch", move |rocket| {
                Box::pin(async move {
                    // Behind a proxy every connection comes from the proxy: a cap
                    // per address would be a cap on everyone (the proxy's to set).
                    if rocket.config().ip_header.is_some() {
                        limits.per_address = 0;
                    }
                    let metrics = rocket.state::<Arc<Metrics>>().cloned();
                    let port = rocket.config().port;
                    spawn(port, limits, requests, metrics, rocket.shutdown());
                })
            })))
    })
}

#[cfg(target_os = "linux")]
mod watch;
#[cfg(target_os = "linux")]
use {crate::kernel::raise_file_limit, watch::spawn};

#[cfg(not(target_os = "linux"))]
use elsewhere::{raise_file_limit, spawn};

#[cfg(not(target_os = "linux"))]
mod elsewhere {
    //! No watch: docs/security.md asks for a reverse proxy on such systems.

    use std::sync::Arc;

    use rocket::Shutdown;

    use super::{Limits, Metrics, Requests};

    /// No watch, so no cap to check against the file limit.
    pub fn raise_file_limit() -> u64 {
        u64::MAX
    }

    pub fn spawn(
        _port: u16,
        _limits: Limits,
        _requests: Arc<Requests>,
        _metrics: Option<Arc<Metrics>>,
        _shutdown: Shutdown,
    ) {
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            header_timeout: 10,
            max_connections: None,
            max_connections_per_address: 256,
            keep_alive: 5,
            ipv6_prefix: 64,
        }
    }

    fn limits() -> Limits {
        Limits::from_config(&config(), 1024).unwrap()
    }

    fn seen(phase: Phase, received: u64, since_received: u64, since_sent: u64, age: u64) -> Seen {
        Seen {
            received,
            since_received,
            since_sent,
            age,
            phase,
        }
    }

    #[test]
    fn the_cap_leaves_room_below_the_file_limit() {
        assert_eq!(limits().max_connections, 1024 - RESERVE);
        let config = Config {
            max_connections: Some(2000),
            ..config()
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
        assert_eq!(
            seen(Phase::Silent, 0, 9_000, 9_000, 9_000).verdict(&l),
            None
        );
        let late = seen(Phase::Silent, 0, 10_500, 10_500, 0);
        assert_eq!(late.verdict(&l), Some(Verdict::Silent));
        let old = seen(Phase::Silent, 0, 100, 100, 10_500);
        assert_eq!(old.verdict(&l), Some(Verdict::Silent));
    }

    #[test]
    fn a_request_that_has_not_reached_rocket_goes_at_the_header_timeout() {
        let l = limits();
        // One byte, then nothing: no longer "a request under way" for two minutes.
        let one_byte = seen(Phase::Arriving(10_500), 1, 10_500, 10_500, 10_500);
        assert_eq!(one_byte.verdict(&l), Some(Verdict::Slow));
        let dribbling = seen(Phase::Arriving(11_000), 40, 200, 11_000, 11_000);
        assert_eq!(dribbling.verdict(&l), Some(Verdict::Slow));
        let fresh = seen(Phase::Arriving(9_000), 40, 200, 30_000, 60_000);
        assert_eq!(fresh.verdict(&l), None);
    }

    #[test]
    fn a_request_rocket_is_handling_is_never_cut() {
        let l = limits();
        // Long after its client last sent anything, and long after the last answer
        // (a 100 Continue, or an earlier pipelined answer).
        let busy = Phase::Busy {
            body: false,
            since: 600_000,
        };
        assert_eq!(seen(busy, 400, 600_000, 600_000, 600_000).verdict(&l), None);
        let with_body = Phase::Busy {
            body: true,
            since: 60_000,
        };
        assert_eq!(
            seen(with_body, 400, 59_000, 59_500, 60_000).verdict(&l),
            None
        );
    }

    #[test]
    fn a_body_dribbled_or_abandoned_halfway_goes_in_the_end() {
        let l = limits();
        let dribbling = Phase::Busy {
            body: true,
            since: 11_000,
        };
        let late = seen(dribbling, 400, 300, 11_000, 11_000);
        assert_eq!(late.verdict(&l), Some(Verdict::Slow));
        let abandoned = Phase::Busy {
            body: true,
            since: 121_000,
        };
        let quiet = seen(abandoned, 400, 121_000, 121_000, 121_000);
        assert_eq!(quiet.verdict(&l), Some(Verdict::Slow));
    }

    #[test]
    fn shed_connections_are_counted_under_the_reason_they_went_for() {
        let body = Phase::Busy {
            body: true,
            since: 1,
        };
        assert_eq!(Verdict::Silent.reason(Phase::Silent), "header_timeout");
        assert_eq!(Verdict::Slow.reason(Phase::Arriving(1)), "header_timeout");
        assert_eq!(Verdict::Slow.reason(body), "slow_body");
        assert_eq!(Verdict::Idle.reason(Phase::Idle), "idle");
        for reason in ["header_timeout", "slow_body", "idle"] {
            assert!(crate::metrics::SHED_REASONS.contains(&reason));
        }
    }

    #[test]
    fn an_idle_keep_alive_connection_goes_after_keep_alive() {
        let l = limits();
        assert_eq!(
            seen(Phase::Idle, 400, 4_000, 3_900, 9_000).verdict(&l),
            None
        );
        let idle = seen(Phase::Idle, 400, 6_000, 5_900, 9_000);
        assert_eq!(idle.verdict(&l), Some(Verdict::Idle));
    }

    #[test]
    fn requests_not_yet_at_rocket_are_shed_before_idle_connections() {
        let idle = seen(Phase::Idle, 400, 4_000, 4_000, 60_000);
        let arriving = seen(Phase::Arriving(100), 1, 100, 100, 100);
        let silent = seen(Phase::Silent, 0, 50, 50, 50);
        let busy = seen(
            Phase::Busy {
                body: false,
                since: 1,
            },
            9,
            1,
            1,
            1,
        );
        assert!(arriving.shed_order() < idle.shed_order());
        assert!(arriving.shed_order() < silent.shed_order());
        assert_eq!(busy.shed_order(), None);
    }

    #[test]
    fn ipv6_clients_count_per_network() {
        let l = limits();
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        assert_eq!(l.address(a), l.address(b));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(l.address(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }
}
