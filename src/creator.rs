//! Group commit for creates: requests queue up, and one writer stores each batch with
//! one multi-row statement, so the commit and sqlx's hand-off to SQLite's thread are
//! paid once per batch instead of once per link. Every answer still waits for its commit.

use rocket::fairing::AdHoc;
use rocket::tokio::sync::{mpsc, oneshot};
use rocket_db_pools::Database;

use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::keys::SecretKey;
use crate::links::{self, Link, NewLink};

/// Most links written in one statement (3 parameters each, far below SQLite's limit).
const MAX_BATCH: usize = 256;

struct Job {
    new: NewLink,
    reply: oneshot::Sender<Result<(Link, SecretKey)>>,
}

/// The queue in front of the writer, managed as state.
pub struct Creator {
    jobs: mpsc::Sender<Job>,
}

impl Creator {
    /// Stores `new` with the next batch and returns it with its secret once committed.
    pub async fn create(&self, new: NewLink) -> Result<(Link, SecretKey)> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { new, reply })
            .await
            .map_err(|_| Error::Unavailable)?;
        answer.await.map_err(|_| Error::Unavailable)?
    }
}

/// Starts the writer once settings and database are ready (attach after both).
pub fn fairing() -> AdHoc {
    AdHoc::try_on_ignite("Group commit", |rocket| async move {
        let (Some(db), Some(settings)) = (Db::fetch(&rocket), rocket.state::<Settings>()) else {
            return Err(rocket);
        };
        let (jobs, queue) = mpsc::channel(4 * MAX_BATCH);
        rocket::tokio::spawn(write(db.0.clone(), queue, settings.key_length));
        Ok(rocket.manage(Creator { jobs }))
    })
}

async fn write(pool: sqlx::SqlitePool, mut queue: mpsc::Receiver<Job>, key_length: usize) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (news, replies): (Vec<NewLink>, Vec<_>) =
            batch.drain(..).map(|j| (j.new, j.reply)).unzip();
        let stored = match pool.acquire().await {
            Ok(mut conn) => links::create_many(&mut conn, &news, key_length).await,
            Err(e) => Err(e.into()),
        };
        match stored {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(result);
                }
            }
            Err(e) => {
                rocket::error!("storing {} new links failed: {e:?}", replies.len());
                for reply in replies {
                    let _ = reply.send(Err(Error::Unavailable));
                }
            }
        }
    }
}
