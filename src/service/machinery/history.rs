//! A link's clicks as owners see them and operators move them: per UTC day
//! (`2026-11-28`), per referring host and per client class. One type for the admin
//! page, the export file and the import check.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::clock::day;
use crate::domain::window::Window;

/// How many sources of each kind the admin page lists.
pub const TOP: usize = 10;

/// Distinct referring hosts one link keeps, in memory and in the database; clicks
/// from any further host count under `OTHER_HOSTS`. Referers are made up by whoever
/// clicks, so without this a script could grow a link's rows (and every read of its
/// admin page) without bound; the page lists only the top `TOP` anyway.
pub const REFERRER_HOSTS: usize = 100;

/// Where clicks from hosts past `REFERRER_HOSTS` are counted: it has a space, so no
/// `Referer` host can be named so.
pub const OTHER_HOSTS: &str = "other hosts";

/// The referrer names that never take one of the `REFERRER_HOSTS` places: they are
/// not hosts, and made-up `Referer`s must not push direct clicks into `OTHER_HOSTS`.
/// `store::clicks::add_source_clicks` names the same three.
pub const PLACELESS: [&str; 3] = [
    crate::domain::visit::DIRECT,
    crate::domain::visit::UNKNOWN,
    OTHER_HOSTS,
];

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
    /// Sets the count of one source as stored: `kind` is `client` or `referrer`.
    pub fn set_source(&mut self, kind: &str, name: String, clicks: i64) {
        let counts = match kind {
            "client" => &mut self.clients,
            _ => &mut self.referrers,
        };
        counts.insert(name, clicks);
    }

    /// No clicks written yet: nothing to export.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty() && self.referrers.is_empty() && self.clients.is_empty()
    }

    /// What `import` refuses: a day that is not `YYYY-MM-DD`, an empty or overlong
    /// name, a count under 1 or over `MAX_COUNT`.
    pub fn validate(&self) -> std::result::Result<(), String> {
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

    /// Clicks on every day of `window` up to `today`, oldest first, days without clicks as 0.
    pub fn history(&self, window: Window, today: Date) -> Vec<DayClicks> {
        let mut date = window.since(today);
        let mut days = Vec::with_capacity(usize::from(window.days()));
        while date <= today {
            let name = day(date);
            let clicks = self.days.get(&name).copied().unwrap_or(0);
            days.push(DayClicks { day: name, clicks });
            date = date.next_day().unwrap_or(today);
        }
        days
    }

    /// The referring hosts with most clicks.
    pub fn top_referrers(&self) -> Vec<SourceClicks> {
        top(&self.referrers)
    }

    /// The client classes, most clicks first.
    pub fn top_clients(&self) -> Vec<SourceClicks> {
        top(&self.clients)
    }
}

/// One day of history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DayClicks {
    pub day: String,
    pub clicks: i64,
}

/// One source of clicks: a referring host or a client class.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SourceClicks {
    pub name: String,
    pub clicks: i64,
}

/// The `TOP` largest counts, most first, ties by name so the order is stable.
fn top(counts: &BTreeMap<String, i64>) -> Vec<SourceClicks> {
    let mut all: Vec<SourceClicks> = counts
        .iter()
        .map(|(name, &clicks)| SourceClicks {
            name: name.clone(),
            clicks,
        })
        .collect();
    all.sort_by(|a, b| b.clicks.cmp(&a.clicks).then_with(|| a.name.cmp(&b.name)));
    all.truncate(TOP);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn only_days_names_and_positive_counts_are_imported() {
        let mut history = History::default();
        history.days.insert("2026-11-28".into(), 3);
        history.referrers.insert("news.example.com".into(), 2);
        history.clients.insert("browser".into(), 3);
        assert_eq!(history.validate(), Ok(()));
        let mut bad_day = history.clone();
        bad_day.days.insert("yesterday".into(), 1);
        assert!(bad_day.validate().is_err());
        let mut bad_count = history.clone();
        bad_count.clients.insert("bot".into(), 0);
        assert!(bad_count.validate().is_err());
        let mut huge_count = history.clone();
        huge_count.days.insert("2026-11-29".into(), i64::MAX);
        assert!(huge_count.validate().is_err());
        let mut bad_name = history;
        bad_name.referrers.insert(String::new(), 1);
        assert!(bad_name.validate().is_err());
    }

    #[test]
    fn history_fills_every_day_of_the_window() {
        let mut insight = History::default();
        insight.days.insert("2026-02-27".into(), 4);
        insight.days.insert("2026-03-01".into(), 2);
        let days = insight.history(Window::parse(Some("7")).unwrap(), date!(2026 - 03 - 02));
        let shown: Vec<(&str, i64)> = days.iter().map(|d| (d.day.as_str(), d.clicks)).collect();
        assert_eq!(
            shown,
            [
                ("2026-02-24", 0),
                ("2026-02-25", 0),
                ("2026-02-26", 0),
                ("2026-02-27", 4),
                ("2026-02-28", 0),
                ("2026-03-01", 2),
                ("2026-03-02", 0),
            ]
        );
    }

    #[test]
    fn the_top_list_is_the_ten_largest_in_a_stable_order() {
        let counts: BTreeMap<String, i64> = (0..15).map(|i| (format!("h{i:02}"), i % 5)).collect();
        let top = top(&counts);
        let names: Vec<&str> = top.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["h04", "h09", "h14", "h03", "h08", "h13", "h02", "h07", "h12", "h01"]
        );
    }
}
