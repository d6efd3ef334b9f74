//! Clicks counted in memory and written to the database in one transaction per
//! second, so a redirect never waits for the database (nor for SQLite's write lock). The same write keeps
//! each link's history: clicks per UTC day, per referring host and per client class.
//!
//! A graceful stop writes what is pending after the last request has finished
//! (`Links::flush_on_exit`, once `launch()` returns); a SIGKILL loses at most the
//! last second of clicks, never a link.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rocket::Shutdown;
use time::{Date, OffsetDateTime};

use super::history::{History, OTHER_HOSTS, PLACELESS, REFERRER_HOSTS};
use super::metrics::Metrics;
use super::store::{self, Link};
use crate::db::Pool;
use crate::domain::clock::{day, stamp};
use crate::domain::visit::{Client, Visit};
use crate::error::Result;

/// How often pending clicks are written.
pub const FLUSH_EVERY: Duration = Duration::from_secs(1);

/// Clicks on one link not yet in the database.
#[derive(Debug, Default)]
pub struct Pending {
    pub total: i64,
    pub last_at: Option<OffsetDateTime>,
    pub days: HashMap<Date, i64>,
    pub referrers: HashMap<Cow<'static, str>, i64>,
    pub clients: HashMap<Client, i64>,
}

impl Pending {
    /// One click; `counted` when its total is already in the database (`max_clicks`).
    fn add(&mut self, visit: &Visit, at: OffsetDateTime, counted: bool) {
        self.total += i64::from(!counted);
        self.last_at = self.last_at.max(Some(at));
        let utc_day = at.to_offset(time::UtcOffset::UTC).date();
        *self.days.entry(utc_day).or_insert(0) += 1;
        self.add_referrer(&visit.referrer, 1);
        *self.clients.entry(visit.client).or_insert(0) += 1;
    }

    /// Counts `count` clicks from `host`, or under `OTHER_HOSTS` once this link has
    /// `REFERRER_HOSTS` others pending: the map never grows past that (plus the
    /// `PLACELESS` names, which always keep their own). Allocates only for a host
    /// seen first (and not for `direct`, `unknown` or the excess).
    // A `Cow`, not a `&str`: `direct` and `unknown` stay borrowed, never copied.
    #[allow(clippy::ptr_arg)]
    fn add_referrer(&mut self, host: &Cow<'static, str>, count: i64) {
        if let Some(counted) = self.referrers.get_mut(host.as_ref()) {
            *counted += count;
            return;
        }
        let placeless = PLACELESS
            .iter()
            .filter(|name| self.referrers.contains_key(**name))
            .count();
        let named = self.referrers.len() - placeless;
        let host = if named < REFERRER_HOSTS || PLACELESS.contains(&host.as_ref()) {
            host.clone()
        } else {
            Cow::Borrowed(OTHER_HOSTS)
        };
        *self.referrers.entry(host).or_insert(0) += count;
    }

    /// Takes back clicks whose write failed.
    fn absorb(&mut self, other: Pending) {
        self.total += other.total;
        self.last_at = self.last_at.max(other.last_at);
        for (day, count) in other.days {
            *self.days.entry(day).or_insert(0) += count;
        }
        for (host, count) in other.referrers {
            self.add_referrer(&host, count);
        }
        for (client, count) in other.clients {
            *self.clients.entry(client).or_insert(0) += count;
        }
    }
}

impl Pending {
    /// Adds these clicks to `link` as read from the database (total, last click).
    pub fn add_to(&self, link: &mut Link) {
        link.clicks += self.total;
        let last = self.last_at.map(stamp);
        link.last_clicked_at = link.last_clicked_at.take().max(last);
    }

    /// Adds these clicks to a written history, counting days from `since` only.
    pub fn add_to_history(&self, history: &mut History, since: Date) {
        for (date, count) in self.days.iter().filter(|(date, _)| **date >= since) {
            *history.days.entry(day(*date)).or_insert(0) += count;
        }
        for (host, count) in &self.referrers {
            *history.referrers.entry(host.to_string()).or_insert(0) += count;
        }
        for (client, count) in &self.clients {
            *history
                .clients
                .entry(client.as_str().to_owned())
                .or_insert(0) += count;
        }
    }
}

/// Clicks not yet in the database, by link id.
#[derive(Default)]
pub struct Counter {
    pending: Mutex<HashMap<i64, Pending>>,
    /// One flush at a time, so counts taken out are written before the next take.
    flushing: rocket::tokio::sync::Mutex<()>,
}

