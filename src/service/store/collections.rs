//! Collections: a name, the hash of its secret, and its links, each with the link's
//! vault key sealed with the collection's secret (`domain::seal`).

use sqlx::QueryBuilder;

use const_format::concatcp;

use super::link::{Link, COLUMNS};
use crate::db::{on_db, Exec, Handle};
use crate::domain::collection::Sort;
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
    let sql = concatcp!(
        "select cl.sealed_key, l.vault_secret, ",
        COLUMNS,
        " from collection_link cl join link l on l.id = cl.link_id \
         where cl.collection_id = $1 order by cl.added_at, l.id"
    );
    // `COLUMNS` names bare columns; only `link` has them, so they need no prefix.
    let rows: Vec<Member> = on_db!(db, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await?);
    Ok(rows)
}

/// Every link of collection `id` with its clicks as written: for totals over the
/// whole collection, whatever page is shown.
pub async fn totals(db: &mut dyn Exec, id: i64) -> Result<Vec<(i64, i64)>> {
    let sql = "select l.id, l.clicks from collection_link cl join link l on l.id = cl.link_id \
               where cl.collection_id = $1";
    let rows: Vec<(i64, i64)> = on_db!(db, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await?);
    Ok(rows)
}

/// One page of collection `id`'s links whose key or target contains `filter` (any
/// case), in `sort` order (the later-made of two equal ones first): filtered, ordered
/// and cut in SQL, so a page costs the same in a collection of any size.
pub async fn page(
    db: &mut dyn Exec,
    id: i64,
    filter: &str,
    sort: Sort,
    (limit, offset): (u32, u64),
) -> Result<Vec<Member>> {
    let order = match sort {
        Sort::Date => "l.created_at desc, l.id desc",
        Sort::Clicks => "l.clicks desc, l.id desc",
    };
    let sql = format!(
        "select cl.sealed_key, l.vault_secret, {} from collection_link cl \
         join link l on l.id = cl.link_id where cl.collection_id = $1 and {MATCHES} \
         order by {order} limit $3 offset $4",
        COLUMNS
    );
    let pattern = like_pattern(filter);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let rows: Vec<Member> = on_db!(db, |c| {
        sqlx::query_as(&sql)
            .bind(id)
            .bind(&pattern)
            .bind(i64::from(limit))
            .bind(offset)
            .fetch_all(c)
            .await?
    });
    Ok(rows)
}

/// How many of collection `id`'s links `filter` matches.
pub async fn matching(db: &mut dyn Exec, id: i64, filter: &str) -> Result<i64> {
    let sql = format!(
        "select count(*) from collection_link cl join link l on l.id = cl.link_id \
         where cl.collection_id = $1 and {MATCHES}"
    );
    let pattern = like_pattern(filter);
    let (n,): (i64,) = on_db!(db, |c| {
        sqlx::query_as(&sql)
            .bind(id)
            .bind(&pattern)
            .fetch_one(c)
            .await?
    });
    Ok(n)
}

/// How many links collection `id` holds, checked against the cap before one joins.
pub async fn size(db: &mut dyn Exec, id: i64) -> Result<i64> {
    let sql = "select count(*) from collection_link where collection_id = $1";
    let (n,): (i64,) = on_db!(db, |c| sqlx::query_as(sql).bind(id).fetch_one(c).await?);
    Ok(n)
}

/// A link's key or target contains the pattern `$2` (lower-cased, `like_pattern`).
const MATCHES: &str =
    "(lower(l.key) like $2 escape '\\' or lower(l.target_url) like $2 escape '\\' \
     or lower(l.title) like $2 escape '\\' or lower(l.note) like $2 escape '\\')";

