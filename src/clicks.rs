//! Clicks counted in memory and written to the database in one transaction per
//! second, so a redirect never waits for SQLite's write lock.
//!
//! A graceful stop writes what is pending after the last request has finished
//! (`main` calls `flush_on_exit` once `launch()` returns); a SIGKILL loses at most
//! the last second of clicks, never a link.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use rocket::fairing::AdHoc;
use rocket::{Ignite, Rocket};
use sqlx::{Connection, SqliteConnection};

use rocket_db_pools::Database;

use crate::db::Db;
use crate::error::Result;
use crate::links::{self, Link};

/// How often pending clicks are written.
pub const FLUSH_EVERY: Duration = Duration::from_secs(1);

/// Clicks not yet in the database, by link id.
#[derive(Default)]
pub struct Clicks {
    pending: Mutex<HashMap<i64, i64>>,
    /// One flush at a time, so counts taken out are written before the next take.
    flushing: rocket::tokio::sync::Mutex<()>,
}

impl Clicks {
    /// Counts one click on the link with row id `id`.
    pub fn record(&self, id: i64) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        *pending.entry(id).or_insert(0) += 1;
    }

    /// Loads links with `read` while no flush is under way, and adds their clicks not
    /// yet written: each total is exact, never a batch short or counted twice.
    pub async fn with_pending<K>(
        &self,
        read: impl Future<Output = Result<HashMap<K, Link>>>,
    ) -> Result<HashMap<K, Link>> {
        let _no_flush = self.flushing.lock().await;
        let mut links = read.await?;
        let pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for link in links.values_mut() {
            link.clicks += pending.get(&link.id).copied().unwrap_or(0);
        }
        Ok(links)
    }

    /// Writes every pending click in one transaction; on failure they stay pending.
    pub async fn flush(&self, db: &mut SqliteConnection) -> Result<usize, sqlx::Error> {
        let _one_at_a_time = self.flushing.lock().await;
        let batch = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if batch.is_empty() {
            return Ok(0);
        }
        match write(db, &batch).await {
            Ok(()) => Ok(batch.len()),
            Err(e) => {
                let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
                for (id, count) in batch {
                    *pending.entry(id).or_insert(0) += count;
                }
                Err(e)
            }
        }
    }
}

async fn write(db: &mut SqliteConnection, batch: &HashMap<i64, i64>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    // In row order, so the pages are visited once, front to back.
    let mut rows: Vec<_> = batch.iter().collect();
    rows.sort_unstable();
    for (id, count) in rows {
        links::add_clicks(&mut tx, *id, *count).await?;
    }
    tx.commit().await
}

/// Starts the once-a-second flush when the server is up; it ends with the server.
pub fn flusher() -> AdHoc {
    AdHoc::on_liftoff("Click flusher", |rocket| {
        Box::pin(async move {
            let (Some(db), Some(clicks)) =
                (Db::fetch(rocket), rocket.state::<std::sync::Arc<Clicks>>())
            else {
                return;
            };
            let (pool, clicks, mut shutdown) = (db.0.clone(), clicks.clone(), rocket.shutdown());
            rocket::tokio::spawn(async move {
                let mut tick = rocket::tokio::time::interval(FLUSH_EVERY);
                loop {
                    rocket::tokio::select! {
                        _ = tick.tick() => {}
                        _ = &mut shutdown => break,
                    }
                    let flushed = match pool.acquire().await {
                        Ok(mut conn) => clicks.flush(&mut conn).await.map(|_| ()),
                        Err(e) => Err(e),
                    };
                    if let Err(e) = flushed {
                        rocket::error!("writing clicks failed (kept for the next try): {e}");
                    }
                }
            });
        })
    })
}

/// The last flush, once every request has finished: on a fresh connection, because
/// rocket_db_pools closes its pool while the server shuts down.
pub async fn flush_on_exit(rocket: &Rocket<Ignite>) -> Result<usize, String> {
    let Some(clicks) = rocket.state::<std::sync::Arc<Clicks>>() else {
        return Ok(0);
    };
    let url: String = rocket
        .figment()
        .extract_inner("databases.links.url")
        .map_err(|e| e.to_string())?;
    if crate::db::is_in_memory(&url) {
        return Ok(0);
    }
    let options = crate::db::connect_options(&url).map_err(|e| e.to_string())?;
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| e.to_string())?;
    let written = clicks
        .flush(&mut conn)
        .await
        .map_err(|e| format!("writing clicks failed: {e}"))?;
    conn.close().await.map_err(|e| e.to_string())?;
    Ok(written)
}
