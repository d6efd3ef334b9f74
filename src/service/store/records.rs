//! Whole link rows for operators: listing, restoring, exporting and importing every
//! field; and the change log that tells running servers which cached targets to forget.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use const_format::concatcp;

use super::link::{Link, COLUMNS};
use super::row::LinkRow;
use crate::db::{on_db, Exec};
use crate::error::{Error, Result};
use crate::service::machinery::history::History;

/// Every stored field of a link and its click history, as exported and imported
/// (the secret as its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    #[serde(flatten)]
    pub link: Link,
    /// Clicks per day and per source; JSON exports carry it, CSV rows cannot.
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

/// A record reads as the link it holds.
impl std::ops::Deref for Record {
    type Target = Link;

    fn deref(&self) -> &Link {
        &self.link
    }
}

impl std::ops::DerefMut for Record {
    fn deref_mut(&mut self) -> &mut Link {
        &mut self.link
    }
}

impl From<Link> for Record {
    fn from(link: Link) -> Record {
        Record {
            link,
            history: History::default(),
        }
    }
}

/// Every link, in creation order (deleted ones too: they can be restored).
pub async fn all_records(db: &mut dyn Exec) -> Result<Vec<Record>> {
    let sql = concatcp!(
        "select ",
        COLUMNS,
        " from link where secret_hash is not null order by id"
    );
    let rows: Vec<Link> = on_db!(db, |c| sqlx::query_as(sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(Record::from).collect())
}

/// One link by key, deleted or not.
pub async fn record(db: &mut dyn Exec, key: &str) -> Result<Record> {
    let sql = concatcp!("select ", COLUMNS, " from link where key = $1");
    let row: Option<Link> = on_db!(db, |c| {
        sqlx::query_as(sql).bind(key).fetch_optional(c).await?
    });
    row.map(Record::from).ok_or(Error::NotFound)
}

/// Deletes (deactivates) or restores a link by key; `NotFound` when there is no such key.
pub async fn set_active(db: &mut dyn Exec, key: &str, active: bool) -> Result<()> {
    let sql = "update link set is_active = $1 where key = $2";
    let changed = on_db!(db, |c| {
        let done = sqlx::query(sql).bind(active).bind(key).execute(c).await?;
        done.rows_affected()
    });
    if changed == 0 {
        return Err(Error::NotFound);
    }
    log_change(db, Some(key)).await
}

impl Record {
    /// The row that stores this record as it was, under `secret_hash` (a fresh
    /// statistics token: the exported one is not carried).
    pub fn row(&self, secret_hash: [u8; 32]) -> LinkRow {
        LinkRow::restored(&self.link, secret_hash)
    }
}

/// Stores exported rows as they were, with their histories, in the one batched
/// insert; one answer per record, in order: its id, or a `KeyTaken` or
/// `SecretTaken` (the insert has no conflict target, so which unique column
/// clashed is asked afterwards).
pub async fn insert_records(
    db: &mut dyn Exec,
    records: &[(Record, [u8; 32])],
) -> Result<Vec<Result<i64>>> {
    let rows: Vec<LinkRow> = records.iter().map(|(r, hash)| r.row(*hash)).collect();
    let mut stored: HashMap<Vec<u8>, (String, i64)> = super::row::insert_links(db, &rows)
        .await?
        .into_iter()
        .map(|link| (link.secret_hash, (link.key, link.id)))
        .collect();
    let mut answers = Vec::with_capacity(records.len());
    for (record, hash) in records {
        // Taken once: a second record with the same secret (or key) was not stored.
        let mine = stored
            .get(&hash[..])
            .is_some_and(|(key, _)| *key == record.link.key);
        let Some((_, id)) = mine.then(|| stored.remove(&hash[..])).flatten() else {
            answers.push(Err(clash(db, &record.link.key).await?));
            continue;
        };
        super::history::insert_history(db, id, &record.history).await?;
        answers.push(Ok(id));
    }
    Ok(answers)
}

/// Why a record was not stored: its key is taken, or else its secret hash.
async fn clash(db: &mut dyn Exec, key: &str) -> Result<Error> {
    let sql = "select count(*) from link where key = $1";
    let taken: i64 = on_db!(db, |c| sqlx::query_scalar(sql)
        .bind(key)
        .fetch_one(c)
        .await?);
    Ok(match taken {
        0 => Error::SecretTaken,
        _ => Error::KeyTaken(key.to_owned()),
    })
}

/// Moves the epoch: every write to the change log does this first, in its own
/// transaction, so writers take turns on that one row and log ids become visible in
/// the order they were handed out (a watcher never skips one that commits late).
pub const BUMP_EPOCH: &str = "update cache_epoch set epoch = epoch + 1 where id = 1";

/// Logs a change of the link `key` (`NULL`: of every link) for `forwarding::watch`.
pub const LOG_CHANGE: &str = "insert into cache_change (key) values ($1)";

/// Keeps the newest `KEPT_CHANGES` rows of the log.
pub const PRUNE_CHANGES: &str = "delete from cache_change \
     where id <= (select max(id) from cache_change) - $1";

/// How many rows of the change log are kept: far more than servers read between two
/// looks (`forwarding::watch::WATCH_EVERY`); one that falls further behind forgets everything.
pub const KEPT_CHANGES: i64 = 1000;

/// Runs `LOG_CHANGE` for `$key` (an `Option<&str>`) on the open transaction `$tx`,
/// after `BUMP_EPOCH`, and prunes the log.
macro_rules! log_change_in {
    ($tx:expr, $key:expr) => {{
        use $crate::service::store::records::{
            BUMP_EPOCH, KEPT_CHANGES, LOG_CHANGE, PRUNE_CHANGES,
        };
        sqlx::query(BUMP_EPOCH).execute(&mut *$tx).await?;
        sqlx::query(LOG_CHANGE)
            .bind($key)
            .execute(&mut *$tx)
            .await?;
        let prune = sqlx::query(PRUNE_CHANGES).bind(KEPT_CHANGES);
        prune.execute(&mut *$tx).await?;
    }};
}
pub(crate) use log_change_in;

/// Tells running servers that `key` (`None`: any link) changed behind their back;
/// a transaction of its own (a savepoint inside the caller's).
pub async fn log_change(db: &mut dyn Exec, key: Option<&str>) -> Result<()> {
    on_db!(db, |c| {
        let mut tx = sqlx::Connection::begin(c).await?;
        log_change_in!(tx, key);
        tx.commit().await?
    });
    Ok(())
}

/// Tells running servers that links changed behind their back (`import`): they
/// forget every cached target.
pub async fn bump_epoch(db: &mut dyn Exec) -> Result<()> {
    log_change(db, None).await
}

/// One logged change: its id, and the key it was about (`None`: every link).
pub type Change = (i64, Option<String>);

/// The newest id of the change log, where a starting server begins to read.
pub async fn last_change(db: &mut dyn Exec) -> Result<i64, sqlx::Error> {
    let sql = "select coalesce(max(id), 0) from cache_change";
    on_db!(db, |c| sqlx::query_scalar(sql).fetch_one(c).await)
}

/// The change `from` itself (when still kept) and up to `KEPT_CHANGES` after it,
/// oldest first: one small indexed read, however many links there are.
pub async fn changes_from(db: &mut dyn Exec, from: i64) -> Result<Vec<Change>, sqlx::Error> {
    let sql = "select id, key from cache_change where id >= $1 order by id limit $2";
    on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(from)
            .bind(KEPT_CHANGES + 1)
            .fetch_all(c)
            .await
    })
}
