//! The click statements of the link service: counts, history and sources, written
//! by the once-a-second flush, and the exact count of links with a click limit.

use sqlx::SqliteConnection;

use crate::error::Result;
use crate::stats::Insight;

/// Adds clicks counted in memory (see `clicks`); additive, never read-modify-write.
/// `last_at` is a stamp (`clock::stamp`), so the later of two compares greater.
pub async fn add_clicks(
    db: &mut SqliteConnection,
    id: i64,
    count: i64,
    last_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update link set clicks = clicks + $1, \
         last_clicked_at = max(coalesce(last_clicked_at, ''), $2) where id = $3",
    )
    .bind(count)
    .bind(last_at)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Adds clicks to a link's total for one UTC day (`YYYY-MM-DD`).
pub async fn add_day_clicks(
    db: &mut SqliteConnection,
    id: i64,
    day: &str,
    count: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into click_day (link_id, day, clicks) values ($1, $2, $3) \
         on conflict (link_id, day) do update set clicks = clicks + excluded.clicks",
    )
    .bind(id)
    .bind(day)
    .bind(count)
    .execute(db)
    .await?;
    Ok(())
}

/// Adds clicks to a link's total from one source: a referring host or a client class.
pub async fn add_source_clicks(
    db: &mut SqliteConnection,
    id: i64,
    kind: &str,
    name: &str,
    count: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into click_source (link_id, kind, name, clicks) values ($1, $2, $3, $4) \
         on conflict (link_id, kind, name) do update set clicks = clicks + excluded.clicks",
    )
    .bind(id)
    .bind(kind)
    .bind(name)
    .bind(count)
    .execute(db)
    .await?;
    Ok(())
}

/// A link's written history: clicks per day from `since` (`YYYY-MM-DD`) and per source.
pub async fn insight(db: &mut SqliteConnection, id: i64, since: &str) -> Result<Insight> {
    let days: Vec<(String, i64)> =
        sqlx::query_as("select day, clicks from click_day where link_id = $1 and day >= $2")
            .bind(id)
            .bind(since)
            .fetch_all(&mut *db)
            .await?;
    let sources: Vec<(String, String, i64)> =
        sqlx::query_as("select kind, name, clicks from click_source where link_id = $1")
            .bind(id)
            .fetch_all(db)
            .await?;
    let mut insight = Insight::default();
    insight.days.extend(days);
    for (kind, name, clicks) in sources {
        let counts = match kind.as_str() {
            "client" => &mut insight.clients,
            _ => &mut insight.referrers,
        };
        counts.insert(name, clicks);
    }
    Ok(insight)
}

/// Counts one click on a link with `max_clicks` in the database itself, so the
/// limit holds under any concurrency; `false` when the link is used up (or gone).
pub async fn take_click(db: &mut SqliteConnection, id: i64, at: &str) -> Result<bool> {
    let taken: Vec<(i64,)> = sqlx::query_as(
        "update link set clicks = clicks + 1, last_clicked_at = max(coalesce(last_clicked_at, ''), $1) \
         where id = $2 and is_active and clicks < max_clicks returning id",
    )
    .bind(at)
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(!taken.is_empty())
}
