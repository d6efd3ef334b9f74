//! The statements of a public instance: abuse reports, the operator's moderation
//! secret, disabling links, and creator tokens.

use super::records::log_change;
use crate::db::{on_db, Exec};
use crate::error::{Error, Result};

/// Stores a report on the active link `key`; `NotFound` when there is none. Only
/// what the visitor wrote and the time: nothing about who sent it.
pub async fn add_report(
    db: &mut dyn Exec,
    key: &str,
    reason: &str,
    details: Option<&str>,
    now: &str,
) -> Result<()> {
    let sql = "insert into report (link_id, reason, details, created_at) \
               select id, $2, $3, $4 from link where key = $1 and is_active";
    let added = on_db!(db, |c| {
        let done = sqlx::query(sql)
            .bind(key)
            .bind(reason)
            .bind(details)
            .bind(now)
            .execute(c)
            .await?;
        done.rows_affected()
    });
    match added {
        0 => Err(Error::NotFound),
        _ => Ok(()),
    }
}

/// A link as the moderation page lists it, with its open reports counted.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reported {
    pub id: i64,
    pub key: String,
    pub target_url: String,
    pub created_at: String,
    pub clicks: i64,
    pub disabled_reason: Option<String>,
    /// The note of the creator token it was made with (private mode).
    pub token_note: Option<String>,
    pub open_reports: i64,
}

/// The columns and joins of `Reported`; a `where` may follow.
const REPORTED: &str = "select l.id, l.key, l.target_url, l.created_at, l.clicks, \
     l.disabled_reason, t.note as token_note, count(r.id) as open_reports, \
     max(r.created_at) as last_report \
     from link l left join report r on r.link_id = l.id and r.open \
     left join creator_token t on t.id = l.token_id where l.is_active";

/// The grouping and order of `Reported`: most open reports first, then the newest.
const REPORTED_ORDER: &str = " group by l.id, l.key, l.target_url, l.created_at, l.clicks, \
     l.disabled_reason, t.note order by open_reports desc, last_report desc, l.id desc limit $1";

/// Active links with open reports, most reported first, at most `limit`.
pub async fn reported(db: &mut dyn Exec, limit: i64) -> Result<Vec<Reported>> {
    let sql = format!("{REPORTED} and r.id is not null{REPORTED_ORDER}");
    Ok(on_db!(db, |c| {
        sqlx::query_as(&sql).bind(limit).fetch_all(c).await?
    }))
}

/// Active links whose key is `text` or whose target contains it (the caller keeps
/// those whose host matches), reported or not, at most `limit`.
pub async fn search(db: &mut dyn Exec, text: &str, limit: i64) -> Result<Vec<Reported>> {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let sql = format!(
        "{REPORTED} and (l.key = $2 or lower(l.target_url) like $3 escape '\\'){REPORTED_ORDER}"
    );
    Ok(on_db!(db, |c| {
        sqlx::query_as(&sql)
            .bind(limit)
            .bind(text)
            .bind(format!("%{}%", escaped.to_lowercase()))
            .fetch_all(c)
            .await?
    }))
}

/// One open report: which link, why, what was written, when.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpenReport {
    pub link_id: i64,
    pub reason: String,
    pub details: Option<String>,
    pub created_at: String,
}

/// The open reports of the links `ids`, newest first.
pub async fn open_reports(db: &mut dyn Exec, ids: &[i64]) -> Result<Vec<OpenReport>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, |c| {
        let mut select = sqlx::QueryBuilder::new(
            "select link_id, reason, details, created_at from report where open and link_id in (",
        );
        let mut list = select.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        select.push(") order by created_at desc, id desc");
        select
            .build_query_as()
            .persistent(false)
            .fetch_all(c)
            .await?
    }))
}

/// Closes the open reports of the link `key`; `NotFound` when there is no such link.
pub async fn dismiss(db: &mut dyn Exec, key: &str) -> Result<u64> {
    exists(db, key).await?;
    let sql = "update report set open = false where open and \
               link_id = (select id from link where key = $1)";
    Ok(on_db!(db, |c| {
        sqlx::query(sql).bind(key).execute(c).await?.rows_affected()
    }))
}

async fn exists(db: &mut dyn Exec, key: &str) -> Result<()> {
    let sql = "select count(*) from link where key = $1";
    let found: i64 = on_db!(db, |c| {
        sqlx::query_scalar(sql).bind(key).fetch_one(c).await?
    });
    match found {
        0 => Err(Error::NotFound),
        _ => Ok(()),
    }
}

