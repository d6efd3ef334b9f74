//! The link service: every SQL statement the app runs lives here.
//!
//! Statements that write and return rows (`... returning`) are read with `fetch_all`,
//! never `fetch_one`/`fetch_optional`: sqlx 0.7 hands back the first row before SQLite
//! has finished, and so committed, the statement, and an answer could then go out for
//! a write that a crash loses (launchbadge/sqlx#2099, #3430).

use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::keys::{SecretKey, ShortKey};
use crate::target::TargetUrl;

/// A stored link, as the owner sees it. Its secret is not here: only its hash is stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Link {
    /// The row id: clicks are written by it (one B-tree probe, not two).
    pub id: i64,
    pub key: String,
    pub target_url: String,
    pub is_active: bool,
    pub clicks: i64,
    /// UTC, RFC 3339 (`2026-11-28T14:00:00Z`).
    pub created_at: String,
}

/// What a request needs to create a link, already validated.
#[derive(Debug)]
pub struct NewLink {
    pub target: TargetUrl,
    /// A key chosen by the user; `None` draws a random one.
    pub custom_key: Option<ShortKey>,
}

/// How many random keys are tried before giving up; each clash is a one in
/// ~10^8 event at the default length, so reaching this means the key space is full.
const RANDOM_KEY_TRIES: usize = 16;

/// Stores a new link and returns it with its secret, which exists only in this
/// answer from now on. Uniqueness is left to the database's unique indexes (no
/// check-then-insert): a clash on a random key draws another, on a custom key it is a 409.
pub async fn create(
    db: &mut SqliteConnection,
    new: &NewLink,
    key_length: usize,
) -> Result<(Link, SecretKey)> {
    let secret = SecretKey::random();
    if let Some(key) = &new.custom_key {
        let link = insert(db, key, &secret, &new.target).await?;
        return Ok((
            link.ok_or_else(|| Error::KeyTaken(key.to_string()))?,
            secret,
        ));
    }
    for _ in 0..RANDOM_KEY_TRIES {
        let key = ShortKey::random(key_length);
        if let Some(link) = insert(db, &key, &secret, &new.target).await? {
            return Ok((link, secret));
        }
    }
    Err(Error::NoFreeKey)
}

/// Inserts one row; `None` when the key is already taken (by a live or a deleted link).
async fn insert(
    db: &mut SqliteConnection,
    key: &ShortKey,
    secret: &SecretKey,
    target: &TargetUrl,
) -> Result<Option<Link>> {
    // A secret clash (2^-190) would surface as a unique violation on secret_hash
    // and be reported as an error, never as a stolen admin page.
    let inserted = sqlx::query_as(
        "insert into link (key, secret_hash, target_url) values ($1, $2, $3) \
         returning id, key, target_url, is_active, clicks, created_at",
    )
    .bind(key.as_str())
    .bind(&secret.hash()[..])
    .bind(target.as_str())
    .fetch_all(db)
    .await;
    match inserted {
        Ok(rows) => Ok(rows.into_iter().next()),
        Err(sqlx::Error::Database(e))
            if e.is_unique_violation() && e.message().contains("link.key") =>
        {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Adds clicks counted in memory (see `clicks`); additive, never read-modify-write.
pub async fn add_clicks(db: &mut SqliteConnection, id: i64, count: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update link set clicks = clicks + $1 where id = $2")
        .bind(count)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// An active link by its public key, without counting a click (HEAD, peek).
pub async fn find(db: &mut SqliteConnection, key: &ShortKey) -> Result<Link> {
    sqlx::query_as(
        "select id, key, target_url, is_active, clicks, created_at from link where key = $1 and is_active",
    )
        .bind(key.as_str())
        .fetch_optional(db)
        .await?
        .ok_or(Error::NotFound)
}

/// An active link by its owner's secret.
pub async fn find_by_secret(db: &mut SqliteConnection, secret: &SecretKey) -> Result<Link> {
    sqlx::query_as(
        "select id, key, target_url, is_active, clicks, created_at from link \
         where secret_hash = $1 and is_active",
    )
    .bind(&secret.hash()[..])
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)
}

/// Deactivates a link (the tutorial's soft delete): it stops forwarding, and its
/// key stays taken so it is never handed out again.
pub async fn deactivate(db: &mut SqliteConnection, secret: &SecretKey) -> Result<Link> {
    sqlx::query_as(
        "update link set is_active = 0 where secret_hash = $1 and is_active \
         returning id, key, target_url, is_active, clicks, created_at",
    )
    .bind(&secret.hash()[..])
    .fetch_all(db)
    .await?
    .pop()
    .ok_or(Error::NotFound)
}

/// Replaces the clear-text secrets of rows stored before secrets were hashed by
/// their hashes, so old admin URLs keep working; returns how many rows changed.
pub async fn hash_legacy_secrets(db: &mut SqliteConnection) -> Result<usize> {
    let legacy: Vec<(i64, String)> =
        sqlx::query_as("select id, secret_key from link where secret_key is not null")
            .fetch_all(&mut *db)
            .await?;
    for (id, secret) in &legacy {
        sqlx::query("update link set secret_hash = $1, secret_key = null where id = $2")
            .bind(&crate::keys::hash_secret(secret)[..])
            .bind(id)
            .execute(&mut *db)
            .await?;
    }
    Ok(legacy.len())
}

/// Reads and writes the database once, for `/health`.
pub async fn check_health(db: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into heartbeat (id, checked_at) values (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) \
         on conflict (id) do update set checked_at = excluded.checked_at",
    )
    .execute(&mut *db)
    .await?;
    sqlx::query_scalar::<_, i64>("select count(*) from link where 0")
        .fetch_one(db)
        .await?;
    Ok(())
}

/// Writes a consistent copy of the live database to `dest` (SQLite's `VACUUM INTO`),
/// without stopping writers for longer than the copy of one snapshot.
pub async fn backup_into(db: &mut SqliteConnection, dest: &str) -> Result<(), sqlx::Error> {
    sqlx::query("vacuum into $1").bind(dest).execute(db).await?;
    Ok(())
}
