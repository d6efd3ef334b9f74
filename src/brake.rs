//! A brake on wrong passwords, per link and whatever the client's address: rate
//! limits per address do nothing against a guesser who rotates addresses, so each
//! link also counts its own recent wrong passwords. After a few free ones, every
//! further attempt on that link must wait a while (1 s, 2 s, 4 s, … up to a cap),
//! and an attempt that comes too early is refused *before* the password is checked,
//! so it costs no argon2 work and tells nothing. The right password after the wait
//! forwards and releases the brake: a delay, never a lockout.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rocket::serde::Deserialize;

/// `[default.password_brake]`: wrong passwords a link takes freely, and the longest wait.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(crate = "rocket::serde", default)]
pub struct BrakeConfig {
    /// Wrong passwords in a row before attempts on the link must wait; 0 turns the brake off.
    pub free_attempts: u32,
    /// The longest wait between attempts, in seconds.
    pub max_wait_seconds: u64,
}

impl Default for BrakeConfig {
    fn default() -> Self {
        BrakeConfig {
            free_attempts: 5,
            max_wait_seconds: 60,
        }
    }
}

/// A link's wrong passwords are forgotten after this long without one.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);

/// Links tracked at once; beyond that, the quietest is forgotten (memory stays flat).
const MAX_LINKS: usize = 100_000;

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

/// The brake of every link, in memory (per instance), managed as state.
pub struct Brake {
    config: BrakeConfig,
    links: Mutex<HashMap<i64, Record>>,
}

/// An attempt let through: say how it went with `right` or `wrong`; dropping it
/// unanswered (the check failed) counts as neither.
pub struct Attempt<'a> {
    brake: &'a Brake,
    link: i64,
    answered: bool,
}

impl Brake {
    /// The brake for `config`.
    pub fn new(config: BrakeConfig) -> Brake {
        Brake {
            config,
            links: Mutex::new(HashMap::new()),
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
        if !links.contains_key(&link) && links.len() >= MAX_LINKS {
            forget_quietest(&mut links, now);
        }
        let record = links.entry(link).or_insert(Record {
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Record>> {
        self.links
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Ends an attempt on `link`: `Some(true)` right, `Some(false)` wrong, `None` unknown.
    fn finish(&self, link: i64, right: Option<bool>) {
        let mut links = self.lock();
        let Some(record) = links.get_mut(&link) else {
            return;
        };
        record.pending = record.pending.saturating_sub(1);
        match right {
            Some(true) => {
                links.remove(&link);
            }
            Some(false) => {
                let now = Instant::now();
                record.failures = record.failures.saturating_add(1);
                record.last_failure = now;
                record.next_allowed = now + self.wait_after(record.failures);
            }
            None => {}
        }
    }
}

/// Makes room for one more link: drops the one whose last wrong password is oldest.
fn forget_quietest(links: &mut HashMap<i64, Record>, now: Instant) {
    links.retain(|_, r| r.pending > 0 || now.duration_since(r.last_failure) <= FORGET_AFTER);
    if links.len() < MAX_LINKS {
        return;
    }
    let quietest = links
        .iter()
        .filter(|(_, r)| r.pending == 0)
        .min_by_key(|(_, r)| r.last_failure)
        .map(|(id, _)| *id);
    if let Some(id) = quietest {
        links.remove(&id);
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
        });
        let waits: Vec<u64> = (1..=8).map(|n| brake.wait_after(n).as_secs()).collect();

        assert_eq!(waits, [0, 1, 2, 4, 8, 10, 10, 10]);
        assert_eq!(brake.wait_after(u32::MAX).as_secs(), 10);
    }

    #[test]
    fn the_right_password_releases_the_brake() {
        let brake = brake(1);
        brake.admit(1).unwrap().wrong();
        assert!(brake.admit(1).is_err());
        brake.lock().get_mut(&1).unwrap().next_allowed = Instant::now();

        brake.admit(1).unwrap().right();

        assert!(brake.admit(1).is_ok());
        assert_eq!(brake.lock().get(&1).unwrap().failures, 0);
    }

    #[test]
    fn zero_free_attempts_turns_the_brake_off() {
        let brake = brake(0);
        for _ in 0..100 {
            brake.admit(1).unwrap().wrong();
        }
        assert!(brake.lock().is_empty());
    }
}
