//! Short keys (public, in `/<key>`), validated once at the edge so the service never
//! sees an unchecked string; the secrets beside them live in `secrets.rs`.

use std::fmt;
use std::ops::RangeInclusive;

use crate::error::Error;
use crate::i18n::Text;
use rand::distributions::{Alphanumeric, DistString};

pub use super::secrets::{hash_secret, SecretKey, StatsToken, SECRET_LENGTH};

/// Allowed lengths of a short key, custom or random.
pub const KEY_LENGTHS: RangeInclusive<usize> = 3..=32;

/// First path segments the app serves itself, now or later: a custom key may not
/// shadow them. Compared without regard to case, to avoid look-alike links.
const RESERVED: &[&str] = &[
    "about",
    "admin",
    "api",
    "assets",
    "collection",
    "collections",
    "deleted",
    "docs",
    "favicon",
    "health",
    "help",
    "index",
    "login",
    "logout",
    "metrics",
    "moderate",
    "new",
    "openapi",
    "peek",
    "qr",
    "redoc",
    "report",
    "robots",
    "static",
    "stats",
    "token",
    "url",
    "urls",
];

/// The reserved first path segments, for the API description's key pattern.
pub fn reserved() -> &'static [&'static str] {
    RESERVED
}

/// A short key that may exist: `[A-Za-z0-9_-]`, within `KEY_LENGTHS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortKey(String);

impl ShortKey {
    /// Checks a key chosen by a user (`custom_key`): well-formed and not reserved.
    pub fn custom(raw: &str) -> Result<ShortKey, Error> {
        if !is_well_formed(raw) {
            return Err(Error::InvalidKey(
                Text::new("error-key-invalid")
                    .with("key", raw)
                    .with("min", *KEY_LENGTHS.start())
                    .with("max", *KEY_LENGTHS.end()),
            ));
        }
        if is_reserved(raw) {
            return Err(Error::InvalidKey(
                Text::new("error-key-reserved").with("key", raw),
            ));
        }
        Ok(ShortKey(raw.to_owned()))
    }

    /// A fresh random key of `len` letters and digits. `thread_rng` is rand's
    /// cryptographically secure generator (ChaCha, seeded and reseeded from the OS),
    /// without a system call per key.
    pub fn random(len: usize) -> ShortKey {
        loop {
            let key = Alphanumeric.sample_string(&mut rand::thread_rng(), len);
            if !is_reserved(&key) {
                return ShortKey(key);
            }
        }
    }

    /// The key as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ShortKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The longest key kept from another shortener (Shlink allows 255 characters).
pub const MAX_KEPT_KEY: usize = 255;

impl ShortKey {
    /// A key kept as another shortener had it (`import --from`), so its printed links
    /// keep working: within `MAX_KEPT_KEY` bytes, of the characters a URL path
    /// carries as they are (`A-Z a-z 0-9 - . _ ~`: nothing to encode, so every URL,
    /// form and page the app builds from it stays right), and not a name of this
    /// app's own pages (`docs`, `robots.txt`, ...). `Err` says why not.
    pub fn kept(raw: &str) -> Result<ShortKey, String> {
        if raw.is_empty() || raw.len() > MAX_KEPT_KEY {
            return Err(format!("a key must have 1 to {MAX_KEPT_KEY} bytes"));
        }
        if !may_exist(raw) {
            return Err(
                "no URL path segment can carry this key as it is: keys here are made of \
                 letters, digits, '-', '.', '_' and '~'"
                    .into(),
            );
        }
        if is_reserved(raw.split('.').next().unwrap_or(raw)) {
            return Err("this app keeps the word for its own pages".into());
        }
        Ok(ShortKey(raw.to_owned()))
    }

