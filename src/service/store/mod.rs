//! Every SQL statement the app runs: links here, clicks, history and whole records
//! in the files beside. Only the link service calls these.
//!
//! Statements that write and return rows (`... returning`) are read with `fetch_all`,
//! never `fetch_one`/`fetch_optional`: sqlx 0.7 hands back the first row before SQLite
//! has finished, and so committed, the statement, and an answer could then go out for
//! a write that a crash loses (launchbadge/sqlx#2099, #3430).

use std::collections::HashMap;

use const_format::concatcp;
use sqlx::QueryBuilder;

use crate::db::{on_db, Exec};
use crate::domain::keys::{SecretKey, ShortKey};
use crate::domain::target::TargetUrl;
use crate::error::{Error, Result};
use link::COLUMNS;
use row::LinkRow;

mod clicks;
pub mod collections;
pub mod history;
pub mod import_from;
pub mod link;
pub mod moderation;
pub mod owners;
pub mod records;
pub mod row;
pub use clicks::{
    add_choice_clicks, add_clicks, add_day_clicks, add_source_clicks, choice_clicks,
    forget_choices, insights, take_click,
};
pub use link::Link;

/// A link to create: its row, but for the key and the secret, which `create_many`
/// draws (the key unless one was chosen).
#[derive(Debug)]
pub struct Creation {
    pub row: LinkRow,
    /// A key chosen by the user; `None` draws a random one.
    pub custom_key: Option<ShortKey>,
}

/// How many rounds of random keys are tried before giving up; each clash is a one
/// in ~10^8 event at the default length, so reaching this means the key space is full.
const RANDOM_KEY_TRIES: usize = 16;

/// Stores new links, each with its fresh secret, which exists only in this answer from
/// now on; one result per request, in order. Uniqueness is left to the database's
/// unique indexes (no check-then-insert): a random key that clashes is drawn again, a
/// custom key that clashes (with a stored link or an earlier one in the batch) is a 409.
pub async fn create_many(
    db: &mut dyn Exec,
    news: &[Creation],
    key_length: usize,
) -> Result<Vec<Result<(Link, SecretKey)>>> {
    let mut results: Vec<Option<Result<(Link, SecretKey)>>> = news.iter().map(|_| None).collect();
    let mut rows: Vec<Row> = news
        .iter()
        .enumerate()
        .map(|(index, new)| Row {
            index,
            key: new
                .custom_key
                .clone()
                .unwrap_or_else(|| ShortKey::random(key_length)),
            secret: SecretKey::random(),
        })
        .collect();
    for _ in 0..RANDOM_KEY_TRIES {
        let written: Vec<LinkRow> = rows
            .iter()
            .map(|row| LinkRow {
                key: row.key.as_str().to_owned(),
                secret_hash: row.secret.hash(),
                ..news[row.index].row.clone()
            })
            .collect();
        let mut inserted = by_secret_hash(row::insert_links(db, &written).await?);
        let mut again = Vec::new();
        for row in rows {
            let custom = news[row.index].custom_key.is_some();
            results[row.index] = match inserted.remove(&row.secret.hash()[..]) {
                Some(link) => Some(Ok((link, row.secret))),
                None if custom => Some(Err(Error::KeyTaken(row.key.to_string()))),
                None => {
                    again.push(Row {
                        key: ShortKey::random(key_length),
                        ..row
                    });
                    None
                }
            };
        }
        rows = again;
        if rows.is_empty() {
            break;
        }
    }
    Ok(results
        .into_iter()
        .map(|r| r.unwrap_or(Err(Error::NoFreeKey)))
        .collect())
}

/// One link to insert: which request it answers, its key and its secret.
struct Row {
    index: usize,
    key: ShortKey,
    secret: SecretKey,
}

/// Keys links by their secret hash, to match them to the requests that named them.
fn by_secret_hash(rows: Vec<Link>) -> HashMap<Vec<u8>, Link> {
    rows.into_iter()
        .map(|link| (link.secret_hash.clone(), link))
        .collect()
}

/// Points an active link the operator has not disabled at a new target, at `now`
/// (a stamp); clicks, limits and password stay.
pub async fn set_target(
    db: &mut dyn Exec,
    secret: &SecretKey,
    target: &TargetUrl,
    now: &str,
) -> Result<Link> {
    let sql = concatcp!(
        "update link set target_url = $2, target_changed_at = $3 \
         where secret_hash = $1 and is_active and disabled_reason is null returning ",
        COLUMNS
    );
    owner_change(db, sql, secret, &[target.as_str(), now]).await
}

