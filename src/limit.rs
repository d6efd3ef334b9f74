//! Rate limits (governor's GCRA): per client IP on link creation and on password
//! attempts for protected links, and per secret on owners' changes.

use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::serde::Deserialize;

use crate::error::Error;

/// `[default.rate_limit]`: creates per minute per client, and the burst allowed at once.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(crate = "rocket::serde", default)]
pub struct RateLimit {
    /// 0 turns limiting off (benchmarks, bulk imports).
    pub per_minute: u32,
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            per_minute: 60,
            burst: 20,
        }
    }
}

/// The app's two limiters, managed as state.
pub struct Limiters {
    /// `POST /url`.
    pub create: Limiter,
    /// Password attempts on protected links (`POST /{key}`).
    pub unlock: Limiter,
    /// Owners' changes (edit, delete), by the secret's hash.
    pub owner: Limiter<[u8; 32]>,
}

impl RateLimit {
    /// The default for password attempts: a person retyping is fine, guessing is not.
    pub fn unlock_default() -> RateLimit {
        RateLimit {
            per_minute: 10,
            burst: 5,
        }
    }

    /// The default for owners' changes: a person editing is fine, a script that
    /// rewrites a link many times a second (making every server re-read it) is not.
    pub fn owner_default() -> RateLimit {
        RateLimit {
            per_minute: 10,
            burst: 5,
        }
    }
}

/// One limiter, keyed by client address unless said otherwise; `None` inside when
/// limiting is off.
pub struct Limiter<K: Hash + Eq + Clone = IpAddr> {
    limiter: Option<DefaultKeyedRateLimiter<K>>,
    checks: AtomicU32,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    /// A limiter for `config`; `Err` explains a value that cannot work.
    pub fn new(config: RateLimit) -> Result<Limiter<K>, String> {
        let limiter = match NonZeroU32::new(config.per_minute) {
            None => None,
            Some(per_minute) => {
                let burst =
                    NonZeroU32::new(config.burst).ok_or("rate_limit.burst must be at least 1")?;
                Some(DefaultKeyedRateLimiter::keyed(
                    Quota::per_minute(per_minute).allow_burst(burst),
                ))
            }
        };
        Ok(Limiter {
            limiter,
            checks: AtomicU32::new(0),
        })
    }

    /// Takes one request from `key`'s allowance; `Err` holds the seconds to wait.
    pub fn check_key(&self, key: &K) -> Result<(), u64> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        // Forget keys whose allowance is full again, now and then, so memory stays bounded.
        if self.checks.fetch_add(1, Ordering::Relaxed) % 4096 == 4095 {
            limiter.retain_recent();
        }
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(limiter.clock().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

impl Limiter {
    /// Takes one request from `client`'s allowance; `Err` holds the seconds to wait.
    pub fn check(&self, client: Option<IpAddr>) -> Result<(), u64> {
        self.check_key(&client.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
    }
}

/// A request guard: the client may create a link now. The client address honours
/// Rocket's `ip_header` setting, for deployments behind a reverse proxy.
pub struct Allowed;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Allowed {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(limiters) = req.rocket().state::<Limiters>() else {
            return Outcome::Success(Allowed);
        };
        match limiters.create.check(req.client_ip()) {
            Ok(()) => Outcome::Success(Allowed),
            Err(seconds) => Outcome::Error((Status::TooManyRequests, Error::RateLimited(seconds))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_burst_then_waits() {
        let limiter = Limiter::new(RateLimit {
            per_minute: 60,
            burst: 3,
        })
        .unwrap();
        let client = Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)));

        for _ in 0..3 {
            assert_eq!(limiter.check(client), Ok(()));
        }
        assert_eq!(limiter.check(client), Err(1), "one a second at 60 a minute");
        assert_eq!(
            limiter.check(Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2)))),
            Ok(())
        );
    }

    #[test]
    fn zero_per_minute_turns_limiting_off() {
        let limiter = Limiter::new(RateLimit {
            per_minute: 0,
            burst: 0,
        })
        .unwrap();

        assert!((0..1000).all(|_| limiter.check(None).is_ok()));
    }

    #[test]
    fn a_zero_burst_is_refused() {
        assert!(Limiter::<IpAddr>::new(RateLimit {
            per_minute: 10,
            burst: 0
        })
        .is_err());
    }
}
