//! Secret keys (the owner's only credential, in `/admin/<secret>`) and stats tokens
//! (read-only counts, in `/stats/<token>`), validated once at the edge.

use rand::distributions::{Alphanumeric, DistString};
use sha2::{Digest, Sha256};

use crate::error::Error;

/// Length of a secret key: 32 base62 characters carry about 190 bits.
pub const SECRET_LENGTH: usize = 32;

/// An owner's secret key as it appears in `/admin/<secret_key>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// A fresh secret from rand's cryptographically secure `thread_rng`.
    pub fn random() -> SecretKey {
        SecretKey(Alphanumeric.sample_string(&mut rand::thread_rng(), SECRET_LENGTH))
    }

    /// The secret as it appears in the admin URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database stores and looks up instead of the secret itself.
    pub fn hash(&self) -> [u8; 32] {
        hash_secret(&self.0)
    }
}

/// SHA-256 of a secret: with 190 random bits a plain hash cannot be reversed or
/// guessed, so no salt or slow hash is needed, and lookups stay a single index probe.
pub fn hash_secret(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

impl SecretKey {
    /// The secret in what an owner pasted: a secret URL whose path is `/<page>/<secret>`
    /// (`https://host/admin/<secret>`, with or without a trailing slash or query) or
    /// the bare secret. `None`: neither.
    pub fn from_pasted(raw: &str, page: &str) -> Option<SecretKey> {
        let raw = raw.trim();
        let path = raw.split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_end_matches('/');
        let secret = match path.rsplit_once(&format!("/{page}/")) {
            Some((_, secret)) => secret,
            None if !path.contains('/') => path,
            None => return None,
        };
        SecretKey::from_path(secret).ok()
    }
}

/// Length of a stats token: 16 random bytes as lower-case hex.
pub const STATS_TOKEN_LENGTH: usize = 32;

/// The token of a link's read-only statistics page (`/stats/<token>`). It opens
/// nothing but counts, so it is stored as it is and shown to the owner again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsToken(String);

impl StatsToken {
    /// A fresh token from rand's cryptographically secure `thread_rng`.
    pub fn random() -> StatsToken {
        let bytes: [u8; 16] = rand::random();
        StatsToken(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The token as it appears in the stats URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl StatsToken {
    /// A token read from a path: 32 lowercase hex digits, or `NotFound`.
    pub fn from_path(segment: &str) -> Result<StatsToken, Error> {
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        match segment.len() == STATS_TOKEN_LENGTH && segment.bytes().all(hex) {
            true => Ok(StatsToken(segment.to_owned())),
            false => Err(Error::NotFound),
        }
    }
}

impl SecretKey {
    /// A secret read from a path: `SECRET_LENGTH` letters and digits, or `NotFound`.
    pub fn from_path(segment: &str) -> Result<SecretKey, Error> {
        let alphanumeric = segment.bytes().all(|b| b.is_ascii_alphanumeric());
        match segment.len() == SECRET_LENGTH && alphanumeric {
            true => Ok(SecretKey(segment.to_owned())),
            false => Err(Error::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_and_parse_back() {
        let secret = SecretKey::random();
        assert_eq!(secret.as_str().len(), SECRET_LENGTH);
        assert_eq!(SecretKey::from_path(secret.as_str()).unwrap(), secret);
        assert_ne!(SecretKey::random(), secret);
        assert_ne!(secret.hash(), SecretKey::random().hash());
    }

    #[test]
    fn secrets_hash_to_sha256() {
        let hex: String = hash_secret("abc")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn pasted_admin_urls_give_their_secret() {
        let secret = SecretKey::random();
        let s = secret.as_str();
        for pasted in [
            format!("https://sho.rt/admin/{s}"),
            format!("  http://localhost:8000/admin/{s}/?days=7 "),
            format!("/admin/{s}#top"),
            s.to_owned(),
        ] {
            assert_eq!(
                SecretKey::from_pasted(&pasted, "admin"),
                Some(secret.clone()),
                "{pasted}"
            );
        }
        for bad in [
            "",
            "https://sho.rt/abc",
            &format!("https://sho.rt/x/{s}"),
            "admin/short",
        ] {
            assert_eq!(SecretKey::from_pasted(bad, "admin"), None, "{bad}");
        }
        let collection = format!("https://sho.rt/collection/{s}");
        assert_eq!(
            SecretKey::from_pasted(&collection, "collection"),
            Some(secret.clone())
        );
        assert_eq!(SecretKey::from_pasted(&collection, "admin"), None);
    }

    #[test]
    fn stats_tokens_are_lower_hex_and_parse_back() {
        let token = StatsToken::random();
        assert_eq!(token.as_str().len(), STATS_TOKEN_LENGTH);
        assert_eq!(StatsToken::from_path(token.as_str()).unwrap(), token);
        assert_ne!(StatsToken::random(), token);
        let upper = token
            .as_str()
            .to_ascii_uppercase()
            .replace(char::is_numeric, "A");
        assert!(StatsToken::from_path(&upper).is_err());
        assert!(StatsToken::from_path("abc").is_err());
    }
}
