//! Click history as operators move it: a link's totals per UTC day and per source,
//! read for `export` and written back by `import`, so a moved installation keeps
//! its owners' charts and tables.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::clicks::{add_day_clicks, add_source_clicks};
use crate::db::{on_db, Exec};
use crate::error::Result;

/// The largest click count `import` stores (a link's total, a day's, a source's):
/// a trillion, so however many clicks follow, adding them never overflows 64 bits.
pub const MAX_COUNT: i64 = 1_000_000_000_000;

/// One link's written history, keyed as the admin page shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// Clicks per UTC day (`2026-11-28`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub days: BTreeMap<String, i64>,
    /// Clicks per referring host (`direct`, `unknown` included).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub referrers: BTreeMap<String, i64>,
    /// Clicks per client class (`browser`, `bot`, `other`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub clients: BTreeMap<String, i64>,
}

impl History {
    /// No clicks written yet: nothing to export.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty() && self.referrers.is_empty() && self.clients.is_empty()
    }

    /// What `import` refuses: a day that is not `YYYY-MM-DD`, an empty or overlong
    /// name, a count under 1 or over `MAX_COUNT`.
    pub fn check(&self) -> std::result::Result<(), String> {
        let date = time::macros::format_description!("[year]-[month]-[day]");
        if let Some(day) = self
            .days
            .keys()
            .find(|d| time::Date::parse(d, date).is_err())
        {
            return Err(format!("history: {day:?} is not a day (2026-11-28)"));
        }
        let names = self.referrers.keys().chain(self.clients.keys());
        if names.into_iter().any(|n| n.is_empty() || n.len() > 253) {
            return Err("history: source names must have 1 to 253 characters".into());
        }
        let counts = self.days.values().chain(self.referrers.values());
        if counts
            .chain(self.clients.values())
            .any(|n| !(1..=MAX_COUNT).contains(n))
        {
            return Err(format!("history: counts must be 1 to {MAX_COUNT}"));
        }
        Ok(())
    }
}

/// Every link's history, by key, in two queries.
pub async fn all_histories(db: &mut impl Exec) -> Result<HashMap<String, History>> {
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
        let history = all.entry(key).or_default();
        let counts = match kind.as_str() {
            "client" => &mut history.clients,
            _ => &mut history.referrers,
        };
        counts.insert(name, clicks);
    }
    Ok(all)
}

/// Writes an imported link's history (`check`ed) to the link with row id `id`.
pub async fn insert_history(db: &mut impl Exec, id: i64, history: &History) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_days_names_and_positive_counts_are_imported() {
        let mut history = History::default();
        history.days.insert("2026-11-28".into(), 3);
        history.referrers.insert("news.example.com".into(), 2);
        history.clients.insert("browser".into(), 3);
        assert_eq!(history.check(), Ok(()));
        let mut bad_day = history.clone();
        bad_day.days.insert("yesterday".into(), 1);
        assert!(bad_day.check().is_err());
        let mut bad_count = history.clone();
        bad_count.clients.insert("bot".into(), 0);
        assert!(bad_count.check().is_err());
        let mut huge_count = history.clone();
        huge_count.days.insert("2026-11-29".into(), i64::MAX);
        assert!(huge_count.check().is_err());
        let mut bad_name = history;
        bad_name.referrers.insert(String::new(), 1);
        assert!(bad_name.check().is_err());
    }
}