/// Runs an owner's `update … returning` on the active link with `secret` (as `$1`,
/// then `values` as `$2`, ...), and logs the change of that one link in the same
/// transaction, so every server on this database, not only the one asked, forgets
/// its cached target (and only that one) within one `forwarding::watch::WATCH_EVERY`.
pub(super) async fn owner_change(
    db: &mut dyn Exec,
    sql: &str,
    secret: &SecretKey,
    values: &[&str],
) -> Result<Link> {
    let mut rows: Vec<Link> = on_db!(db, |c| {
        let mut tx = sqlx::Connection::begin(c).await?;
        let mut update = sqlx::query_as(sql).bind(secret.hash().to_vec());
        for value in values {
            update = update.bind(*value);
        }
        let rows: Vec<Link> = update.fetch_all(&mut *tx).await?;
        if let Some(link) = rows.first() {
            records::log_change_in!(tx, Some(link.key.as_str()));
        }
        tx.commit().await?;
        rows
    });
    rows.pop().ok_or(Error::NotFound)
}

/// The password hash of an active, protected link, to check a visitor's password.
pub async fn password_hash(db: &mut dyn Exec, id: i64) -> Result<String> {
    let sql = "select password_hash from link where id = $1 and is_active";
    let hash: Option<Option<String>> = on_db!(db, |c| {
        sqlx::query_scalar(sql).bind(id).fetch_optional(c).await?
    });
    hash.flatten().ok_or(Error::NotFound)
}

/// An active link by its public key, without counting a click (HEAD, peek).
pub async fn find(db: &mut dyn Exec, key: &ShortKey) -> Result<Link> {
    let sql = concatcp!(
        "select ",
        COLUMNS,
        " from link where key = $1 and is_active"
    );
    let link: Option<Link> = on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(key.as_str())
            .fetch_optional(c)
            .await?
    });
    link.ok_or(Error::NotFound)
}

/// Active links by their owners' secret hashes, in one query.
pub async fn find_by_secrets(
    db: &mut dyn Exec,
    hashes: &[[u8; 32]],
) -> Result<HashMap<Vec<u8>, Link>> {
    let rows: Vec<Link> = on_db!(db, |c| {
        let mut select = QueryBuilder::new(concatcp!(
            "select ",
            COLUMNS,
            " from link where is_active and secret_hash in ("
        ));
        let mut list = select.separated(", ");
        for hash in hashes {
            list.push_bind(hash.to_vec());
        }
        select.push(")");
        select
            .build_query_as()
            .persistent(false)
            .fetch_all(c)
            .await?
    });
    Ok(by_secret_hash(rows))
}

/// Deactivates a link (the tutorial's soft delete): it stops forwarding, and its
/// key stays taken so it is never handed out again.
pub async fn deactivate(db: &mut dyn Exec, secret: &SecretKey) -> Result<Link> {
    let sql = concatcp!(
        "update link set is_active = false where secret_hash = $1 and is_active returning ",
        COLUMNS
    );
    owner_change(db, sql, secret, &[]).await
}

/// Replaces the clear-text secrets of SQLite rows stored before secrets were hashed
/// by their hashes, so old admin URLs keep working; returns how many rows changed.
pub async fn hash_legacy_secrets(db: &mut dyn Exec) -> Result<usize> {
    let legacy: Vec<(i64, String)> = on_db!(db, |c| {
        sqlx::query_as("select id, secret_key from link where secret_key is not null")
            .fetch_all(c)
            .await?
    });
    for (id, secret) in &legacy {
        let hash = crate::domain::keys::hash_secret(secret);
        on_db!(db, |c| {
            sqlx::query("update link set secret_hash = $1, secret_key = null where id = $2")
                .bind(&hash[..])
                .bind(id)
                .execute(c)
                .await?
                .rows_affected()
        });
    }
    Ok(legacy.len())
}

/// Reads the database once for `/health`, and writes the heartbeat when given a time.
pub async fn check_health(db: &mut dyn Exec, write_at: Option<&str>) -> Result<(), sqlx::Error> {
    let write = "insert into heartbeat (id, checked_at) values (1, $1) \
                 on conflict (id) do update set checked_at = excluded.checked_at";
    let read = "select count(*) from link where false";
    on_db!(db, |c| {
        if let Some(now) = write_at {
            sqlx::query(write).bind(now).execute(&mut *c).await?;
        }
        sqlx::query_scalar::<_, i64>(read).fetch_one(c).await?
    });
    Ok(())
}

/// Why `backup` refuses PostgreSQL.
pub const NO_POSTGRES_BACKUP: &str = "backup copies SQLite files; for PostgreSQL use pg_dump";

/// Writes a consistent copy of a live SQLite database to `dest` (`VACUUM INTO`),
/// without stopping writers for longer than the copy of one snapshot. PostgreSQL
/// has its own tools for this (`pg_dump`), so there it is refused.
pub async fn backup_into(db: &mut dyn Exec, dest: &str) -> Result<(), String> {
    match db.handle() {
        crate::db::Handle::Sqlite(c) => sqlx::query("vacuum into $1")
            .bind(dest)
            .execute(c)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        crate::db::Handle::Postgres(_) => Err(NO_POSTGRES_BACKUP.to_owned()),
    }
}
