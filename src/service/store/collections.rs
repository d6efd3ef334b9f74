//! Collections: a name, the hash of its secret, and its links, each with the link's
//! vault key sealed with the collection's secret (`domain::seal`).

use sqlx::QueryBuilder;

use super::{link_columns, Link};
use crate::db::{on_db, Exec};
use crate::domain::keys::SecretKey;
use crate::error::{Error, Result};

/// A stored collection (its secret is not here: only its hash is stored).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Collection {
    pub id: i64,
    pub name: String,
}

/// One link of a collection, with what opens its admin secret: its vault key sealed
/// with the collection's secret, and the admin secret sealed with that key.
#[derive(Debug, sqlx::FromRow)]
pub struct Member {
    #[sqlx(flatten)]
    pub link: Link,
    pub sealed_key: Vec<u8>,
    pub vault_secret: Option<Vec<u8>>,
}

/// Stores a new collection under `secret`'s hash.
pub async fn create(
    db: &mut dyn Exec,
    secret: &SecretKey,
    name: &str,
    now: &str,
) -> Result<Collection> {
    let sql = "insert into collection (secret_hash, name, created_at) values ($1, $2, $3) \
               returning id, name";
    let mut rows: Vec<Collection> = on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(&secret.hash()[..])
            .bind(name)
            .bind(now)
            .fetch_all(c)
            .await?
    });
    rows.pop().ok_or(Error::NotFound)
}

/// The collection behind `secret`.
pub async fn find(db: &mut dyn Exec, secret: &SecretKey) -> Result<Collection> {
    let sql = "select id, name from collection where secret_hash = $1";
    let found: Option<Collection> = on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(&secret.hash()[..])
            .fetch_optional(c)
            .await?
    });
    found.ok_or(Error::NotFound)
}

/// Every link of collection `id`, deleted ones too, in the order they joined.
pub async fn members(db: &mut dyn Exec, id: i64) -> Result<Vec<Member>> {
    let sql = concat!(
        "select cl.sealed_key, l.vault_secret, ",
        link_columns!(),
        " from collection_link cl join link l on l.id = cl.link_id \
         where cl.collection_id = $1 order by cl.added_at, l.id"
    );
    // `link_columns!` names bare columns; only `link` has them, so they need no prefix.
    let rows: Vec<Member> = on_db!(db, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await?);
    Ok(rows)
}

/// Clicks per UTC day from `since` (`YYYY-MM-DD`) over all of collection `id`'s links.
pub async fn days(db: &mut dyn Exec, id: i64, since: &str) -> Result<Vec<(String, i64)>> {
    let sql = "select d.day, cast(sum(d.clicks) as bigint) from click_day d \
               join collection_link cl on cl.link_id = d.link_id \
               where cl.collection_id = $1 and d.day >= $2 group by d.day";
    super::clicks::sums_since(db, sql, id, since).await
}

/// Gives link `id` its vault unless it has one already; `false`: another join gave
/// it one first (read it again).
pub async fn set_vault(db: &mut dyn Exec, id: i64, key: &[u8], secret: &[u8]) -> Result<bool> {
    let sql =
        "update link set vault_key = $2, vault_secret = $3 where id = $1 and vault_key is null";
    let changed = on_db!(db, |c| {
        let done = sqlx::query(sql)
            .bind(id)
            .bind(key)
            .bind(secret)
            .execute(c)
            .await?;
        done.rows_affected()
    });
    Ok(changed == 1)
}

/// Adds link `link_id` to collection `id` (a link already in it stays as it is).
pub async fn add(
    db: &mut dyn Exec,
    id: i64,
    link_id: i64,
    sealed_key: &[u8],
    now: &str,
) -> Result<()> {
    let sql = "insert into collection_link (collection_id, link_id, sealed_key, added_at) \
               values ($1, $2, $3, $4) on conflict do nothing";
    on_db!(db, |c| {
        sqlx::query(sql)
            .bind(id)
            .bind(link_id)
            .bind(sealed_key)
            .bind(now)
            .execute(c)
            .await?
            .rows_affected()
    });
    Ok(())
}

/// Deactivates the active links of collection `id` among `keys`, logging each change
/// so every server forgets their cached targets; the keys deactivated.
pub async fn deactivate(db: &mut dyn Exec, id: i64, keys: &[String]) -> Result<Vec<String>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let done: Vec<String> = on_db!(db, |c| {
        let mut tx = sqlx::Connection::begin(c).await?;
        let mut update = QueryBuilder::new(
            "update link set is_active = false where is_active and id in \
             (select link_id from collection_link where collection_id = ",
        );
        update.push_bind(id).push(") and key in (");
        let mut list = update.separated(", ");
        for key in keys {
            list.push_bind(key.clone());
        }
        update.push(") returning key");
        let done: Vec<(String,)> = update
            .build_query_as()
            .persistent(false)
            .fetch_all(&mut *tx)
            .await?;
        for (key,) in &done {
            super::records::log_change_in!(tx, Some(key.as_str()));
        }
        tx.commit().await?;
        done.into_iter().map(|(key,)| key).collect()
    });
    Ok(done)
}

/// Replaces collection `id`'s secret `old` by `new`, with every link's vault key
/// sealed again (`resealed`: link id, sealed key), in one transaction; `NotFound`
/// when `old` is no longer its secret.
pub async fn replace_secret(
    db: &mut dyn Exec,
    id: i64,
    old: &SecretKey,
    new: &SecretKey,
    resealed: &[(i64, Vec<u8>)],
) -> Result<()> {
    let rotate = "update collection set secret_hash = $3 where id = $1 and secret_hash = $2";
    let reseal =
        "update collection_link set sealed_key = $3 where collection_id = $1 and link_id = $2";
    let rotated = on_db!(db, |c| {
        let mut tx = sqlx::Connection::begin(c).await?;
        let done = sqlx::query(rotate)
            .bind(id)
            .bind(&old.hash()[..])
            .bind(&new.hash()[..])
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            for (link_id, sealed) in resealed {
                sqlx::query(reseal)
                    .bind(id)
                    .bind(link_id)
                    .bind(sealed)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        done.rows_affected() == 1
    });
    rotated.then_some(()).ok_or(Error::NotFound)
}
