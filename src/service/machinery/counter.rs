//! Clicks counted in memory and written to the database in one transaction per
//! second, so a redirect never waits for the database (nor for SQLite's write lock). The same write keeps
//! each link's history: clicks per UTC day, per referring host and per client class.
//!
//! A graceful stop writes what is pending after the last request has finished
//! (`Links::write_last_clicks`, once `launch()` returns); a SIGKILL loses at most the
//! last second of clicks, never a link.
//!
//! A write that fails (a full disk, a database refusing writes) puts its clicks back,
//! as many times as it fails: they wait in memory, bounded per link (`MAX_PENDING_DAYS`),
//! and are written by the first flush that succeeds. The log says when writing starts
//! failing, at most once a minute while it lasts, and when it works again, each time
//! with the number of clicks; a stop that cannot write them says how many are lost.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rocket::tokio::sync::Notify;
use rocket::Shutdown;
use time::OffsetDateTime;

use super::pending::{ById, Pending};
use crate::db::Pool;
use crate::domain::clock::{day, stamp};
use crate::domain::smart::Choice;
use crate::domain::visit::Visit;
use crate::error::Result;
use crate::metrics::Metrics;
use crate::service::store;

/// How often pending clicks are written.
pub const FLUSH_EVERY: Duration = Duration::from_secs(1);

/// The least time between two log lines saying that writing clicks still fails.
const STILL_FAILING_EVERY: Duration = Duration::from_secs(60);

/// Clicks not yet in the database, by link id.
#[derive(Default)]
pub struct Counter {
    pending: Mutex<ById<Pending>>,
    /// The map the last write emptied, kept for the next flush to swap in, so a
    /// steady stream of clicks on many links allocates no map each second.
    spare: Mutex<ById<Pending>>,
    /// One flush at a time, so counts taken out are written before the next take.
    flushing: rocket::tokio::sync::Mutex<()>,
    /// Flushes that took a batch out of `pending` (changed only with `pending` locked)
    /// and flushes that finished (the batch written, or put back): a read that no flush
    /// overlapped adds `pending` to what it read and is exact, without holding any lock
    /// across its SQL.
    started: AtomicU64,
    finished: AtomicU64,
    /// Woken when a flush finishes.
    flushed: Notify,
    /// How writing has gone lately: for the log, `/health` and the metrics.
    writes: Mutex<Writes>,
}

/// Since when writing clicks fails, and what the log was last told.
#[derive(Default)]
struct Writes {
    /// The first failure of the current run of failures; `None` while writes work.
    failing_since: Option<Instant>,
    /// The latest failure's message, for `/health`.
    error: String,
    /// When the log last said that writing still fails.
    said_at: Option<Instant>,
}

/// Clicks that cannot be written for longer than a grace period (`Counter::failing`).
pub struct Failing {
    pub for_: Duration,
    pub pending: i64,
    pub error: String,
}

/// Reads tried without holding off flushes before a read holds them off: a read that
/// one flush overlapped is simply read again (flushes take milliseconds), and one that
/// keeps being overlapped (a very long read under a stream of clicks) still ends.
const OPTIMISTIC_READS: u32 = 3;

