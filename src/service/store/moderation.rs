//! The statements of a public instance: abuse reports, the operator's moderation
//! secret, disabling links, and creator tokens.

use super::records::log_change;
use crate::db::{on_db, Exec};
use crate::error::{Error, Result};

/// Stores a report on the active link `key`, counts it, and keeps the link's open
/// report rows to the newest `kept` (the count keeps the rest); `NotFound` when there
/// is no such link. Only what the visitor wrote and the time: nothing about who sent
/// it. Run it in a transaction: its first statement writes, so SQLite takes the write
/// lock at once.
pub async fn add_report(
    db: &mut dyn Exec,
    key: &str,
    reason: &str,
    details: Option<&str>,
    now: &str,
    kept: i64,
) -> Result<()> {
    let insert = "insert into report (link_id, reason, details, created_at) \
                  select id, $2, $3, $4 from link where key = $1 and is_active returning link_id";
    let ids: Vec<i64> = on_db!(db, |c| {
        sqlx::query_scalar(insert)
            .bind(key)
            .bind(reason)
            .bind(details)
            .bind(now)
            .fetch_all(c)
            .await?
    });
    let id = *ids.first().ok_or(Error::NotFound)?;
    let count = "insert into report_count (link_id, reason, reports, last_at) \
                 values ($1, $2, 1, $3) on conflict (link_id, reason) do update \
                 set reports = report_count.reports + 1, last_at = excluded.last_at";
    let trim = "delete from report where link_id = $1 and open and id not in \
                (select id from report where link_id = $1 and open order by id desc limit $2)";
    on_db!(db, |c| {
        sqlx::query(count)
            .bind(id)
            .bind(reason)
            .bind(now)
            .execute(&mut *c)
            .await?;
        sqlx::query(trim).bind(id).bind(kept).execute(c).await?;
    });
    Ok(())
}

/// A link as the moderation page lists it, with its open reports counted.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reported {
    pub id: i64,
    pub key: String,
    pub target_url: String,
    /// Its rules and split, as stored (`domain::smart::Smart`).
    pub smart: Option<String>,
    /// Where it sends visitors once expired or used up.
    pub expired_url: Option<String>,
    pub created_at: String,
    /// When its owner last changed where it leads, as stored.
    pub target_changed_at: Option<String>,
    pub clicks: i64,
    pub disabled_reason: Option<String>,
    /// The note of the creator token it was made with (private mode).
    pub token_note: Option<String>,
    /// Every open report, kept or only counted.
    pub open_reports: i64,
    /// When the newest open report arrived (empty when none).
    pub last_report: String,
}

/// How the list of reported links is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Most open reports first, then the newest report.
    #[default]
    MostReported,
    /// The newest report first.
    Newest,
}

impl Order {
    fn sql(self) -> &'static str {
        match self {
            Order::MostReported => " order by open_reports desc, last_report desc, l.id desc",
            Order::Newest => " order by last_report desc, open_reports desc, l.id desc",
        }
    }
}

/// The counts per link: a few rows per link, whatever the number of reports.
const COUNTS: &str = "(select link_id, cast(sum(reports) as bigint) as reports, \
     max(last_at) as last_at from report_count group by link_id) c";

/// The columns and joins of `Reported`, from `from` (the links and their counts);
/// a `where` may follow.
fn reported_select(from: &str) -> String {
    format!(
        "select l.id, l.key, l.target_url, l.smart, l.expired_url, l.created_at, \
         l.target_changed_at, l.clicks, l.disabled_reason, t.note as token_note, \
         coalesce(c.reports, 0) as open_reports, coalesce(c.last_at, '') as last_report \
         from {from} left join creator_token t on t.id = l.token_id where l.is_active"
    )
}

/// Active links with open reports in `order`, at most `limit` from `offset` on.
pub async fn reported(
    db: &mut dyn Exec,
    order: Order,
    limit: i64,
    offset: i64,
) -> Result<Vec<Reported>> {
    let sql = format!(
        "{}{} limit $1 offset $2",
        reported_select(&format!("{COUNTS} join link l on l.id = c.link_id")),
        order.sql()
    );
    Ok(on_db!(db, |c| {
        sqlx::query_as(&sql)
            .bind(limit)
            .bind(offset)
            .fetch_all(c)
            .await?
    }))
}

/// Active links whose key is `text` or where any target (its own, a rule's, a
/// variant's, the one after expiry) contains it (the caller keeps those whose host
/// matches), reported or not, most reported first, at most `limit` from `offset` on.
pub async fn search(
    db: &mut dyn Exec,
    text: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Reported>> {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let select = reported_select(&format!("link l left join {COUNTS} on c.link_id = l.id"));
    let sql = format!(
        "{select} and (l.key = $3 or lower(l.target_url) like $4 escape '\\' \
         or lower(l.smart) like $4 escape '\\' or lower(l.expired_url) like $4 escape '\\')\
         {} limit $1 offset $2",
        Order::MostReported.sql()
    );
    Ok(on_db!(db, |c| {
        sqlx::query_as(&sql)
            .bind(limit)
            .bind(offset)
            .bind(text)
            .bind(format!("%{}%", escaped.to_lowercase()))
            .fetch_all(c)
            .await?
    }))
}

/// Open reports per link and reason, for the links `ids`: `(link_id, reason, reports)`.
pub async fn report_counts(db: &mut dyn Exec, ids: &[i64]) -> Result<Vec<(i64, String, i64)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, |c| {
        let mut select = sqlx::QueryBuilder::new(
            "select link_id, reason, reports from report_count where link_id in (",
        );
        let mut list = select.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        select.push(")");
        select
            .build_query_as()
            .persistent(false)
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

/// The newest `per_link` open reports with a text of each of the links `ids`,
/// newest first: chosen by the database, never more rows than that read out.
pub async fn newest_texts(
    db: &mut dyn Exec,
    ids: &[i64],
    per_link: i64,
) -> Result<Vec<OpenReport>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, |c| {
        let mut select = sqlx::QueryBuilder::new(
            "select link_id, reason, details, created_at from (\
             select link_id, reason, details, created_at, id, row_number() over \
             (partition by link_id order by id desc) as newer from report \
             where open and details is not null and link_id in (",
        );
        let mut list = select.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        select.push(")) as ranked where newer <= ");
        select.push_bind(per_link);
        select.push(" order by link_id, id desc");
        select
            .build_query_as()
            .persistent(false)
            .fetch_all(c)
            .await?
    }))
}

/// Closes the open reports of the link `key` and forgets their counts; `NotFound`
/// when there is no such link.
pub async fn dismiss(db: &mut dyn Exec, key: &str) -> Result<u64> {
    exists(db, key).await?;
    let sql = "update report set open = false where open and \
               link_id = (select id from link where key = $1)";
    let counts = "delete from report_count where link_id = (select id from link where key = $1)";
    Ok(on_db!(db, |c| {
        let closed = sqlx::query(sql).bind(key).execute(&mut *c).await?;
        sqlx::query(counts).bind(key).execute(c).await?;
        closed.rows_affected()
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
