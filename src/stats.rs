//! What owners see of a link's clicks: how many per day, and where they came from.

use std::collections::HashMap;

use serde::Serialize;
use time::{Date, Duration};

use crate::clicks::Pending;
use crate::clock::day;
use crate::error::{Error, Result};

/// How many sources of each kind the admin page lists.
pub const TOP: usize = 10;

/// The days of history shown: one of the windows the admin page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window(u16);

impl Default for Window {
    fn default() -> Window {
        Window(30)
    }
}

impl Window {
    /// The windows on offer, in days.
    pub const CHOICES: [u16; 4] = [7, 30, 90, 365];

    /// `?days=`: one of the choices, 30 when absent.
    pub fn parse(days: Option<&str>) -> Result<Window> {
        let Some(days) = days else {
            return Ok(Window(30));
        };
        days.parse()
            .ok()
            .filter(|d| Self::CHOICES.contains(d))
            .map(Window)
            .ok_or_else(|| Error::Invalid {
                field: "days",
                message: "days must be 7, 30, 90 or 365".into(),
            })
    }

    /// How many days.
    pub fn days(self) -> u16 {
        self.0
    }

    /// The first day of the window that ends `today`.
    pub fn since(self, today: Date) -> Date {
        today - Duration::days(i64::from(self.0) - 1)
    }
}

/// A link's clicks by day (`YYYY-MM-DD`), by referring host and by client class.
#[derive(Debug, Default, Clone)]
pub struct Insight {
    pub days: HashMap<String, i64>,
    pub referrers: HashMap<String, i64>,
    pub clients: HashMap<String, i64>,
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

impl Insight {
    /// Adds clicks not yet written, counting days from `since` only.
    pub fn add_pending(&mut self, pending: &Pending, since: Date) {
        for (date, count) in pending.days.iter().filter(|(date, _)| **date >= since) {
            *self.days.entry(day(*date)).or_insert(0) += count;
        }
        for (host, count) in &pending.referrers {
            *self.referrers.entry(host.to_string()).or_insert(0) += count;
        }
        for (client, count) in &pending.clients {
            *self.clients.entry(client.as_str().to_owned()).or_insert(0) += count;
        }
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

/// The `TOP` largest counts, most first, ties by name so the order is stable.
fn top(counts: &HashMap<String, i64>) -> Vec<SourceClicks> {
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
    fn only_the_offered_windows_are_accepted() {
        assert_eq!(Window::parse(None).unwrap().days(), 30);
        assert_eq!(Window::parse(Some("365")).unwrap().days(), 365);
        for bad in ["0", "31", "-7", "7.0", "", "1e3", "99999999999"] {
            assert!(Window::parse(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn history_fills_every_day_of_the_window() {
        let mut insight = Insight::default();
        insight.days.insert("2026-02-27".into(), 4);
        insight.days.insert("2026-03-01".into(), 2);
        let days = insight.history(Window(7), date!(2026 - 03 - 02));
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
        let counts: HashMap<String, i64> = (0..15).map(|i| (format!("h{i:02}"), i % 5)).collect();
        let top = top(&counts);
        let names: Vec<&str> = top.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["h04", "h09", "h14", "h03", "h08", "h13", "h02", "h07", "h12", "h01"]
        );
    }
}
