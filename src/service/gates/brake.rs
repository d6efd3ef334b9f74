//! A brake on wrong passwords, per link and whatever the client's address: rate
//! limits per address do nothing against a guesser who rotates addresses, so each
//! link also counts its own recent wrong passwords. After a few free ones, every
//! further attempt on that link must wait a while (1 s, 2 s, 4 s, … up to a cap),
//! and an attempt that comes too early is refused *before* the password is checked,
//! so it costs no argon2 work and tells nothing. The right password after the wait
//! forwards and releases the brake. This is a delay, not a lockout, only while nobody
//! keeps guessing: a guesser who sends one wrong password each time the wait ends
//! keeps the link braked, and the owner's right password is then refused (429) most
//! of the time too, since it can only get through in the moment between two waits.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::settings::BrakeConfig;

/// A link's wrong passwords are forgotten after this long without one.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);

/// Tracked tracked at once (memory stays flat); see `Tracked::make_room`.
const MAX_LINKS: usize = 100_000;

/// The longest `max_wait_seconds` accepted: a day. A longer wait would be a lockout
/// in all but name (and a huge one would overflow the clock).
pub const MAX_WAIT_LIMIT: u64 = 86_400;

/// How often a full table may be swept for records to drop: the sweep reads every
/// record, so it runs at most this often, however many new links are tried.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// The recent attempts on one link.
#[derive(Debug, Clone, Copy)]
struct Record {
    /// Wrong passwords since the last right one.
    failures: u32,
    /// Attempts let through whose password is being checked now.
    pending: u32,
    /// No attempt is let through before this.
    next_allowed: Instant,
    /// The last wrong password.
    last_failure: Instant,
}

impl Record {
    /// Whether its wrong passwords are old enough to be forgotten anyway.
    fn decayed(&self, now: Instant) -> bool {
        self.pending == 0 && now.duration_since(self.last_failure) > FORGET_AFTER
    }

    /// Whether forgetting it would lift or shorten a wait: it is being checked, must
    /// wait now, or has used up its free attempts (the next wrong one waits longer).
    fn braking(&self, now: Instant, free_attempts: u32) -> bool {
        self.pending > 0 || now < self.next_allowed || self.failures >= free_attempts
    }
}

/// The records, and when a full table was last swept.
#[derive(Default)]
struct Tracked {
    records: HashMap<i64, Record>,
    last_sweep: Option<Instant>,
}

/// The brake of every link, in memory (per instance), managed as state.
pub struct Brake {
    config: BrakeConfig,
    capacity: usize,
    links: Mutex<Tracked>,
}

/// An attempt let through: say how it went with `right` or `wrong`; dropping it
/// unanswered (the check failed) counts as neither.
pub struct Attempt<'a> {
    brake: &'a Brake,
    link: i64,
    answered: bool,
}

impl Brake {
    /// The brake for `config`, or why the settings cannot work.
    pub fn new(config: BrakeConfig) -> Result<Brake, String> {
        if config.max_wait_seconds > MAX_WAIT_LIMIT {
            return Err(format!(
                "password_brake.max_wait_seconds must be at most {MAX_WAIT_LIMIT} (a day)"
            ));
        }
        Ok(Brake::with_capacity(config, MAX_LINKS))
    }

    fn with_capacity(config: BrakeConfig, capacity: usize) -> Brake {
        Brake {
            config,
            capacity,
            links: Mutex::new(Tracked::default()),
        }
    }

