//! The two kinds of batched work on `batch::Batcher`: creates (group commit) and admin reads.

use std::collections::HashMap;
use std::sync::Arc;

use time::Date;

use super::batch::Job;
use super::counter::Counter;
use super::history::History;
use super::metrics::Metrics;
use super::pending::{ById, Pending};
use super::store::{self, Link, NewLink};
use crate::db::Conn;
use crate::domain::clock::day;
use crate::domain::keys::SecretKey;
use crate::error::{Error, Result};

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
        let created = store::create_many(db, &jobs, *key_length).await?;
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
    type Output = (Link, History);
    type Context = Arc<Counter>;

    async fn run(
        db: &mut Conn,
        clicks: &Arc<Counter>,
        jobs: Vec<Self>,
    ) -> Result<Vec<Result<Self::Output>>> {
        let hashes: Vec<[u8; 32]> = jobs.iter().map(|job| job.secret.hash()).collect();
        let merge = |pages: &mut Vec<Result<Self::Output>>, pending: &ById<Pending>| {
            for (page, job) in pages.iter_mut().zip(&jobs) {
                let Ok((link, insight)) = page else { continue };
                if let Some(clicks) = pending.get(&link.id) {
                    clicks.add_to(link);
                    if let Some(since) = job.since {
                        clicks.add_to_history(insight, since);
                    }
                }
            }
        };
        // Read again when a flush overlapped the read (`Counter::with_pending`).
        let mut attempt = 0;
        loop {
            let ticket = clicks.ticket(attempt).await;
            let mut pages = read_pages(db, &jobs, &hashes).await?;
            if clicks.merge(ticket, &mut pages, merge) {
                return Ok(pages);
            }
            attempt += 1;
        }
    }
}

/// One lookup of the batch's links and their insights, as written.
async fn read_pages(
    db: &mut Conn,
    jobs: &[AdminLookup],
    hashes: &[[u8; 32]],
) -> Result<Vec<Result<(Link, History)>>> {
    let found = store::find_by_secrets(db, hashes).await?;
    let wanted: Vec<(i64, String)> = jobs
        .iter()
        .zip(hashes)
        .filter_map(|(job, hash)| Some((found.get(&hash[..])?.id, day(job.since?))))
        .collect();
    let mut insights = store::insights(db, &wanted).await?;
    // Each page takes its link's insight; only a link asked for again later in
    // the batch leaves a copy behind.
    let mut asked: HashMap<i64, usize> = HashMap::new();
    for (id, _) in &wanted {
        *asked.entry(*id).or_insert(0) += 1;
    }
    let pages = jobs.iter().zip(hashes).map(|(job, hash)| {
        let link = found.get(&hash[..]).ok_or(Error::NotFound)?;
        let mut insight = match job.since {
            Some(_) => take_insight(&mut insights, &mut asked, link.id),
            None => History::default(),
        };
        // The same link may be asked for with two windows in one batch.
        if let Some(since) = job.since.map(day) {
            insight.days.retain(|d, _| *d >= since);
        }
        Ok((link.clone(), insight))
    });
    Ok::<_, Error>(pages.collect::<Vec<_>>())
}

/// The insight of `id` for one page: moved out for the last page that asks for it,
/// copied for the ones before.
fn take_insight(
    insights: &mut HashMap<i64, History>,
    asked: &mut HashMap<i64, usize>,
    id: i64,
) -> History {
    let left = asked.entry(id).or_insert(0);
    *left = left.saturating_sub(1);
    if *left == 0 {
        insights.remove(&id).unwrap_or_default()
    } else {
        insights.get(&id).cloned().unwrap_or_default()
    }
}
