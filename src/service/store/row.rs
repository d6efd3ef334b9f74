//! What storing a link writes: one row type and one batched insert, used by create,
//! `import` and `import --from` alike. A new column of `link` is written here once,
//! and every way in stores it.

use sqlx::QueryBuilder;

use const_format::concatcp;

use super::link::{Link, COLUMNS};
use crate::db::{on_db, Exec};
use crate::error::Result;

/// Every column a stored link is written with; the rest (`id`, SQLite's old
/// `secret_key`) have their declared defaults (`DEFAULTED`).
pub const WRITTEN: [&str; 24] = [
    "key",
    "secret_hash",
    "target_url",
    "is_active",
    "clicks",
    "created_at",
    "last_clicked_at",
    "expires_at",
    "max_clicks",
    "password_hash",
    "disabled_reason",
    "target_changed_at",
    "stats_token",
    "token_id",
    "forward_query",
    "smart",
    "expired_url",
    "humans_only",
    "vault_key",
    "vault_secret",
    "title",
    "note",
    "starts_at",
    "preview",
];

/// The columns of `link` no way in writes: the row id, and the clear-text secret of
/// rows from before secrets were hashed (SQLite only; emptied at start).
pub const DEFAULTED: [&str; 2] = ["id", "secret_key"];

/// Columns read by name only in statements of their own, and where: every other
/// column is read with a link (`link::COLUMNS`).
pub const READ_APART: [(&str, &str); 4] = [
    ("token_id", "moderation: the links a creator token made"),
    ("vault_key", "owners: sealing a link's key for a collection"),
    (
        "vault_secret",
        "collections: opening a member's admin secret",
    ),
    (
        "secret_key",
        "startup: hashing the secrets of rows from before hashing",
    ),
];

/// Every column of `link` that some statement reads.
pub fn read_columns() -> Vec<&'static str> {
    let words = COLUMNS
        .split(',')
        .map(|column| column.split_whitespace().next().unwrap_or_default());
    words
        .chain(READ_APART.iter().map(|(column, _)| *column))
        .collect()
}

/// Rows per statement: 24 values each, well within both databases' limits.
const CHUNK: usize = 500;

/// One link as written: a new one (`LinkRow::new`, then the fields the request set)
/// or one coming whole from an export or another shortener.
#[derive(Debug, Clone)]
pub struct LinkRow {
    pub key: String,
    /// SHA-256 of the admin secret: the secret itself is never stored.
    pub secret_hash: [u8; 32],
    pub target_url: String,
    pub is_active: bool,
    pub clicks: i64,
    /// UTC, RFC 3339 (`clock::stamp`).
    pub created_at: String,
    pub last_clicked_at: Option<String>,
    pub expires_at: Option<String>,
    /// At least 1.
    pub max_clicks: Option<i64>,
    /// An argon2 PHC string (or an imported bcrypt one).
    pub password_hash: Option<String>,
    pub disabled_reason: Option<String>,
    pub target_changed_at: Option<String>,
    /// Opens the read-only statistics page; `None`: off.
    pub stats_token: Option<String>,
    /// The creator token it was made with (private mode).
    pub token_id: Option<i64>,
    pub forward_query: bool,
    /// The rules and split (`Smart::stored`).
    pub smart: Option<String>,
    pub expired_url: Option<String>,
    pub humans_only: bool,
    /// The link's key sealed with its admin secret, and the secret with the key, for
    /// the collections it joins (`domain::seal`).
    pub vault: Option<(Vec<u8>, Vec<u8>)>,
    /// The owner's title and note (`domain::annotation`).
    pub title: Option<String>,
    pub note: Option<String>,
    /// When it goes live (`clock::stamp`); `None`: at once.
    pub starts_at: Option<String>,
    /// The link preview (`Preview::stored`).
    pub preview: Option<String>,
}