    /// Lets one password attempt on `link` through, or says how many seconds to wait.
    /// While the link has had few wrong passwords, attempts go through together
    /// (counting those still being checked); after that, one at a time, spaced out.
    pub fn admit(&self, link: i64) -> Result<Attempt<'_>, u64> {
        if self.config.free_attempts == 0 {
            return Ok(self.attempt(link));
        }
        let now = Instant::now();
        let mut links = self.lock();
        if !links.records.contains_key(&link)
            && !links.make_room(now, self.capacity, self.config.free_attempts)
        {
            // Full of links that are braking: this one waits rather than any of
            // them being forgotten (which would lift its wait).
            return Err(1);
        }
        let record = links.records.entry(link).or_insert(Record {
            failures: 0,
            pending: 0,
            next_allowed: now,
            last_failure: now,
        });
        if now.duration_since(record.last_failure) > FORGET_AFTER && record.pending == 0 {
            record.failures = 0;
        }
        let free = record.failures + record.pending < self.config.free_attempts;
        if now < record.next_allowed || !(free || record.pending == 0) {
            let wait = record.next_allowed.saturating_duration_since(now);
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Err(seconds.max(1));
        }
        record.pending += 1;
        drop(links);
        Ok(self.attempt(link))
    }

    fn attempt(&self, link: i64) -> Attempt<'_> {
        Attempt {
            brake: self,
            link,
            answered: self.config.free_attempts == 0,
        }
    }

    /// The wait after the `failures`-th wrong password in a row.
    fn wait_after(&self, failures: u32) -> Duration {
        let Some(over) = failures.checked_sub(self.config.free_attempts) else {
            return Duration::ZERO;
        };
        let seconds = 1u64.checked_shl(over).unwrap_or(u64::MAX);
        Duration::from_secs(seconds.min(self.config.max_wait_seconds))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tracked> {
        self.links
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Ends an attempt on `link`: `Some(true)` right, `Some(false)` wrong, `None` unknown.
    fn finish(&self, link: i64, right: Option<bool>) {
        let mut links = self.lock();
        let Some(record) = links.records.get_mut(&link) else {
            return;
        };
        record.pending = record.pending.saturating_sub(1);
        match right {
            Some(true) => {
                links.records.remove(&link);
            }
            Some(false) => {
                let now = Instant::now();
                record.failures = record.failures.saturating_add(1);
                record.last_failure = now;
                let wait = self.wait_after(record.failures);
                // `max_wait_seconds` is checked at start; this only keeps a bad value
                // (or a clock near its end) from panicking.
                record.next_allowed = now
                    .checked_add(wait)
                    .or_else(|| now.checked_add(Duration::from_secs(MAX_WAIT_LIMIT)))
                    .unwrap_or(now);
            }
            None => {}
        }
    }
}

impl Tracked {
    /// Whether a new link can be tracked, sweeping a full table when one is due: the
    /// sweep drops records whose wrong passwords are forgotten anyway, and, if that is
    /// not enough, those still within their free attempts. A record that is braking
    /// is never dropped (a flood of other links must not lift its wait); between
    /// sweeps, a full table admits no new link, so a flood costs O(1) per attempt.
    fn make_room(&mut self, now: Instant, capacity: usize, free_attempts: u32) -> bool {
        if self.records.len() < capacity {
            return true;
        }
        if self
            .last_sweep
            .is_some_and(|last| now.duration_since(last) < SWEEP_EVERY)
        {
            return false;
        }
        self.last_sweep = Some(now);
        self.records.retain(|_, r| !r.decayed(now));
        if self.records.len() >= capacity {
            self.records.retain(|_, r| r.braking(now, free_attempts));
        }
        self.records.len() < capacity
    }
}

impl Attempt<'_> {
    /// The password was right: the link's brake is released.
    pub fn right(mut self) {
        self.answered = true;
        self.brake.finish(self.link, Some(true));
    }

    /// The password was wrong: counted, and past the free ones the link must wait.
    pub fn wrong(mut self) {
        self.answered = true;
        self.brake.finish(self.link, Some(false));
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if !self.answered {
            self.brake.finish(self.link, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brake(free_attempts: u32) -> Brake {
        Brake::new(BrakeConfig {
            free_attempts,
            max_wait_seconds: 60,
        })
        .unwrap()
    }

    #[test]
    fn a_few_wrong_passwords_are_free_then_the_link_waits() {
        let brake = brake(3);
        for _ in 0..2 {
            brake.admit(1).unwrap().wrong();
        }
        assert!(brake.admit(1).is_ok(), "the third is still free");
        drop(brake.admit(1));
        brake.admit(1).unwrap().wrong();

        assert_eq!(brake.admit(1).err(), Some(1), "wait 1 s after the third");
        assert!(brake.admit(2).is_ok(), "other links are not braked");
    }

    #[test]
    fn attempts_being_checked_count_against_the_free_ones() {
        let brake = brake(3);
        let in_flight: Vec<_> = (0..3).map(|_| brake.admit(1).unwrap()).collect();

        assert!(
            brake.admit(1).is_err(),
            "no fourth guess while three are checked"
        );
        drop(in_flight);
        assert!(
            brake.admit(1).is_ok(),
            "unanswered attempts count as nothing"
        );
    }

    #[test]
    fn the_wait_doubles_up_to_the_cap() {
        let brake = Brake::new(BrakeConfig {
            free_attempts: 2,
            max_wait_seconds: 10,
        })
        .unwrap();
        let waits: Vec<u64> = (1..=8).map(|n| brake.wait_after(n).as_secs()).collect();

        assert_eq!(waits, [0, 1, 2, 4, 8, 10, 10, 10]);
        assert_eq!(brake.wait_after(u32::MAX).as_secs(), 10);
    }

    #[test]
    fn the_right_password_releases_the_brake() {
        let brake = brake(1);
        brake.admit(1).unwrap().wrong();
        assert!(brake.admit(1).is_err());
        brake.lock().records.get_mut(&1).unwrap().next_allowed = Instant::now();

        brake.admit(1).unwrap().right();

        assert!(brake.admit(1).is_ok());
        assert_eq!(brake.lock().records.get(&1).unwrap().failures, 0);
    }

    #[test]
    fn zero_free_attempts_turns_the_brake_off() {
        let brake = brake(0);
        for _ in 0..100 {
            brake.admit(1).unwrap().wrong();
        }
        assert!(brake.lock().records.is_empty());
    }

    #[test]
    fn a_braked_link_survives_a_flood_of_other_links() {
        let config = BrakeConfig {
            free_attempts: 3,
            max_wait_seconds: 60,
        };
        let brake = Brake::with_capacity(config, 10);
        for _ in 0..3 {
            brake.admit(1).unwrap().wrong();
        }
        assert!(brake.admit(1).is_err(), "link 1 is braked");

        // The attack: one wrong password on each of many new links.
        let mut refused = 0;
        for link in 2..10_000 {
            match brake.admit(link) {
                Ok(attempt) => attempt.wrong(),
                Err(_) => refused += 1,
            }
        }

        assert!(brake.admit(1).is_err(), "still braked after the flood");
        assert_eq!(brake.lock().records.get(&1).unwrap().failures, 3);
        assert!(brake.lock().records.len() <= 10);
        assert!(
            refused > 9_000,
            "a full table takes new links only per sweep"
        );
    }

    #[test]
    fn a_table_full_of_braked_links_refuses_a_new_one() {
        let brake = Brake::with_capacity(
            BrakeConfig {
                free_attempts: 5,
                max_wait_seconds: 60,
            },
            3,
        );
        for link in 1..=3 {
            for _ in 0..5 {
                brake.admit(link).unwrap().wrong();
            }
        }

        assert!(brake.admit(4).is_err());
        assert_eq!(brake.lock().records.len(), 3);
    }

    #[test]
    fn a_wait_longer_than_a_day_is_refused() {
        for max_wait_seconds in [MAX_WAIT_LIMIT + 1, u64::MAX] {
            let config = BrakeConfig {
                free_attempts: 5,
                max_wait_seconds,
            };
            assert!(Brake::new(config).is_err(), "{max_wait_seconds}");
        }
        let day = BrakeConfig {
            free_attempts: 5,
            max_wait_seconds: MAX_WAIT_LIMIT,
        };
        assert!(Brake::new(day).is_ok());
    }
}
