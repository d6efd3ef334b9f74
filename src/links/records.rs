//! Whole link rows for operators: listing, restoring, exporting and importing every
//! field, and the epoch that tells running servers to forget cached targets.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};

/// Every stored field of a link, as exported and imported (the secret as its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Record {
    pub key: String,
    /// SHA-256 of the secret key, 64 hex digits.
    pub secret_hash: String,
    pub target_url: String,
    pub is_active: bool,
    pub clicks: i64,
    pub created_at: String,
    pub last_clicked_at: Option<String>,
    pub expires_at: Option<String>,
    pub max_clicks: Option<i64>,
    /// argon2 PHC string of the visitors' password, if any.
    pub password_hash: Option<String>,
}

/// The columns of `Record`, the hash as hex.
macro_rules! record_columns {
    () => {
        "key, lower(hex(secret_hash)) as secret_hash, target_url, is_active, clicks, created_at, \
         last_clicked_at, expires_at, max_clicks, password_hash"
    };
}

/// Every link, in creation order (deleted ones too: they can be restored).
pub async fn all_records(db: &mut SqliteConnection) -> Result<Vec<Record>> {
    Ok(sqlx::query_as(concat!(
        "select ",
        record_columns!(),
        " from link where secret_hash is not null order by id"
    ))
    .fetch_all(db)
    .await?)
}

/// One link by key, deleted or not.
pub async fn record(db: &mut SqliteConnection, key: &str) -> Result<Record> {
    sqlx::query_as(concat!(
        "select ",
        record_columns!(),
        " from link where key = $1"
    ))
    .bind(key)
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)
}

/// Deletes (deactivates) or restores a link by key; `NotFound` when there is no such key.
pub async fn set_active(db: &mut SqliteConnection, key: &str, active: bool) -> Result<()> {
    let changed = sqlx::query("update link set is_active = $1 where key = $2")
        .bind(active)
        .bind(key)
        .execute(&mut *db)
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(Error::NotFound);
    }
    bump_epoch(db).await
}

/// Stores an exported row as it was; a taken key is a `KeyTaken`.
pub async fn insert_record(db: &mut SqliteConnection, r: &Record, hash: &[u8; 32]) -> Result<()> {
    let inserted: Vec<(i64,)> = sqlx::query_as(
        "insert or ignore into link (key, secret_hash, target_url, is_active, clicks, created_at, \
         last_clicked_at, expires_at, max_clicks, password_hash) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
    )
    .bind(&r.key)
    .bind(&hash[..])
    .bind(&r.target_url)
    .bind(r.is_active)
    .bind(r.clicks)
    .bind(&r.created_at)
    .bind(&r.last_clicked_at)
    .bind(&r.expires_at)
    .bind(r.max_clicks)
    .bind(&r.password_hash)
    .fetch_all(db)
    .await?;
    match inserted.is_empty() {
        true => Err(Error::KeyTaken(r.key.clone())),
        false => Ok(()),
    }
}

/// Tells running servers that links changed behind their back.
pub async fn bump_epoch(db: &mut SqliteConnection) -> Result<()> {
    sqlx::query("update cache_epoch set epoch = epoch + 1 where id = 1")
        .execute(db)
        .await?;
    Ok(())
}

/// The current epoch, read by servers once a second.
pub async fn epoch(db: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select epoch from cache_epoch where id = 1")
        .fetch_one(db)
        .await
}