impl LinkRow {
    /// A new, active, unclicked link, with a fresh statistics token and nothing else set.
    pub fn new(key: String, secret_hash: [u8; 32], target_url: String, created_at: String) -> Self {
        LinkRow {
            key,
            secret_hash,
            target_url,
            is_active: true,
            clicks: 0,
            created_at,
            last_clicked_at: None,
            expires_at: None,
            max_clicks: None,
            password_hash: None,
            disabled_reason: None,
            target_changed_at: None,
            stats_token: Some(
                crate::domain::keys::StatsToken::random()
                    .as_str()
                    .to_owned(),
            ),
            token_id: None,
            forward_query: false,
            smart: None,
            expired_url: None,
            humans_only: false,
            vault: None,
            title: None,
            note: None,
            starts_at: None,
            preview: None,
        }
    }
}

impl LinkRow {
    /// The row that stores `link` as it was read (from an export or another
    /// shortener), under `secret_hash`, with a fresh statistics token.
    pub fn restored(link: &Link, secret_hash: [u8; 32]) -> Self {
        LinkRow {
            is_active: link.is_active,
            clicks: link.clicks,
            last_clicked_at: link.last_clicked_at.clone(),
            expires_at: link.expires_at.clone(),
            max_clicks: link.max_clicks,
            password_hash: link.password_hash.clone(),
            disabled_reason: link.disabled_reason.clone(),
            target_changed_at: link.target_changed_at.clone(),
            forward_query: link.forward_query,
            smart: link.smart.clone(),
            expired_url: link.expired_url.clone(),
            humans_only: link.humans_only,
            title: link.title.clone(),
            note: link.note.clone(),
            starts_at: link.starts_at.clone(),
            preview: link.preview.clone(),
            ..LinkRow::new(
                link.key.clone(),
                secret_hash,
                link.target_url.clone(),
                link.created_at.clone(),
            )
        }
    }
}

/// Inserts `rows`, `CHUNK` per statement; a row whose key or secret hash is taken is
/// skipped (`on conflict do nothing`), so the answer holds just the rows stored.
pub async fn insert_links(db: &mut dyn Exec, rows: &[LinkRow]) -> Result<Vec<Link>> {
    let mut stored = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(CHUNK) {
        let part: Vec<Link> = on_db!(db, |c| {
            let mut insert = QueryBuilder::new("insert into link (");
            insert.push(WRITTEN.join(", ")).push(") ");
            insert.push_values(chunk, |mut values, row| {
                let (vault_key, vault_secret) = row.vault.clone().unzip();
                values
                    .push_bind(row.key.as_str())
                    .push_bind(row.secret_hash.to_vec())
                    .push_bind(row.target_url.as_str())
                    .push_bind(row.is_active)
                    .push_bind(row.clicks)
                    .push_bind(row.created_at.as_str())
                    .push_bind(row.last_clicked_at.as_deref())
                    .push_bind(row.expires_at.as_deref())
                    .push_bind(row.max_clicks)
                    .push_bind(row.password_hash.as_deref())
                    .push_bind(row.disabled_reason.as_deref())
                    .push_bind(row.target_changed_at.as_deref())
                    .push_bind(row.stats_token.as_deref())
                    .push_bind(row.token_id)
                    .push_bind(row.forward_query)
                    .push_bind(row.smart.as_deref())
                    .push_bind(row.expired_url.as_deref())
                    .push_bind(row.humans_only)
                    .push_bind(vault_key)
                    .push_bind(vault_secret)
                    .push_bind(row.title.as_deref())
                    .push_bind(row.note.as_deref())
                    .push_bind(row.starts_at.as_deref())
                    .push_bind(row.preview.as_deref());
            });
            insert.push(concatcp!(" on conflict do nothing returning ", COLUMNS));
            // Not kept prepared: the text changes with the chunk's size.
            insert
                .build_query_as()
                .persistent(false)
                .fetch_all(c)
                .await?
        });
        stored.extend(part);
    }
    Ok(stored)
}