/// What a read saw before it began: how many flushes had taken a batch; or, after
/// `OPTIMISTIC_READS` tries, the flush lock itself.
pub struct Ticket<'a> {
    started: u64,
    exclusive: Option<rocket::tokio::sync::MutexGuard<'a, ()>>,
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

    /// Counts which rule or variant took a click already recorded on link `id`.
    pub fn chose(&self, id: i64, decision: Choice, at: OffsetDateTime) {
        let date = crate::domain::clock::utc(at).unwrap_or(at).date();
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.entry(id).or_default().add_choice(date, decision, 1);
    }

    /// Runs `delete` (of link `id`'s stored counts per choice) while no flush is under
    /// way, and forgets its pending choices that `gone` names, so none is written
    /// after the delete.
    pub async fn forget_choices(
        &self,
        id: i64,
        gone: impl Fn(Choice) -> bool,
        delete: impl Future<Output = Result<()>>,
    ) -> Result<()> {
        let _no_flush = self.flushing.lock().await;
        delete.await?;
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(clicks) = pending.get_mut(&id) {
            clicks.forget_choices(gone);
        }
        Ok(())
    }

    /// Runs `update` (a write that returns what it wrote) while no flush is under way,
    /// then lets `merge` add the clicks not yet written. Writes are one short statement,
    /// so holding off flushes for one costs nothing; reads use `with_pending`.
    pub async fn with_pending_once<T>(
        &self,
        update: impl Future<Output = Result<T>>,
        merge: impl FnOnce(&mut T, &ById<Pending>),
    ) -> Result<T> {
        let _no_flush = self.flushing.lock().await;
        let mut done = update.await?;
        merge(
            &mut done,
            &self.pending.lock().unwrap_or_else(|e| e.into_inner()),
        );
        Ok(done)
    }

    /// Runs `read`, then lets `merge` add the clicks not yet written: each total is
    /// exact, never a batch short or counted twice. No lock is held across the read, so
    /// one owner's long read delays neither the flush nor any other owner's read.
    pub async fn with_pending<T, F, Fut>(
        &self,
        mut read: F,
        merge: impl Fn(&mut T, &ById<Pending>),
    ) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let mut attempt = 0;
        loop {
            let ticket = self.ticket(attempt).await;
            let mut done = read().await?;
            if self.merge(ticket, &mut done, &merge) {
                return Ok(done);
            }
            attempt += 1;
        }
    }

    /// Before a read: waits for a flush that is writing (its batch is neither pending
    /// nor surely written), and notes how many flushes have begun. From the
    /// `OPTIMISTIC_READS`th attempt on, holds off flushes until `merge` instead.
    pub async fn ticket(&self, attempt: u32) -> Ticket<'_> {
        if attempt >= OPTIMISTIC_READS {
            let guard = self.flushing.lock().await;
            return Ticket {
                started: self.started.load(Ordering::SeqCst),
                exclusive: Some(guard),
            };
        }
        loop {
            let flushed = self.flushed.notified();
            rocket::tokio::pin!(flushed);
            flushed.as_mut().enable();
            let started = self.started.load(Ordering::SeqCst);
            if self.finished.load(Ordering::SeqCst) == started {
                return Ticket {
                    started,
                    exclusive: None,
                };
            }
            flushed.await;
        }
    }

    /// After a read: adds the pending clicks to it (`merge`) unless a flush took a
    /// batch since `ticket` (the read may or may not hold that batch); `false`: read
    /// again.
    pub fn merge<T>(
        &self,
        ticket: Ticket<'_>,
        read: &mut T,
        merge: impl FnOnce(&mut T, &ById<Pending>),
    ) -> bool {
        let pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let unflushed = self.started.load(Ordering::SeqCst) == ticket.started;
        if unflushed || ticket.exclusive.is_some() {
            merge(read, &pending);
        }
        unflushed || ticket.exclusive.is_some()
    }

    /// Writes every pending click in one transaction, returning how many; on failure
    /// they stay pending (also when this future is dropped half-way), and the log
    /// hears of it (see `note_failure`).
    pub async fn flush(&self, db: &Pool) -> Result<usize, sqlx::Error> {
        let _one_at_a_time = self.flushing.lock().await;
        let mut taken = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            if pending.is_empty() {
                drop(pending);
                self.note_success(0);
                return Ok(0);
            }
            self.started.fetch_add(1, Ordering::SeqCst);
            let mut room =
                std::mem::take(&mut *self.spare.lock().unwrap_or_else(|e| e.into_inner()));
            if room.capacity() > 2 * pending.len() + 1024 {
                // A burst is over: no need to keep its room.
                room.shrink_to(pending.len());
            }
            Taken {
                counter: self,
                batch: Some(std::mem::replace(&mut *pending, room)),
            }
        };
        let result = match &taken.batch {
            Some(clicks) => write(db, clicks).await,
            None => Ok(()),
        };
        match result {
            Ok(()) => {
                let mut written = taken.batch.take().unwrap_or_default();
                drop(taken);
                let clicks = written.values().map(Pending::clicks).sum();
                let total = written.values().map(|p| p.total as usize).sum();
                self.note_success(clicks);
                written.clear();
                *self.spare.lock().unwrap_or_else(|e| e.into_inner()) = written;
                Ok(total)
            }
            Err(e) => {
                // Puts the batch back before the flush counts as finished.
                drop(taken);
                self.note_failure(&e);
                Err(e)
            }
        }
    }

    /// Clicks counted and not yet written.
    pub fn pending_clicks(&self) -> i64 {
        let pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.values().map(Pending::clicks).sum()
    }

    /// Whether writing clicks has failed without a success for longer than `grace`.
    pub fn failing(&self, grace: Duration) -> Option<Failing> {
        let (since, error) = {
            let writes = self.writes.lock().unwrap_or_else(|e| e.into_inner());
            (writes.failing_since?, writes.error.clone())
        };
        let for_ = since.elapsed();
        (for_ > grace).then(|| Failing {
            for_,
            pending: self.pending_clicks(),
            error,
        })
    }

    /// A flush that failed: says so when writing starts failing, then at most every
    /// `STILL_FAILING_EVERY`, with the clicks waiting.
    fn note_failure(&self, e: &sqlx::Error) {
        let now = Instant::now();
        let pending = self.pending_clicks();
        let mut writes = self.writes.lock().unwrap_or_else(|e| e.into_inner());
        writes.error = e.to_string();
        let Some(since) = writes.failing_since else {
            writes.failing_since = Some(now);
            writes.said_at = Some(now);
            rocket::error!(
                "writing clicks failed: {e}; {pending} clicks are kept in memory for the next try"
            );
            return;
        };
        if writes
            .said_at
            .map_or(true, |at| now.duration_since(at) >= STILL_FAILING_EVERY)
        {
            writes.said_at = Some(now);
            let secs = now.duration_since(since).as_secs();
            rocket::error!(
                "writing clicks still fails after {secs} s: {e}; {pending} clicks are kept in memory"
            );
        }
    }

    /// A flush that wrote `clicks` (perhaps none): ends a run of failures, saying so.
    fn note_success(&self, clicks: i64) {
        let mut writes = self.writes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(since) = writes.failing_since.take() {
            let secs = since.elapsed().as_secs();
            rocket::warn!(
                "writing clicks works again after {secs} s of failures: {clicks} clicks kept meanwhile are written"
            );
            writes.said_at = None;
        }
    }
}

