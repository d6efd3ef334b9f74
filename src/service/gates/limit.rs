//! Rate limits (governor's GCRA): per client address on link creation and on password
//! attempts for protected links, and per link or collection on owners' changes. IPv6 clients are keyed by their network
//! prefix (a /64 by default): one subscriber usually holds a whole /64, so keying on the
//! exact address would give them 2^64 fresh allowances.

use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::settings::RateLimit;

/// The key a client's allowance is kept under: an IPv4 address as is (also when it
/// arrives IPv4-mapped, `::ffff:a.b.c.d`), an IPv6 address cut to its first
/// `ipv6_prefix` bits, so rotating addresses within one network gains nothing.
pub fn client_key(ip: IpAddr, ipv6_prefix: u8) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u32::from(ipv6_prefix.min(128));
                let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
                IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
            }
        },
    }
}

/// One limiter, keyed by client address unless said otherwise; `None` inside when
/// limiting is off.
pub struct Limiter<K: Hash + Eq + Clone = IpAddr> {
    limiter: Option<DefaultKeyedRateLimiter<K>>,
    /// For client addresses: the IPv6 prefix length they are keyed by.
    ipv6_prefix: u8,
    checks: AtomicU32,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    /// A limiter for `config` keyed by `K` as it is; `Err` explains a value that cannot work.
    pub fn keyed(config: RateLimit) -> Result<Limiter<K>, String> {
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
            ipv6_prefix: 128,
            checks: AtomicU32::new(0),
        })
    }

    /// Takes one request from `key`'s allowance; `Err` holds the seconds to wait.
    pub fn take_key(&self, key: &K) -> Result<(), u64> {
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
    /// A limiter for `config`, keying IPv6 clients by their `/ipv6_prefix`; `Err`
    /// explains a value that cannot work.
    pub fn new(config: RateLimit, ipv6_prefix: u8) -> Result<Limiter, String> {
        if !(1..=128).contains(&ipv6_prefix) {
            return Err("ipv6_prefix must be within 1..=128".into());
        }
        Ok(Limiter {
            ipv6_prefix,
            ..Limiter::keyed(config)?
        })
    }

    /// Takes one request from `client`'s allowance; `Err` holds the seconds to wait.
    pub fn take(&self, client: Option<IpAddr>) -> Result<(), u64> {
        let client = client.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        self.take_key(&client_key(client, self.ipv6_prefix))
    }

    /// Takes up to `n` requests from `client`'s allowance, one at a time, and says how
    /// many it got; when that is fewer than `n`, also the seconds until the next.
    pub fn take_up_to(&self, client: Option<IpAddr>, n: usize) -> (usize, Option<u64>) {
        for taken in 0..n {
            if let Err(wait) = self.take(client) {
                return (taken, Some(wait));
            }
        }
        (n, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IPv6 prefix of the compiled-in settings.
    const DEFAULT_IPV6_PREFIX: u8 = 64;

    /// The create allowance of the compiled-in settings.
    const CREATES: RateLimit = RateLimit {
        per_minute: 60,
        burst: 20,
    };

    #[test]
    fn a_client_gets_its_burst_then_waits() {
        let limiter = Limiter::new(
            RateLimit {
                per_minute: 60,
                burst: 3,
            },
            DEFAULT_IPV6_PREFIX,
        )
        .unwrap();
        let client = Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)));

        for _ in 0..3 {
            assert_eq!(limiter.take(client), Ok(()));
        }
        assert_eq!(limiter.take(client), Err(1), "one a second at 60 a minute");
        assert_eq!(
            limiter.take(Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2)))),
            Ok(())
        );
    }

    #[test]
    fn zero_per_minute_turns_limiting_off() {
        let limiter = Limiter::new(
            RateLimit {
                per_minute: 0,
                burst: 0,
            },
            DEFAULT_IPV6_PREFIX,
        )
        .unwrap();

        assert!((0..1000).all(|_| limiter.take(None).is_ok()));
    }

    #[test]
    fn a_zero_burst_is_refused() {
        assert!(Limiter::new(
            RateLimit {
                per_minute: 10,
                burst: 0
            },
            DEFAULT_IPV6_PREFIX
        )
        .is_err());
        assert!(Limiter::new(CREATES, 0).is_err());
        assert!(Limiter::new(CREATES, 129).is_err());
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    fn one_a_minute(ipv6_prefix: u8) -> Limiter {
        let config = RateLimit {
            per_minute: 1,
            burst: 1,
        };
        Limiter::new(config, ipv6_prefix).unwrap()
    }

    #[test]
    fn addresses_in_one_ipv6_slash_64_share_an_allowance() {
        let limiter = one_a_minute(DEFAULT_IPV6_PREFIX);

        assert_eq!(limiter.take(ip("2001:db8::1")), Ok(()));
        assert!(limiter.take(ip("2001:db8::2")).is_err(), "same /64");
        assert!(limiter.take(ip("2001:db8::ffff:ffff:ffff:ffff")).is_err());
        assert_eq!(limiter.take(ip("2001:db8:0:1::1")), Ok(()), "next /64");
    }

    #[test]
    fn the_ipv6_prefix_length_is_a_setting() {
        let per_48 = one_a_minute(48);
        assert_eq!(per_48.take(ip("2001:db8::1")), Ok(()));
        assert!(per_48.take(ip("2001:db8:0:1::1")).is_err(), "same /48");
        assert_eq!(per_48.take(ip("2001:db8:1::1")), Ok(()));

        let exact = one_a_minute(128);
        assert_eq!(exact.take(ip("2001:db8::1")), Ok(()));
        assert_eq!(exact.take(ip("2001:db8::2")), Ok(()));
    }

    #[test]
    fn an_ipv4_mapped_address_is_the_ipv4_client() {
        let limiter = one_a_minute(DEFAULT_IPV6_PREFIX);

        assert_eq!(limiter.take(ip("192.0.2.1")), Ok(()));
        assert!(limiter.take(ip("::ffff:192.0.2.1")).is_err());
        assert_eq!(
            limiter.take(ip("::ffff:192.0.2.2")),
            Ok(()),
            "not one /64 for all of IPv4"
        );
    }

    #[test]
    fn taking_many_stops_at_the_allowance() {
        let limiter = Limiter::new(CREATES, DEFAULT_IPV6_PREFIX).unwrap();

        let (taken, wait) = limiter.take_up_to(ip("192.0.2.1"), 100);

        assert_eq!(taken, 20, "the burst");
        assert_eq!(wait, Some(1));
        assert_eq!(limiter.take_up_to(ip("192.0.2.2"), 5), (5, None));
    }
}
