//! Passwords of protected links: only an argon2 hash is stored, and both hashing and
//! checking run on the blocking pool, as they are slow on purpose.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rocket::tokio::sync::Semaphore;

use crate::error::{Error, Result};

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 4;
/// The longest: hashing cost grows with length, and nobody types more.
pub const MAX_LENGTH: usize = 128;

/// Hashes computed at once: each takes ~19 MiB and a core for a few milliseconds, so a
/// bulk create or a flood of guesses waits its turn instead of exhausting memory.
static HASHING: Semaphore = Semaphore::const_new(4);

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
            n if n < MIN_LENGTH => Err(invalid(format!(
                "The password must have at least {MIN_LENGTH} characters"
            ))),
            n if n > MAX_LENGTH => Err(invalid(format!(
                "The password must have at most {MAX_LENGTH} characters"
            ))),
            _ => Ok(Some(Password(raw.to_owned()))),
        }
    }

    /// Its argon2id hash as a PHC string, with a fresh salt.
    pub async fn hash(self) -> Result<String> {
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

fn invalid(message: String) -> Error {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_passwords_are_refused_and_empty_means_none() {
        assert!(Password::parse("").unwrap().is_none());
        assert!(Password::parse("abc").is_err());
        assert!(Password::parse("abcd").unwrap().is_some());
        assert!(Password::parse(&"x".repeat(129)).is_err());
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
}
