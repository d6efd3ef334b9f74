//! What a link is when read: one row type with its column list beside it, returned
//! by every statement that reads links and written whole by exports (`Record` is it
//! plus a history). A new column of `link` is read here once.

use serde::{Deserialize, Serialize};

/// A stored link: every column but the clear-text secret, which is never stored.
/// Exports write it as it is, but for the row id and the statistics token (an
/// import numbers rows anew and draws a fresh token).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Link {
    /// The row id: clicks are written by it (one B-tree probe, not two).
    #[serde(skip)]
    pub id: i64,
    pub key: String,
    /// SHA-256 of the admin secret (32 bytes; 64 hex digits in exports).
    #[serde(with = "hex_hash")]
    pub secret_hash: Vec<u8>,
    pub target_url: String,
    pub is_active: bool,
    pub clicks: i64,
    /// UTC, RFC 3339 (`2026-11-28T14:00:00Z`).
    pub created_at: String,
    /// When the last click was written, in the same form; `None` before the first.
    pub last_clicked_at: Option<String>,
    /// When the link stops forwarding (same form), if ever.
    pub expires_at: Option<String>,
    /// The click that reaches this is the last one forwarded.
    pub max_clicks: Option<i64>,
    /// argon2 PHC string of the visitors' password (or an imported bcrypt one).
    pub password_hash: Option<String>,
    /// Why the operator disabled it (it answers 410); `None`: not disabled. The
    /// service also fills it in for a target on the blocklist (`Links::vet`).
    #[serde(default)]
    pub disabled_reason: Option<String>,
    /// When the owner last changed the target (same form); `None`: never.
    #[serde(default)]
    pub target_changed_at: Option<String>,
    /// Opens the read-only statistics page; `None`: the owner turned it off.
    #[serde(skip)]
    pub stats_token: Option<String>,
    /// Visitors' query strings are added to the target.
    #[serde(default)]
    pub forward_query: bool,
    /// The rules and the split, as JSON (`domain::smart::Smart`); `None`: none.
    #[serde(default)]
    pub smart: Option<String>,
    /// Where the link sends visitors once expired or used up, instead of its 410.
    #[serde(default)]
    pub expired_url: Option<String>,
    /// Known link scanners get a page with a Continue button, and are not counted.
    #[serde(default)]
    pub humans_only: bool,
    /// The owner's title for it (at most 200 characters), if any.
    #[serde(default)]
    pub title: Option<String>,
    /// The owner's note (at most 1,000 characters), if any: never shown to visitors.
    #[serde(default)]
    pub note: Option<String>,
    /// When it goes live (same form as `expires_at`); before it visitors are told
    /// when and nothing is counted. `None`: live from its creation.
    #[serde(default)]
    pub starts_at: Option<String>,
    /// The owner's link preview, as JSON (`domain::preview::Preview`); `None`: none.
    #[serde(default)]
    pub preview: Option<String>,
}

/// The columns of `Link`, for every statement that returns links.
pub const COLUMNS: &str = "id, key, secret_hash, target_url, is_active, clicks, created_at, \
     last_clicked_at, expires_at, max_clicks, password_hash, disabled_reason, \
     target_changed_at, stats_token, forward_query, smart, expired_url, humans_only, title, note, \
     starts_at, preview";

impl Link {
    /// Whether visitors need a password.
    pub fn protected(&self) -> bool {
        self.password_hash.is_some()
    }

    /// Before its start time at `now`: visitors are told when it goes live.
    pub fn is_waiting(&self, now: time::OffsetDateTime) -> bool {
        self.starts_at
            .as_deref()
            .and_then(crate::domain::clock::parse)
            .is_some_and(|at| at > now)
    }

    /// Past its expiry time or its click limit at `now`: it answers 410 from then on.
    pub fn is_expired(&self, now: time::OffsetDateTime) -> bool {
        let used_up = self.max_clicks.is_some_and(|max| self.clicks >= max);
        let timed_out = self
            .expires_at
            .as_deref()
            .and_then(crate::domain::clock::parse)
            .is_some_and(|at| at <= now);
        used_up || timed_out
    }
}

/// The secret hash in exports: 64 hex digits.
mod hex_hash {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(hash: &[u8], s: S) -> Result<S::Ok, S::Error> {
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        s.serialize_str(&hex)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).ok_or_else(|| D::Error::custom("secret_hash must be 64 hex digits"))
    }

    fn parse(text: &str) -> Option<Vec<u8>> {
        if text.len() != 64 || !text.is_ascii() {
            return None;
        }
        (0..64)
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_writes_the_secret_hash_as_hex_and_reads_it_back() {
        let json = serde_json::json!({
            "key": "abc", "secret_hash": "ab".repeat(32), "target_url": "https://a.example/",
            "is_active": true, "clicks": 0, "created_at": "2026-11-28T14:00:00Z",
        });
        let link: Link = serde_json::from_value(json).unwrap();
        assert_eq!(link.secret_hash, vec![0xab; 32]);
        let back = serde_json::to_value(&link).unwrap();
        assert_eq!(back["secret_hash"], "ab".repeat(32));
        assert!(back.get("id").is_none() && back.get("stats_token").is_none());
        for bad in ["xyz", "ab", &"zz".repeat(32), &"é".repeat(32)] {
            let json = serde_json::json!({
                "key": "abc", "secret_hash": bad, "target_url": "https://a.example/",
                "is_active": true, "clicks": 0, "created_at": "2026-11-28T14:00:00Z",
            });
            let err = serde_json::from_value::<Link>(json)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("secret_hash must be 64 hex digits"),
                "{bad}: {err}"
            );
        }
    }
}
