//! The two kinds of batched work on `batch::Batcher`: creates (group commit) and admin reads.

use std::sync::Arc;

use rocket::fairing::AdHoc;
use rocket_db_pools::Database;
use sqlx::SqliteConnection;

use crate::batch::{Batcher, Job};
use crate::clicks::Clicks;
use crate::config::Settings;
use crate::db::Db;
use crate::error::Result;
use crate::keys::SecretKey;
use crate::links::{self, Link, NewLink};

/// Creates share one multi-row insert, and so one commit, per batch.
#[rocket::async_trait]
impl Job for NewLink {
    type Output = (Link, SecretKey);
    /// The length of random keys.
    type Context = usize;

    async fn run(
        db: &mut SqliteConnection,
        key_length: &usize,
        jobs: Vec<Self>,
    ) -> Result<Vec<Result<Self::Output>>> {
        links::create_many(db, &jobs, *key_length).await
    }
}

/// An owner's page, looked up by its secret.
pub struct AdminLookup(pub SecretKey);

/// Admin reads share one query per batch, with the clicks still pending added.
#[rocket::async_trait]
impl Job for AdminLookup {
    type Output = Link;
    type Context = Arc<Clicks>;

    async fn run(
        db: &mut SqliteConnection,
        clicks: &Arc<Clicks>,
        jobs: Vec<Self>,
    ) -> Result<Vec<Result<Link>>> {
        let hashes: Vec<[u8; 32]> = jobs.iter().map(|job| job.0.hash()).collect();
        let found = clicks
            .with_pending(links::find_by_secrets(db, &hashes))
            .await?;
        Ok(hashes
            .iter()
            .map(|hash| {
                found
                    .get(&hash[..])
                    .cloned()
                    .ok_or(crate::error::Error::NotFound)
            })
            .collect())
    }
}

/// Starts both batchers once settings and database are ready (attach after both).
pub fn fairing() -> AdHoc {
    AdHoc::try_on_ignite("Batched creates and admin reads", |rocket| async move {
        let db = Db::fetch(&rocket).map(|db| db.0.clone());
        let settings = rocket.state::<Settings>().map(|s| s.key_length);
        let clicks = rocket.state::<Arc<Clicks>>().cloned();
        let (Some(pool), Some(key_length), Some(clicks)) = (db, settings, clicks) else {
            return Err(rocket);
        };
        let creates = Batcher::<NewLink>::start(pool.clone(), key_length);
        let reads = Batcher::<AdminLookup>::start(pool, clicks);
        Ok(rocket.manage(creates).manage(reads))
    })
}