impl Counter {
    /// Counts one click on the link with row id `id`.
    pub fn record(&self, id: i64, visit: &Visit, at: OffsetDateTime) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.entry(id).or_default().add(visit, at, false);
    }

    /// Keeps the history of a click whose total the database already counted
    /// (`store::take_click`, for links with `max_clicks`).
    pub fn record_counted(&self, id: i64, visit: &Visit, at: OffsetDateTime) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.entry(id).or_default().add(visit, at, true);
    }

    /// Runs `read` while no flush is under way, then lets `merge` add the clicks not
    /// yet written: each total is exact, never a batch short or counted twice.
    pub async fn with_pending<T>(
        &self,
        read: impl Future<Output = Result<T>>,
        merge: impl FnOnce(&mut T, &HashMap<i64, Pending>),
    ) -> Result<T> {
        let _no_flush = self.flushing.lock().await;
        let mut read = read.await?;
        merge(
            &mut read,
            &self.pending.lock().unwrap_or_else(|e| e.into_inner()),
        );
        Ok(read)
    }

    /// Writes every pending click in one transaction, returning how many; on failure
    /// they stay pending.
    pub async fn flush(&self, db: &Pool) -> Result<usize, sqlx::Error> {
        let _one_at_a_time = self.flushing.lock().await;
        let batch = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if batch.is_empty() {
            return Ok(0);
        }
        match write(db, &batch).await {
            Ok(()) => Ok(batch.values().map(|p| p.total as usize).sum()),
            Err(e) => {
                let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
                for (id, clicks) in batch {
                    pending.entry(id).or_default().absorb(clicks);
                }
                Err(e)
            }
        }
    }
}

async fn write(db: &Pool, batch: &HashMap<i64, Pending>) -> Result<(), sqlx::Error> {
    // In row order, so the pages are visited once, front to back.
    let mut ids: Vec<&i64> = batch.keys().collect();
    ids.sort_unstable();
    let (mut totals, mut days, mut sources) = (Vec::new(), Vec::new(), Vec::new());
    for &id in ids {
        let clicks = &batch[&id];
        let last = clicks.last_at.map(stamp).unwrap_or_default();
        totals.push((id, clicks.total, last));
        days.extend(clicks.days.iter().map(|(date, &n)| (id, day(*date), n)));
        let hosts = clicks
            .referrers
            .iter()
            .map(|(host, &n)| (id, "referrer", &**host, n));
        let kinds = clicks
            .clients
            .iter()
            .map(|(c, &n)| (id, "client", c.as_str(), n));
        sources.extend(hosts.chain(kinds));
    }
    let mut tx = db.begin().await?;
    store::add_clicks(&mut tx, &totals).await?;
    store::add_day_clicks(&mut tx, &days).await?;
    store::add_source_clicks(&mut tx, &sources).await?;
    tx.commit().await
}

/// Writes pending clicks every `FLUSH_EVERY` until `shutdown`; a failed write keeps
/// them for the next try.
pub async fn flush_every_second(
    pool: Pool,
    clicks: Arc<Counter>,
    metrics: Arc<Metrics>,
    mut shutdown: Shutdown,
) {
    let mut tick = rocket::tokio::time::interval(FLUSH_EVERY);
    loop {
        rocket::tokio::select! {
            _ = tick.tick() => {}
            _ = &mut shutdown => break,
        }
        match clicks.flush(&pool).await {
            Ok(written) => metrics.clicks_written.inc_by(written as u64),
            Err(e) => rocket::error!("writing clicks failed (kept for the next try): {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_links_pending_hosts_stop_at_the_cap_and_the_rest_count_as_other() {
        let mut pending = Pending::default();
        let at = OffsetDateTime::UNIX_EPOCH;
        for i in 0..20_000 {
            let referer = format!("https://made-up-{i}.example/");
            pending.add(&Visit::from_headers(Some(&referer), None), at, false);
        }

        assert_eq!(pending.referrers.len(), REFERRER_HOSTS + 1);
        assert_eq!(
            pending.referrers[OTHER_HOSTS],
            20_000 - REFERRER_HOSTS as i64
        );
        assert_eq!(pending.referrers.values().sum::<i64>(), 20_000);
    }

    #[test]
    fn clicks_taken_back_after_a_failed_write_stay_within_the_cap() {
        let (mut kept, mut failed) = (Pending::default(), Pending::default());
        let at = OffsetDateTime::UNIX_EPOCH;
        for i in 0..REFERRER_HOSTS {
            let (a, b) = (
                format!("https://a{i}.example/"),
                format!("https://b{i}.example/"),
            );
            kept.add(&Visit::from_headers(Some(&a), None), at, false);
            failed.add(&Visit::from_headers(Some(&b), None), at, false);
        }

        kept.absorb(failed);

        assert_eq!(kept.referrers.len(), REFERRER_HOSTS + 1);
        assert_eq!(kept.referrers[OTHER_HOSTS], REFERRER_HOSTS as i64);
        assert_eq!(kept.total, 2 * REFERRER_HOSTS as i64);
    }
}
