//! Batching: requests queue up, and one task serves each batch with one statement,
//! so sqlx's hand-off to SQLite's thread or PostgreSQL's round trip (and, for writes,
//! the commit) is paid once per batch instead of once per request. Each answer still waits for its own result.

use rocket::tokio::sync::{mpsc, oneshot};

use crate::db::{Conn, Pool};
use crate::error::{Error, Result};

/// Most requests served by one statement.
const MAX_BATCH: usize = 256;

/// A kind of request that can be served many at a time.
#[rocket::async_trait]
pub trait Job: Sized + Send + 'static {
    type Output: Send + 'static;
    /// What every batch needs besides the requests (settings, shared state).
    type Context: Send + Sync + 'static;

    /// One result per job, in order; `Err` fails the whole batch.
    async fn run(
        db: &mut Conn,
        context: &Self::Context,
        jobs: Vec<Self>,
    ) -> Result<Vec<Result<Self::Output>>>;
}

type Queued<J> = (J, oneshot::Sender<Result<<J as Job>::Output>>);

/// The queue in front of one batching task, managed as state.
pub struct Batcher<J: Job> {
    queue: mpsc::Sender<Queued<J>>,
}

impl<J: Job> Batcher<J> {
    /// Starts the task on `pool`; it ends when the batcher is dropped.
    pub fn start(pool: Pool, context: J::Context) -> Batcher<J> {
        let (queue, jobs) = mpsc::channel(4 * MAX_BATCH);
        rocket::tokio::spawn(serve(pool, context, jobs));
        Batcher { queue }
    }

    /// Serves `job` with the next batch.
    pub async fn run(&self, job: J) -> Result<J::Output> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((job, reply))
            .await
            .map_err(|_| Error::Unavailable)?;
        answer.await.map_err(|_| Error::Unavailable)?
    }
}

async fn serve<J: Job>(pool: Pool, context: J::Context, mut queue: mpsc::Receiver<Queued<J>>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (jobs, replies): (Vec<J>, Vec<_>) = batch.drain(..).unzip();
        let served = match pool.acquire().await {
            Ok(mut conn) => J::run(&mut conn, &context, jobs).await,
            Err(e) => Err(e.into()),
        };
        match served {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(result);
                }
            }
            Err(e) => {
                let fault = match &e {
                    Error::Database(e) => crate::error::database_fault(e),
                    other => other.to_string(),
                };
                let job = std::any::type_name::<J>()
                    .rsplit("::")
                    .next()
                    .unwrap_or("job");
                rocket::error!(
                    "a batch of {} {job} requests failed: {fault}",
                    replies.len()
                );
                for reply in replies {
                    let _ = reply.send(Err(Error::Unavailable));
                }
            }
        }
    }
}
