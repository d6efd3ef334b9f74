//! Whether the database is there, readable and writable (`GET /health`).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::store;
use crate::db::Pool;

/// How long the check may wait for a connection and the write lock.
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// The least time between two writes of the check: `/health` answers anyone, and a
/// flood of it must not queue for SQLite's one write lock. In between it only reads.
pub const WRITE_EVERY: Duration = Duration::from_secs(5);

/// When the check last wrote (or is writing), shared by every `/health` request.
#[derive(Default)]
pub struct Heartbeat {
    last_write: Mutex<Option<Instant>>,
}

impl Heartbeat {
    /// Whether this check should write; if so, the slot is taken until `WRITE_EVERY` passes.
    fn claim(&self, now: Instant) -> bool {
        let mut last = self.last_write.lock().unwrap_or_else(|e| e.into_inner());
        let due = last.map_or(true, |at| now.duration_since(at) >= WRITE_EVERY);
        if due {
            *last = Some(now);
        }
        due
    }

    /// A failed write is not a heartbeat: the next check writes again.
    fn release(&self) {
        *self.last_write.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl Heartbeat {
    /// Reads the database (and, at most every `WRITE_EVERY`, writes the heartbeat row)
    /// within `CHECK_TIMEOUT`; `Err` says what is wrong, for the operator.
    pub async fn probe(&self, pool: &Pool) -> Result<(), String> {
        // A deleted or read-only file keeps working through open connections, until
        // the restart that loses what was written (`db::watch`).
        if let Some(fault) = pool.watch().and_then(|watch| watch.look()) {
            return Err(fault.describe().into());
        }
        let write = self.claim(Instant::now());
        let query = async {
            let mut conn = pool.acquire().await?;
            let now = crate::domain::clock::stamp(time::OffsetDateTime::now_utc());
            store::check_health(&mut conn, write.then_some(now.as_str())).await
        };
        let outcome = match rocket::tokio::time::timeout(CHECK_TIMEOUT, query).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(format!("the database cannot be used: {e}")),
            Err(_) => Err("the database did not answer in time".into()),
        };
        if write && outcome.is_err() {
            self.release();
        }
        outcome
    }
}
