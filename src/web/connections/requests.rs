//! Which connections Rocket is answering a request on, as it sees them: a request
//! fairing marks the client's address and port busy when a request's headers reach
//! Rocket and done when its answer leaves the handler (errors and catchers
//! included: Rocket runs response fairings on every answer it dispatches). The watch
//! reads the marks, so it never has to guess from the kernel's byte counters
//! whether a request is being handled, which a `100 Continue` or a pipelined answer
//! made it get wrong.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Data, Request, Response};

/// Locks the marks are spread over (by the client's port), so requests on different
/// connections rarely wait for each other, and the watch holds each only briefly.
const SHARDS: usize = 16;

/// What Rocket last did on one connection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// A request is being handled: its headers reached Rocket, its answer has not
    /// left yet.
    pub busy: bool,
    /// The request may carry a body (a method that takes one), which its client may
    /// still be sending while Rocket handles it.
    pub body: bool,
    /// When the request reached Rocket (busy), or when its answer left (done).
    pub at: Instant,
}

/// The marks of the connections Rocket has seen a request on, by client address and
/// port; the watch forgets a mark once its connection is gone.
pub struct Requests {
    shards: [Mutex<HashMap<SocketAddr, Mark>>; SHARDS],
    /// Set when the watch runs; until then (Rocket's local client in tests, systems
    /// with no watch) the fairing marks nothing.
    active: AtomicBool,
}

impl Requests {
    pub fn new() -> Requests {
        Requests {
            shards: std::array::from_fn(|_| Mutex::new(HashMap::new())),
            active: AtomicBool::new(false),
        }
    }

    /// From now on, requests are marked.
    pub fn activate(&self) {
        self.active.store(true, Ordering::Relaxed);
    }

    fn shard(&self, peer: &SocketAddr) -> MutexGuard<'_, HashMap<SocketAddr, Mark>> {
        let shard = &self.shards[usize::from(peer.port()) % SHARDS];
        // A panic while holding a shard cannot leave a map half-changed: keep going.
        shard
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn mark(&self, peer: SocketAddr, mark: Mark) {
        self.shard(&peer).insert(canonical(peer), mark);
    }

    /// Every mark, one shard at a time (each lock is held only to copy it).
    pub fn snapshot(&self) -> HashMap<SocketAddr, Mark> {
        let mut all = HashMap::new();
        for shard in &self.shards {
            let copy = shard
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .clone();
            all.extend(copy);
        }
        all
    }

    /// Forgets the mark of `peer`, whose connection is gone, unless it was set at or
    /// after `before` (then it is a new connection's, from the same port).
    pub fn forget(&self, peer: SocketAddr, before: Instant) {
        let mut shard = self.shard(&peer);
        if shard.get(&peer).is_some_and(|mark| mark.at < before) {
            shard.remove(&peer);
        }
    }
}

/// An IPv4 client on an IPv6 socket as the IPv4 address it is, so the fairing's and
/// the kernel's spelling of one client always match.
pub fn canonical(peer: SocketAddr) -> SocketAddr {
    SocketAddr::new(peer.ip().to_canonical(), peer.port())
}

/// The request fairing that keeps `Requests`: one map insert when a request arrives
/// and one when its answer leaves.
pub struct Tracker(pub Arc<Requests>);

impl Tracker {
    fn peer(&self, request: &Request<'_>) -> Option<SocketAddr> {
        match self.0.active.load(Ordering::Relaxed) {
            true => request.remote(),
            false => None,
        }
    }
}

#[rocket::async_trait]
impl Fairing for Tracker {
    fn info(&self) -> Info {
        Info {
            name: "Requests in flight",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, request: &mut Request<'_>, _: &mut Data<'_>) {
        if let Some(peer) = self.peer(request) {
            let mark = Mark {
                busy: true,
                body: request.method().supports_payload(),
                at: Instant::now(),
            };
            self.0.mark(peer, mark);
        }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, _: &mut Response<'r>) {
        if let Some(peer) = self.peer(request) {
            let mark = Mark {
                busy: false,
                body: false,
                at: Instant::now(),
            };
            self.0.mark(peer, mark);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_set_after_the_connection_was_found_gone_is_kept() {
        let requests = Requests::new();
        let peer: SocketAddr = "[::ffff:127.0.0.1]:4000".parse().unwrap();
        let before = Instant::now();
        requests.mark(
            peer,
            Mark {
                busy: true,
                body: false,
                at: Instant::now(),
            },
        );
        let plain: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        assert!(requests.snapshot().contains_key(&plain));
        requests.forget(plain, before);
        assert!(requests.snapshot().contains_key(&plain));
        requests.forget(plain, Instant::now());
        assert!(requests.snapshot().is_empty());
    }
}