/// A batch taken out of `pending` by a flush. Dropped while it still holds the batch
/// (the write failed, or the flush future was dropped half-way), it puts the clicks
/// back; either way it marks the flush finished, so no read waits for it for ever.
struct Taken<'a> {
    counter: &'a Counter,
    batch: Option<ById<Pending>>,
}

impl Drop for Taken<'_> {
    fn drop(&mut self) {
        if let Some(batch) = self.batch.take() {
            let mut pending = self
                .counter
                .pending
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            for (id, clicks) in batch {
                pending.entry(id).or_default().absorb(clicks);
            }
        }
        self.counter.finished.fetch_add(1, Ordering::SeqCst);
        self.counter.flushed.notify_waiters();
    }
}

/// Links whose rows one round of `write` builds: the rows stay small however many
/// links were clicked, and each round's statements hold a few hundred rows.
const LINKS_AT_ONCE: usize = 512;

async fn write(db: &Pool, batch: &ById<Pending>) -> Result<(), sqlx::Error> {
    // In row order, so the pages are visited once, front to back.
    let mut ids: Vec<i64> = batch.keys().copied().collect();
    ids.sort_unstable();
    let mut tx = db.begin().await?;
    let (mut totals, mut days, mut sources) = (Vec::new(), Vec::new(), Vec::new());
    let mut choices = Vec::new();
    for some in ids.chunks(LINKS_AT_ONCE) {
        totals.clear();
        days.clear();
        sources.clear();
        choices.clear();
        for &id in some {
            let clicks = &batch[&id];
            let last = clicks.last_at.map(stamp).unwrap_or_default();
            totals.push((id, clicks.total, last));
            days.extend(clicks.days().map(|(date, n)| (id, day(date), n)));
            let hosts = clicks
                .referrers()
                .map(|(host, n)| (id, "referrer", host, n));
            let kinds = clicks.clients().map(|(c, n)| (id, "client", c.as_str(), n));
            sources.extend(hosts.chain(kinds));
            let chosen = clicks.choices();
            choices.extend(chosen.map(|(date, c, n)| (id, c.label(), day(date), n)));
        }
        store::add_clicks(&mut tx, &totals).await?;
        store::add_day_clicks(&mut tx, &days).await?;
        store::add_source_clicks(&mut tx, &sources).await?;
        store::add_choice_clicks(&mut tx, &choices).await?;
    }
    tx.commit().await
}

