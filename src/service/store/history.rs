//! Click history as operators move it: a link's totals per UTC day and per source,
//! read for `export` and written back by `import`, so a moved installation keeps
//! its owners' charts and tables.

use std::collections::HashMap;

use super::clicks::{add_day_clicks, add_source_clicks};
use crate::db::{on_db, Exec};
use crate::error::Result;
use crate::service::machinery::history::History;

/// Every link's history, by key, in two queries.
pub async fn all_histories(db: &mut dyn Exec) -> Result<HashMap<String, History>> {
    let by_day =
        "select link.key, d.day, d.clicks from click_day d join link on link.id = d.link_id";
    let by_source = "select link.key, s.kind, s.name, s.clicks \
                     from click_source s join link on link.id = s.link_id";
    type Days = Vec<(String, String, i64)>;
    type Sources = Vec<(String, String, String, i64)>;
    let (days, sources): (Days, Sources) = on_db!(db, |c| {
        let days = sqlx::query_as(by_day).fetch_all(&mut *c).await?;
        (days, sqlx::query_as(by_source).fetch_all(c).await?)
    });
    let mut all: HashMap<String, History> = HashMap::new();
    for (key, day, clicks) in days {
        all.entry(key).or_default().days.insert(day, clicks);
    }
    for (key, kind, name, clicks) in sources {
        all.entry(key).or_default().set_source(&kind, name, clicks);
    }
    Ok(all)
}

/// Writes an imported link's history (`check`ed) to the link with row id `id`.
pub async fn insert_history(db: &mut dyn Exec, id: i64, history: &History) -> Result<()> {
    let days: Vec<(i64, String, i64)> = history
        .days
        .iter()
        .map(|(day, n)| (id, day.clone(), *n))
        .collect();
    add_day_clicks(db, &days).await?;
    let referrers = history
        .referrers
        .iter()
        .map(|(h, n)| (id, "referrer", &**h, *n));
    let clients = history
        .clients
        .iter()
        .map(|(c, n)| (id, "client", &**c, *n));
    let sources: Vec<(i64, &str, &str, i64)> = referrers.chain(clients).collect();
    add_source_clicks(db, &sources).await?;
    Ok(())
}
