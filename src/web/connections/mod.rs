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
//! Linux only; elsewhere the watch does nothing, and docs/security.md says to put a
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
    header_timeout: u64,
    max_connections: Option<u64>,
    keep_alive: u64,
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
#[path = "linux.rs"]
mod sys;

#[cfg(not(target_os = "linux"))]
mod sys {
    //! No watch: docs/security.md asks for a reverse proxy on such systems.

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
