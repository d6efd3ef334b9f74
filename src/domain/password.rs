//! Passwords of protected links: only an argon2 hash is stored (or, for links moved
//! here from Kutt, the bcrypt hash it kept), and both hashing and checking run on the
//! blocking pool, as they are slow on purpose.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rocket::tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::i18n::Text;

/// The shortest password accepted: shorter ones fall to guessing within the limits.
pub const MIN_LENGTH: usize = 8;
/// The longest: hashing cost grows with length, and nobody types more.
pub const MAX_LENGTH: usize = 128;

/// Hashes computed at once: each takes ~19 MiB and a core for a few milliseconds, so a
/// bulk create or a flood of guesses waits its turn instead of exhausting memory.
static HASHING: Semaphore = Semaphore::const_new(4);

/// Of those, the most that may be new passwords being hashed: creates (a bulk of many
/// passwords above all) queue among themselves, and visitors unlocking a link always
/// find room, waiting behind at most this many creates.
static CREATING: Semaphore = Semaphore::const_new(2);

/// Runs one slow hash computation on the blocking pool, a few at a time.
async fn slowly<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let _turn = HASHING.acquire().await.map_err(|_| Error::Unavailable)?;
    rocket::tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| Error::Unavailable)
}

/// A password a link may be protected with, checked for length.
#[derive(Debug, Clone)]
pub struct Password(String);

impl Password {
    /// Validates a password at creation; an empty one means "no password".
    pub fn parse(raw: &str) -> Result<Option<Password>> {
        let length = raw.chars().count();
        match length {
            0 => Ok(None),
            n if n < MIN_LENGTH => Err(invalid(
                Text::new("error-password-too-short").with("min", MIN_LENGTH),
            )),
            n if n > MAX_LENGTH => Err(invalid(
                Text::new("error-password-too-long").with("max", MAX_LENGTH),
            )),
            _ => Ok(Some(Password(raw.to_owned()))),
        }
    }

    /// Its argon2id hash as a PHC string, with a fresh salt; behind other creates.
    pub async fn hash(self) -> Result<String> {
        let _create_turn = CREATING.acquire().await.map_err(|_| Error::Unavailable)?;
        slowly(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(self.0.as_bytes(), &salt)
                .map(|hash| hash.to_string())
        })
        .await?
        .map_err(|_| Error::Unavailable)
    }
}

fn invalid(message: Text) -> Error {
    Error::Invalid {
        field: "password",
        message,
    }
}