/// Writes pending clicks every `FLUSH_EVERY` until `shutdown`; a failed write keeps
/// them for the next try (the flush itself tells the log). Updates the click metrics.
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
            Ok(written) => {
                metrics.clicks_written.inc_by(written as u64);
                let now = OffsetDateTime::now_utc().unix_timestamp_nanos() as f64 / 1e9;
                metrics.last_click_write.set(now);
            }
            Err(_) => {
                metrics.click_writes_failed.inc();
                metrics.count_database_error(crate::metrics::CLICK_WRITE);
            }
        }
        metrics.clicks_pending.set(clicks.pending_clicks());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A migrated SQLite database with one link (id 1), and its pool.
    async fn database() -> (tempfile::TempDir, Pool) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("c.db").display());
        let pool = Pool::connect(&crate::db::single(&url), true).await.unwrap();
        pool.migrate().await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        crate::db::on_db!(&mut conn, |c| {
            let sql = "insert into link (id, key, secret_hash, target_url) \
                       values (1, 'k', zeroblob(32), 'https://example.com/')";
            sqlx::query(sql).execute(c).await.unwrap();
        });
        drop(conn);
        (dir, pool)
    }

    /// Link 1's clicks as written.
    async fn written(pool: &Pool) -> i64 {
        let mut conn = pool.acquire().await.unwrap();
        crate::db::on_db!(&mut conn, |c| {
            let (n,): (i64,) = sqlx::query_as("select clicks from link where id = 1")
                .fetch_one(c)
                .await
                .unwrap();
            n
        })
    }

    #[rocket::async_test]
    async fn a_flush_over_more_links_than_one_round_writes_every_click() {
        let (_dir, pool) = database().await;
        let links = 2 * LINKS_AT_ONCE as i64 + 7;
        let mut conn = pool.acquire().await.unwrap();
        crate::db::on_db!(&mut conn, |c| {
            for id in 2..=links {
                let sql = "insert into link (id, key, secret_hash, target_url) \
                           values (?, ?, randomblob(32), 'https://example.com/')";
                let key = format!("k{id}");
                sqlx::query(sql)
                    .bind(id)
                    .bind(key)
                    .execute(&mut *c)
                    .await
                    .unwrap();
            }
        });
        drop(conn);
        let counter = Counter::default();
        let (visit, at) = (Visit::from_headers(None, None), OffsetDateTime::now_utc());
        for id in 1..=links {
            for _ in 0..id % 3 + 1 {
                counter.record(id, &visit, at);
            }
        }
        let expected: i64 = (1..=links).map(|id| id % 3 + 1).sum();

        assert_eq!(counter.flush(&pool).await.unwrap(), expected as usize);

        let mut conn = pool.acquire().await.unwrap();
        crate::db::on_db!(&mut conn, |c| {
            let sums = "select (select sum(clicks) from link), \
                        (select sum(clicks) from click_day), (select count(*) from click_day)";
            let (totals, days, rows): (i64, i64, i64) =
                sqlx::query_as(sums).fetch_one(c).await.unwrap();
            assert_eq!((totals, days, rows), (expected, expected, links));
        });
        assert_eq!(counter.pending_clicks(), 0);
    }

    /// A click on link 1.
    fn click(counter: &Counter) {
        let visit = Visit::from_headers(None, None);
        counter.record(1, &visit, OffsetDateTime::now_utc());
    }

    #[rocket::async_test]
    async fn a_read_in_progress_holds_off_neither_a_flush_nor_another_read() {
        let (_dir, pool) = database().await;
        let counter = Counter::default();
        let (release, held) = rocket::tokio::sync::oneshot::channel::<()>();
        let held = std::sync::Mutex::new(Some(held));
        let slow = counter.with_pending(
            || {
                let held = held.lock().unwrap().take();
                async move {
                    if let Some(held) = held {
                        let _ = held.await;
                    }
                    Ok(0_i64)
                }
            },
            |_, _| {},
        );
        let others = async {
            click(&counter);
            // Neither waits for the slow read: with a lock held across reads, both would.
            let flushed = counter.flush(&pool);
            let flushed = rocket::tokio::time::timeout(Duration::from_secs(10), flushed);
            assert_eq!(
                flushed.await.expect("the flush waited for a read").unwrap(),
                1
            );
            let read = counter.with_pending(|| async { Ok(written(&pool).await) }, |_, _| {});
            let read = rocket::tokio::time::timeout(Duration::from_secs(10), read);
            assert_eq!(read.await.expect("a read waited for another").unwrap(), 1);
            release.send(()).unwrap();
        };
        let (slow, ()) = rocket::tokio::join!(slow, others);
        slow.unwrap();
    }

    #[rocket::async_test]
    async fn a_read_that_a_flush_overlaps_is_read_again_and_counts_each_click_once() {
        let (_dir, pool) = database().await;
        let counter = Counter::default();
        for _ in 0..5 {
            click(&counter);
        }
        let reads = std::sync::atomic::AtomicU32::new(0);
        let total = counter
            .with_pending(
                || async {
                    let n = written(&pool).await;
                    // The first read lands before the flush's commit; the flush then takes
                    // the batch out of `pending` before the merge.
                    if reads.fetch_add(1, Ordering::SeqCst) == 0 {
                        counter.flush(&pool).await.unwrap();
                    }
                    Ok(n)
                },
                |n, pending| *n += pending.get(&1).map_or(0, |p| p.total),
            )
            .await
            .unwrap();
        assert_eq!(total, 5, "neither a batch short nor counted twice");
        assert_eq!(reads.load(Ordering::SeqCst), 2, "read again once");
        click(&counter);
        let merged = counter
            .with_pending(
                || async { Ok(written(&pool).await) },
                |n, pending| *n += pending.get(&1).map_or(0, |p| p.total),
            )
            .await
            .unwrap();
        assert_eq!(merged, 6);
    }

    #[rocket::async_test]
    async fn a_flush_dropped_half_way_puts_its_clicks_back() {
        let (_dir, pool) = database().await;
        let counter = Counter::default();
        click(&counter);
        let held = pool.acquire().await.unwrap();
        // The pool's one connection is held: the flush waits in `begin`, and is dropped there.
        let flush = counter.flush(&pool);
        let dropped = rocket::tokio::time::timeout(Duration::from_millis(200), flush).await;
        assert!(dropped.is_err(), "the flush could not have finished");
        assert_eq!(counter.pending_clicks(), 1);
        drop(held);

        assert_eq!(counter.flush(&pool).await.unwrap(), 1);
        assert_eq!(written(&pool).await, 1);
        assert_eq!(counter.pending_clicks(), 0);
    }
}