    /// Whether a new link could be given this key (kept keys need not follow the rule).
    pub fn is_usual(&self) -> bool {
        is_well_formed(&self.0) && !is_reserved(&self.0)
    }
}

impl ShortKey {
    /// A key read from a path, if it may exist (`may_exist`); anything else is a link
    /// that does not, so `NotFound`.
    pub fn from_path(segment: &str) -> Result<ShortKey, Error> {
        match may_exist(segment) {
            true => Ok(ShortKey(segment.to_owned())),
            false => Err(Error::NotFound),
        }
    }
}

/// What a key in a path may look like to be looked up: a kept key (`ShortKey::kept`)
/// or a usual one, both of URL-unreserved characters. Anything else is simply a link
/// that does not exist.
fn may_exist(key: &str) -> bool {
    (1..=MAX_KEPT_KEY).contains(&key.len())
        && key != "."
        && key != ".."
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// A key in a path that cannot exist is simply a link that does not exist.
fn is_well_formed(key: &str) -> bool {
    KEY_LENGTHS.contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_reserved(key: &str) -> bool {
    RESERVED.iter().any(|word| word.eq_ignore_ascii_case(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_keys_may_break_the_rules_for_new_keys_but_not_the_paths() {
        for odd in ["a", "x.y", "a~b", "UPPER", &"k".repeat(40)] {
            let key = ShortKey::kept(odd).unwrap();
            assert_eq!(ShortKey::from_path(odd).unwrap(), key, "reachable");
            assert_eq!(key.is_usual(), odd == "UPPER", "{odd}");
        }
        let refused = [
            "",
            "a/b",
            ".",
            "..",
            "tab\there",
            "ça-va",
            "with space",
            "a?b",
            "x#y",
            "%41",
            "a\u{200b}b",
            "\"quoted\"",
            &"k".repeat(256),
        ];
        for unreachable in refused {
            assert!(ShortKey::kept(unreachable).is_err(), "{unreachable:?}");
            assert!(ShortKey::from_path(unreachable).is_err(), "{unreachable:?}");
        }
        for own in ["Docs", "robots.txt", "favicon.ico", "openapi.json"] {
            assert!(
                ShortKey::kept(own).unwrap_err().contains("own pages"),
                "{own}"
            );
        }
    }

    #[test]
    fn random_keys_have_the_asked_length_and_alphabet() {
        for len in [3, 5, 32] {
            let key = ShortKey::random(len);
            assert_eq!(key.as_str().len(), len);
            assert!(key.as_str().bytes().all(|b| b.is_ascii_alphanumeric()));
        }
    }

    #[test]
    fn random_keys_do_not_repeat() {
        let keys: std::collections::HashSet<_> =
            (0..10_000).map(|_| ShortKey::random(8).0).collect();
        assert_eq!(keys.len(), 10_000);
    }

    #[test]
    fn custom_keys_follow_the_rules() {
        for ok in ["abc", "My-Link_2", &"x".repeat(32)] {
            assert_eq!(ShortKey::custom(ok).unwrap().as_str(), ok);
        }
        for bad in ["ab", "", "with space", "ünï", "a/b", "a.b", &"x".repeat(33)] {
            assert!(
                matches!(ShortKey::custom(bad), Err(Error::InvalidKey(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn reserved_words_are_refused_in_any_case() {
        for word in ["admin", "URL", "Peek", "static", "docs", "health"] {
            assert!(
                matches!(ShortKey::custom(word), Err(Error::InvalidKey(_))),
                "{word}"
            );
        }
    }

    #[test]
    fn malformed_path_segments_are_not_found() {
        assert!(matches!(ShortKey::from_path("a b"), Err(Error::NotFound)));
        assert!(matches!(
            SecretKey::from_path("short"),
            Err(Error::NotFound)
        ));
        assert!(matches!(
            SecretKey::from_path(&"-".repeat(32)),
            Err(Error::NotFound)
        ));
    }

    proptest::proptest! {
        #[test]
        fn accepted_custom_keys_are_well_formed_and_not_reserved(raw in "\\PC{0,40}|[A-Za-z0-9_-]{0,40}") {
            if let Ok(key) = ShortKey::custom(&raw) {
                proptest::prop_assert!(KEY_LENGTHS.contains(&key.as_str().len()));
                proptest::prop_assert!(key.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
                proptest::prop_assert!(!is_reserved(key.as_str()));
            }
        }

        #[test]
        fn path_segments_parse_or_are_not_found(raw in "\\PC{0,70}") {
            let short = ShortKey::from_path(&raw);
            let secret = SecretKey::from_path(&raw);
            proptest::prop_assert!(short.is_ok() == may_exist(&raw));
            if is_well_formed(&raw) {
                proptest::prop_assert!(short.is_ok());
            }
            if let Ok(key) = short {
                let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
                proptest::prop_assert!(key.as_str().bytes().all(unreserved));
                proptest::prop_assert!(key.as_str() != "." && key.as_str() != "..");
            }
            proptest::prop_assert!(matches!(secret, Ok(_) | Err(Error::NotFound)));
        }
    }
}