/// Whether `attempt` is the password whose hash is `phc`.
pub async fn verify(attempt: String, phc: String) -> Result<bool> {
    if attempt.len() > MAX_LENGTH * 4 {
        return Ok(false);
    }
    slowly(move || {
        if is_bcrypt(&phc) {
            return bcrypt::verify(attempt.as_bytes(), &phc).unwrap_or(false);
        }
        PasswordHash::new(&phc)
            .map(|hash| {
                Argon2::default()
                    .verify_password(attempt.as_bytes(), &hash)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
}

/// The argon2 parameters a stored hash may carry. `verify` takes its cost from the
/// hash itself, so a hash from outside (an imported file) must not ask for more
/// memory or time per guess than the app's own hashes do (19 MiB, 2 passes: see
/// `Argon2::default`), nor be so cheap that the password is no longer protected.
pub const STORED_MEMORY_KIB: std::ops::RangeInclusive<u32> = 7168..=19456;
/// Passes over memory a stored hash may ask for.
pub const STORED_PASSES: std::ops::RangeInclusive<u32> = 1..=5;
/// Lanes a stored hash may ask for.
pub const STORED_LANES: std::ops::RangeInclusive<u32> = 1..=4;

/// The bcrypt costs a stored hash may carry: Kutt hashes with 12 (about a quarter
/// of a second per guess), and a dearer one would let guesses tie up the hashing pool.
pub const STORED_BCRYPT_COST: std::ops::RangeInclusive<u32> = 8..=12;

/// A bcrypt hash (`$2a$`, `$2b$` or `$2y$`), as Kutt and other Node and PHP apps keep.
fn is_bcrypt(hash: &str) -> bool {
    ["$2a$", "$2b$", "$2y$"].iter().any(|p| hash.starts_with(p))
}

/// Checks a hash before it is stored: an argon2id PHC string, version 19, with a
/// salt and a hash and parameters within the `STORED_*` bounds, or a bcrypt hash of
/// a cost within `STORED_BCRYPT_COST`. Why not otherwise, for the operator.
pub fn check_stored(phc: &str) -> std::result::Result<(), String> {
    if is_bcrypt(phc) {
        let parts: bcrypt::HashParts = phc
            .parse()
            .map_err(|e| format!("password_hash is not a bcrypt hash: {e}"))?;
        return match STORED_BCRYPT_COST.contains(&parts.get_cost()) {
            true => Ok(()),
            false => Err(format!(
                "password_hash has bcrypt cost {}, outside {}..={}",
                parts.get_cost(),
                STORED_BCRYPT_COST.start(),
                STORED_BCRYPT_COST.end()
            )),
        };
    }
    let hash =
        PasswordHash::new(phc).map_err(|e| format!("password_hash is not a PHC string: {e}"))?;
    if hash.algorithm != argon2::Algorithm::Argon2id.ident() {
        return Err("password_hash must be an argon2id hash".into());
    }
    let params = argon2::Params::try_from(&hash)
        .map_err(|e| format!("password_hash has unusable parameters: {e}"))?;
    let version = hash.version.unwrap_or(argon2::Version::V0x13 as u32);
    if version != argon2::Version::V0x13 as u32 || hash.salt.is_none() || hash.hash.is_none() {
        return Err("password_hash must be argon2id version 19 with a salt and a hash".into());
    }
    let within = STORED_MEMORY_KIB.contains(&params.m_cost())
        && STORED_PASSES.contains(&params.t_cost())
        && STORED_LANES.contains(&params.p_cost());
    if !within {
        return Err(format!(
            "password_hash parameters m={},t={},p={} are outside m={}..={} KiB, t={}..={}, p={}..={}",
            params.m_cost(),
            params.t_cost(),
            params.p_cost(),
            STORED_MEMORY_KIB.start(),
            STORED_MEMORY_KIB.end(),
            STORED_PASSES.start(),
            STORED_PASSES.end(),
            STORED_LANES.start(),
            STORED_LANES.end(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_passwords_are_refused_and_empty_means_none() {
        assert!(Password::parse("").unwrap().is_none());
        assert!(Password::parse("abc").is_err());
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").unwrap().is_some());
        assert!(Password::parse(&"x".repeat(129)).is_err());
    }

    #[rocket::async_test]
    async fn a_check_does_not_wait_for_a_queue_of_new_passwords() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let hash = Password::parse("open sesame").unwrap().unwrap();
        let hash = hash.hash().await.unwrap();
        let hashed = Arc::new(AtomicUsize::new(0));
        let queue: Vec<_> = (0..16)
            .map(|_| {
                let hashed = hashed.clone();
                rocket::tokio::spawn(async move {
                    let password = Password::parse("a new one!").unwrap().unwrap();
                    password.hash().await.unwrap();
                    hashed.fetch_add(1, Ordering::SeqCst);
                })
            })
            .collect();
        // Let the creates queue up first.
        rocket::tokio::time::sleep(std::time::Duration::from_millis(10)).await;

        assert!(verify("open sesame".into(), hash).await.unwrap());
        let done = hashed.load(Ordering::SeqCst);
        for task in queue {
            task.await.unwrap();
        }
        // Queued behind them all, it would see at least 13 done (4 hash at once).
        assert!(done < 10, "the check waited for {done} of 16 creates");
    }

    #[rocket::async_test]
    async fn only_the_right_password_verifies_and_the_hash_hides_it() {
        let hash = Password::parse("open sesame")
            .unwrap()
            .unwrap()
            .hash()
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains("open sesame"));
        assert!(verify("open sesame".into(), hash.clone()).await.unwrap());
        assert!(!verify("open sesame!".into(), hash.clone()).await.unwrap());
        assert!(!verify("anything".into(), "not a hash".into())
            .await
            .unwrap());
    }
    #[rocket::async_test]
    async fn the_apps_own_hashes_may_be_stored_costly_or_foreign_ones_not() {
        let own = Password::parse("open sesame")
            .unwrap()
            .unwrap()
            .hash()
            .await
            .unwrap();
        assert_eq!(check_stored(&own), Ok(()));
        let with = |params: &str| own.replacen("m=19456,t=2,p=1", params, 1);
        assert!(own.contains("m=19456,t=2,p=1"), "{own}");
        assert_eq!(check_stored(&with("m=7168,t=5,p=1")), Ok(()));
        for costly in [
            "m=4194304,t=1,p=1",
            "m=262144,t=6,p=1",
            "m=19456,t=100,p=1",
            "m=19456,t=2,p=16",
        ] {
            let refused = check_stored(&with(costly)).unwrap_err();
            assert!(refused.contains("outside"), "{costly}: {refused}");
        }
        assert!(check_stored(&with("m=8,t=1,p=1")).is_err(), "too cheap");
        assert!(check_stored(&own.replacen("argon2id", "argon2i", 1)).is_err());
        assert!(check_stored(&own.replacen("v=19", "v=16", 1)).is_err());
        assert!(
            check_stored("$argon2id$v=19$m=19456,t=2,p=1").is_err(),
            "no salt, no hash"
        );
        assert!(check_stored("$argon2").is_err());
    }

    #[rocket::async_test]
    async fn bcrypt_hashes_from_kutt_verify_within_their_cost_bounds() {
        let kutt = bcrypt::hash("open sesame", 10).unwrap();
        assert!(kutt.starts_with("$2b$10$"), "{kutt}");
        assert_eq!(check_stored(&kutt), Ok(()));
        assert!(verify("open sesame".into(), kutt.clone()).await.unwrap());
        assert!(!verify("open sesame!".into(), kutt.clone()).await.unwrap());
        let php = kutt.replacen("$2b$", "$2y$", 1);
        assert!(verify("open sesame".into(), php).await.unwrap());
        let costly = check_stored(&kutt.replacen("$10$", "$16$", 1)).unwrap_err();
        assert!(costly.contains("outside"), "{costly}");
        assert!(
            check_stored(&kutt.replacen("$10$", "$04$", 1)).is_err(),
            "too cheap"
        );
        assert!(check_stored("$2b$10$short").is_err());
    }
}
