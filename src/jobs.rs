//! The two kinds of batched work on `batch::Batcher`: creates (group commit) and admin reads.

use std::collections::HashMap;
use std::sync::Arc;

use crate::db::Conn;
use rocket::fairing::AdHoc;
use rocket_db_pools::Database;
use time::Date;

use crate::batch::{Batcher, Job};
use crate::clicks::{Clicks, Pending};
use crate::clock::day;
use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::keys::SecretKey;
use crate::links::{self, Link, NewLink};
use crate::metrics::Metrics;
use crate::stats::Insight;

/// Creates share one multi-row insert, and so one commit, per batch.
#[rocket::async_trait]
impl Job for NewLink {
    type Output = (Link, SecretKey);
    /// The length of random keys, and the count of links created.
    type Context = (usize, Arc<Metrics>);

    async fn run(
        db: &mut Conn,
        (key_length, metrics): &(usize, Arc<Metrics>),
        jobs: Vec<Self>,
    ) -> Result<Vec<Result<Self::Output>>> {
        let created = links::create_many(db, &jobs, *key_length).await?;
        let stored = created.iter().filter(|r| r.is_ok()).count();
        metrics.links_created.inc_by(stored as u64);
        Ok(created)
    }
}

/// An owner's page, looked up by its secret, with history from `since` on
/// (none when `None`: the QR code needs only the link).
pub struct AdminLookup {
    pub secret: SecretKey,
    pub since: Option<Date>,
}

/// Admin reads share one lookup per batch, with the clicks still pending added.
#[rocket::async_trait]
impl Job for AdminLookup {
    type Output = (Link, Insight);
    type Context = Arc<Clicks>;

    async fn run(
        db: &mut Conn,
        clicks: &Arc<Clicks>,
        jobs: Vec<Self>,
    ) -> Result<Vec<Result<Self::Output>>> {
        let hashes: Vec<[u8; 32]> = jobs.iter().map(|job| job.secret.hash()).collect();
        let read = async {
            let found = links::find_by_secrets(db, &hashes).await?;
            let wanted: Vec<(i64, String)> = jobs
                .iter()
                .zip(&hashes)
                .filter_map(|(job, hash)| Some((found.get(&hash[..])?.id, day(job.since?))))
                .collect();
            let mut insights = links::insights(db, &wanted).await?;
            // Each page takes its link's insight; only a link asked for again later in
            // the batch leaves a copy behind.
            let mut asked: HashMap<i64, usize> = HashMap::new();
            for (id, _) in &wanted {
                *asked.entry(*id).or_insert(0) += 1;
            }
            let pages = jobs.iter().zip(&hashes).map(|(job, hash)| {
                let link = found.get(&hash[..]).ok_or(Error::NotFound)?;
                let mut insight = match job.since {
                    Some(_) => take_insight(&mut insights, &mut asked, link.id),
                    None => Insight::default(),
                };
                // The same link may be asked for with two windows in one batch.
                if let Some(since) = job.since.map(day) {
                    insight.days.retain(|d, _| *d >= since);
                }
                Ok((link.clone(), insight))
            });
            Ok::<_, Error>(pages.collect::<Vec<_>>())
        };
        let merge = |pages: &mut Vec<Result<Self::Output>>, pending: &HashMap<i64, Pending>| {
            for (page, job) in pages.iter_mut().zip(&jobs) {
                let Ok((link, insight)) = page else { continue };
                if let Some(clicks) = pending.get(&link.id) {
                    clicks.add_to(link);
                    if let Some(since) = job.since {
                        insight.add_pending(clicks, since);
                    }
                }
            }
        };
        clicks.with_pending(read, merge).await
    }
}

/// The insight of `id` for one page: moved out for the last page that asks for it,
/// copied for the ones before.
fn take_insight(
    insights: &mut HashMap<i64, Insight>,
    asked: &mut HashMap<i64, usize>,
    id: i64,
) -> Insight {
    let left = asked.entry(id).or_insert(0);
    *left = left.saturating_sub(1);
    if *left == 0 {
        insights.remove(&id).unwrap_or_default()
    } else {
        insights.get(&id).cloned().unwrap_or_default()
    }
}

/// Starts both batchers once settings and database are ready (attach after both).
pub fn fairing() -> AdHoc {
    AdHoc::try_on_ignite("Batched creates and admin reads", |rocket| async move {
        let db = Db::fetch(&rocket).map(|db| db.0.clone());
        let settings = rocket.state::<Settings>().map(|s| s.key_length);
        let clicks = rocket.state::<Arc<Clicks>>().cloned();
        let metrics = rocket.state::<Arc<Metrics>>().cloned();
        let (Some(pool), Some(key_length), Some(clicks), Some(metrics)) =
            (db, settings, clicks, metrics)
        else {
            return Err(rocket);
        };
        let creates = Batcher::<NewLink>::start(pool.clone(), (key_length, metrics));
        let reads = Batcher::<AdminLookup>::start(pool, clicks);
        Ok(rocket.manage(creates).manage(reads))
    })
}