/// `filter` as a LIKE pattern that matches it anywhere, literally (its `%`, `_` and
/// `\` escaped), lower-cased as the column is.
fn like_pattern(filter: &str) -> String {
    let mut pattern = String::from("%");
    for c in filter.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Clicks per UTC day from `since` (`YYYY-MM-DD`) over all of collection `id`'s links.
pub async fn days(db: &mut dyn Exec, id: i64, since: &str) -> Result<Vec<(String, i64)>> {
    let sql = "select d.day, cast(sum(d.clicks) as bigint) from click_day d \
               join collection_link cl on cl.link_id = d.link_id \
               where cl.collection_id = $1 and d.day >= $2 group by d.day";
    super::clicks::sums_since(db, sql, id, since).await
}

/// Gives link `id` its vault unless it has one already, while `admin` is still its
/// secret; `false`: another join gave it one first, or the secret changed (read
/// it again).
pub async fn set_vault(
    db: &mut dyn Exec,
    id: i64,
    admin: &SecretKey,
    key: &[u8],
    secret: &[u8],
) -> Result<bool> {
    let sql = "update link set vault_key = $3, vault_secret = $4 \
               where id = $1 and secret_hash = $2 and is_active and vault_key is null";
    let changed = on_db!(db, |c| {
        let done = sqlx::query(sql)
            .bind(id)
            .bind(&admin.hash()[..])
            .bind(key)
            .bind(secret)
            .execute(c)
            .await?;
        done.rows_affected()
    });
    Ok(changed == 1)
}

/// Adds link `link_id` to collection `id` while `admin` is still the link's secret (a
/// link already in it stays as it is). `NotFound` when the secret changed since it
/// was read: a join that races a rotation never stores a seal of the old vault.
pub async fn add(
    db: &mut dyn Exec,
    id: i64,
    link_id: i64,
    admin: &SecretKey,
    sealed_key: &[u8],
    now: &str,
) -> Result<()> {
    // One statement: SQLite runs it under its write lock; PostgreSQL waits for a
    // rotation holding the link's row, then sees its new secret (`for share`).
    let insert = |lock: &str| {
        format!(
            "insert into collection_link (collection_id, link_id, sealed_key, added_at) \
             select $1, $2, $3, $4 where exists (select 1 from link \
             where id = $2 and secret_hash = $5 and is_active{lock}) on conflict do nothing"
        )
    };
    let current = "select count(*) from link where id = $1 and secret_hash = $2 and is_active";
    let on_postgres = matches!(db.handle(), Handle::Postgres(_));
    let sql = insert(if on_postgres { " for share" } else { "" });
    let still = on_db!(db, |c| {
        let added = sqlx::query(&sql)
            .bind(id)
            .bind(link_id)
            .bind(sealed_key)
            .bind(now)
            .bind(&admin.hash()[..])
            .execute(&mut *c)
            .await?
            .rows_affected();
        // Nothing added: already a member (fine), or the secret is gone.
        added == 1 || {
            let (n,): (i64,) = sqlx::query_as(current)
                .bind(link_id)
                .bind(&admin.hash()[..])
                .fetch_one(&mut *c)
                .await?;
            n == 1
        }
    });
    still.then_some(()).ok_or(Error::NotFound)
}

/// The collections link `link_id` is in, in the order it joined them: what its
/// owner sees, and may take it out of.
pub async fn of_link(db: &mut dyn Exec, link_id: i64) -> Result<Vec<Collection>> {
    let sql = "select c.id, c.name from collection_link cl \
               join collection c on c.id = cl.collection_id \
               where cl.link_id = $1 order by cl.added_at, c.id";
    let rows: Vec<Collection> = on_db!(db, |c| {
        sqlx::query_as(sql).bind(link_id).fetch_all(c).await?
    });
    Ok(rows)
}

/// Takes link `link_id` out of collection `id`; `NotFound` when it was not in it.
pub async fn remove(db: &mut dyn Exec, id: i64, link_id: i64) -> Result<()> {
    let sql = "delete from collection_link where collection_id = $1 and link_id = $2";
    let removed = on_db!(db, |c| {
        sqlx::query(sql)
            .bind(id)
            .bind(link_id)
            .execute(c)
            .await?
            .rows_affected()
    });
    (removed == 1).then_some(()).ok_or(Error::NotFound)
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

/// A link given a new secret together with its collection's: its id, the new
/// secret's hash, its fresh vault (key sealed with the new secret, secret sealed with
/// the key), and the key sealed with the collection's new secret.
pub struct Renewed {
    pub link_id: i64,
    pub secret_hash: [u8; 32],
    pub vault_key: Vec<u8>,
    pub vault_secret: Vec<u8>,
    pub sealed_key: Vec<u8>,
}

/// Replaces collection `id`'s secret `old` by `new`, with every link's vault key
/// sealed again (`resealed`: link id, sealed key), and the links in `renewed` given
/// their new secrets and taken out of every other collection, in one transaction;
/// `NotFound` when `old` is no longer its secret.
pub async fn replace_secret(
    db: &mut dyn Exec,
    id: i64,
    (old, new): (&SecretKey, &SecretKey),
    resealed: &[(i64, Vec<u8>)],
    renewed: &[Renewed],
) -> Result<()> {
    let rotate = "update collection set secret_hash = $3 where id = $1 and secret_hash = $2";
    let reseal =
        "update collection_link set sealed_key = $3 where collection_id = $1 and link_id = $2";
    let renew = "update link set secret_hash = $2, vault_key = $3, vault_secret = $4 \
                 where id = $1 and is_active";
    let leave = "delete from collection_link where link_id = $1 and collection_id <> $2";
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
            for link in renewed {
                sqlx::query(renew)
                    .bind(link.link_id)
                    .bind(&link.secret_hash[..])
                    .bind(&link.vault_key)
                    .bind(&link.vault_secret)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(leave)
                    .bind(link.link_id)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(reseal)
                    .bind(id)
                    .bind(link.link_id)
                    .bind(&link.sealed_key)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        done.rows_affected() == 1
    });
    rotated.then_some(()).ok_or(Error::NotFound)
}