/// Disables (`Some(reason)`) or enables (`None`) the link `key`, closes its open
/// reports when disabling, and tells every server to forget its cached target.
pub async fn set_disabled(db: &mut dyn Exec, key: &str, reason: Option<&str>) -> Result<()> {
    let sql = "update link set disabled_reason = $2 where key = $1";
    let changed = on_db!(db, |c| {
        let done = sqlx::query(sql).bind(key).bind(reason).execute(c).await?;
        done.rows_affected()
    });
    if changed == 0 {
        return Err(Error::NotFound);
    }
    if reason.is_some() {
        dismiss(db, key).await?;
    }
    log_change(db, Some(key)).await
}

/// Makes `hash` the moderation page's secret, replacing any earlier one.
pub async fn set_moderation_secret(db: &mut dyn Exec, hash: &[u8; 32]) -> Result<()> {
    let sql = "insert into moderation (id, secret_hash) values (1, $1) \
               on conflict (id) do update set secret_hash = excluded.secret_hash";
    on_db!(db, |c| {
        sqlx::query(sql).bind(&hash[..]).execute(c).await?;
    });
    Ok(())
}

/// Whether `hash` is the moderation page's secret.
pub async fn is_moderation_secret(db: &mut dyn Exec, hash: &[u8; 32]) -> Result<bool> {
    let sql = "select count(*) from moderation where secret_hash = $1";
    let found: i64 = on_db!(db, |c| {
        sqlx::query_scalar(sql).bind(&hash[..]).fetch_one(c).await?
    });
    Ok(found > 0)
}

/// A creator token as the operator sees it (never the token itself).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Token {
    pub id: i64,
    pub note: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    /// Links created with it.
    pub links: i64,
}

/// Stores a new token's hash; its id.
pub async fn add_token(db: &mut dyn Exec, hash: &[u8; 32], note: &str, now: &str) -> Result<i64> {
    let sql = "insert into creator_token (token_hash, note, created_at) values ($1, $2, $3) \
               returning id";
    let ids: Vec<(i64,)> = on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(&hash[..])
            .bind(note)
            .bind(now)
            .fetch_all(c)
            .await?
    });
    ids.first().map(|(id,)| *id).ok_or(Error::Unavailable)
}

/// Every token, oldest first.
pub async fn tokens(db: &mut dyn Exec) -> Result<Vec<Token>> {
    let sql = "select t.id, t.note, t.created_at, t.revoked_at, \
               (select count(*) from link l where l.token_id = t.id) as links \
               from creator_token t order by t.id";
    Ok(on_db!(db, |c| sqlx::query_as(sql).fetch_all(c).await?))
}

/// The id of the unrevoked token with `hash`.
pub async fn token_id(db: &mut dyn Exec, hash: &[u8; 32]) -> Result<Option<i64>> {
    let sql = "select id from creator_token where token_hash = $1 and revoked_at is null";
    Ok(on_db!(db, |c| {
        sqlx::query_scalar(sql)
            .bind(&hash[..])
            .fetch_optional(c)
            .await?
    }))
}

/// Revokes token `id` at `now`; `NotFound` when there is none (revoking twice is fine).
pub async fn revoke_token(db: &mut dyn Exec, id: i64, now: &str) -> Result<()> {
    let sql = "update creator_token set revoked_at = coalesce(revoked_at, $2) where id = $1";
    let changed = on_db!(db, |c| {
        let done = sqlx::query(sql).bind(id).bind(now).execute(c).await?;
        done.rows_affected()
    });
    match changed {
        0 => Err(Error::NotFound),
        _ => Ok(()),
    }
}

/// Disables every active link made with token `id` (not yet disabled) for `reason`,
/// and tells every server to forget every cached target; how many.
pub async fn disable_token_links(db: &mut dyn Exec, id: i64, reason: &str) -> Result<u64> {
    let sql = "update link set disabled_reason = $2 \
               where token_id = $1 and is_active and disabled_reason is null";
    let changed = on_db!(db, |c| {
        let done = sqlx::query(sql).bind(id).bind(reason).execute(c).await?;
        done.rows_affected()
    });
    log_change(db, None).await?;
    Ok(changed)
}
