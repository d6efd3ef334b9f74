//! Running a public instance: visitors' abuse reports, the operator's moderation
//! (through the secret page or the command line), and creator tokens. The same
//! operations serve both doors, `Links` (the server) and `Installation` (commands).

use std::collections::HashMap;
use std::net::IpAddr;

use time::OffsetDateTime;

use super::links::Links;
use super::store::moderation::{self as store, OpenReport, Reported};
use crate::db::Pool;
use crate::domain::clock::stamp;
use crate::domain::hosts;
use crate::domain::keys::{hash_secret, SecretKey, ShortKey};
use crate::domain::report::Reason;
use crate::domain::smart::destinations::{destinations, next_switch, switched_stamp, Destination};
use crate::domain::smart::Smart;
use crate::domain::target;
use crate::error::{Error, Result};

/// How many links the moderation page lists at once.
pub const LISTED: i64 = 100;

/// How many of a link's newest report texts the page shows.
pub const NEWEST_DETAILS: i64 = 5;

/// Most open reports a link keeps as rows, with their texts: the newest. Every report
/// is counted, kept or not, so the list still shows how many arrived and ranks by it;
/// a flood of reports on one link stores no more than this.
pub const KEPT_REPORTS: i64 = 20;

pub use store::Order;

/// A link as the operator moderates it: the link, and its open reports.
#[derive(Debug, Clone)]
pub struct ReportedLink {
    /// The link, with its open reports counted.
    pub link: Reported,
    /// Open reports per reason, every reason listed (0 when none).
    pub by_reason: Vec<(Reason, i64)>,
    /// The newest texts sent with open reports (at most `NEWEST_DETAILS`).
    pub details: Vec<OpenReport>,
    /// Every place it can send a visitor: its own target first, then its rules',
    /// its variants' and the one after expiry.
    pub destinations: Vec<Destination>,
    /// When visitors were last sent elsewhere: the owner's last change, or a time
    /// rule's start or end since then.
    pub target_changed_at: Option<String>,
    /// When a time rule will next send visitors elsewhere, with no edit.
    pub next_switch_at: Option<String>,
}

/// What the operator asks the moderation list for.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// A key or a host (its subdomains too); `None`: the links with open reports.
    pub search: Option<String>,
    /// The order of the links with open reports (a search lists the most reported first).
    pub order: Order,
    /// Which page, from 1 (0 is read as 1).
    pub page: u32,
}

/// One page of the moderation list.
#[derive(Debug, Clone)]
pub struct Shown {
    /// At most `LISTED` links.
    pub links: Vec<ReportedLink>,
    /// Whether a next page may have more.
    pub more: bool,
}

/// What the operator does to a link.
#[derive(Debug, Clone)]
pub enum Ruling {
    /// Stops it forwarding, with the reason visitors and the owner will read.
    Disable(String),
    Enable,
    /// Closes its open reports, leaving it as it is.
    Dismiss,
}

/// One page of the links with open reports, or, with a search, of the links whose
/// key is that text or where any target (its own, a rule's, a variant's, the one
/// after expiry) is on that host or under it. A search pages over
/// the links whose target contains the text, `LISTED` at a time, and keeps those
/// whose host matches. Its cost depends on the links listed, never on how many
/// reports they have.
pub(super) async fn listing(pool: &Pool, asked: &Asked, now: OffsetDateTime) -> Result<Shown> {
    let mut db = pool.acquire().await?;
    let offset = (i64::from(asked.page.max(1)) - 1) * LISTED;
    let search = asked
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let mut rows = match search {
        None => store::reported(&mut db, asked.order, LISTED + 1, offset).await?,
        Some(text) => store::search(&mut db, text, LISTED + 1, offset).await?,
    };
    let more = rows.len() > LISTED as usize;
    rows.truncate(LISTED as usize);
    let smart: HashMap<i64, Smart> = rows
        .iter()
        .map(|row| (row.id, Smart::from_stored(row.smart.as_deref())))
        .collect();
    let mut destinations: HashMap<i64, Vec<Destination>> = rows
        .iter()
        .map(|row| {
            let expired = row.expired_url.as_deref();
            (
                row.id,
                destinations(&row.target_url, &smart[&row.id], expired),
            )
        })
        .collect();
    if let Some(text) = search {
        let host = hosts::normalise(text);
        let matches = |id: &i64| {
            destinations[id]
                .iter()
                .any(|r| host_matches(&r.target_url, &host))
        };
        rows.retain(|row| row.key == text || matches(&row.id));
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut counts: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
    for (id, reason, n) in store::report_counts(&mut db, &ids).await? {
        counts.entry(id).or_default().push((reason, n));
    }
    let mut texts: HashMap<i64, Vec<OpenReport>> = HashMap::new();
    for report in store::newest_texts(&mut db, &ids, NEWEST_DETAILS).await? {
        texts.entry(report.link_id).or_default().push(report);
    }
    let links = rows
        .into_iter()
        .map(|row| {
            let by_reason = by_reason(counts.remove(&row.id).unwrap_or_default());
            let details = texts.remove(&row.id).unwrap_or_default();
            let rules = &smart[&row.id];
            let changed = row.target_changed_at.as_deref();
            ReportedLink {
                target_changed_at: switched_stamp(rules, changed, &row.created_at, now),
                next_switch_at: next_switch(rules, now).map(stamp),
                destinations: destinations.remove(&row.id).unwrap_or_default(),
                link: row,
                by_reason,
                details,
            }
        })
        .collect();
    Ok(Shown { links, more })
}

fn host_matches(url: &str, host: &str) -> bool {
    target::host_of(url)
        .is_some_and(|h| h == host || h.strip_suffix(host).is_some_and(|s| s.ends_with('.')))
}

/// Every reason with its count (0 when none), from the counts stored per reason.
fn by_reason(counts: Vec<(String, i64)>) -> Vec<(Reason, i64)> {
    Reason::ALL
        .into_iter()
        .map(|reason| {
            let n = counts
                .iter()
                .filter(|(r, _)| r == reason.as_str())
                .map(|(_, n)| n)
                .sum();
            (reason, n)
        })
        .collect()
}

/// Applies the operator's `decision` to the link `key`; running servers forget its
/// cached target within `forwarding::watch::WATCH_EVERY`.
pub(super) async fn decide(pool: &Pool, key: &str, decision: &Ruling) -> Result<()> {
    let mut tx = pool.begin().await?;
    match decision {
        Ruling::Disable(reason) => store::set_disabled(&mut tx, key, Some(reason)).await?,
        Ruling::Enable => store::set_disabled(&mut tx, key, None).await?,
        Ruling::Dismiss => store::dismiss(&mut tx, key).await.map(|_| ())?,
    }
    Ok(tx.commit().await?)
}

/// A new secret for the moderation page, replacing the old one (only its hash is kept).
pub(super) async fn new_moderation_secret(pool: &Pool) -> Result<SecretKey> {
    let secret = SecretKey::random();
    let mut db = pool.acquire().await?;
    store::set_moderation_secret(&mut db, &secret.hash()).await?;
    Ok(secret)
}

impl Links {
    /// Takes a visitor's report on `key` (limited per `client`); nothing about the
    /// visitor is stored. The link keeps its newest `KEPT_REPORTS` open reports, and
    /// counts every one.
    pub async fn report(
        &self,
        key: &ShortKey,
        reason: Reason,
        details: Option<String>,
        client: Option<IpAddr>,
    ) -> Result<()> {
        self.report_limit
            .take(client)
            .map_err(Error::TooManyReports)?;
        let now = stamp(self.clock.now());
        let mut tx = self.pool.begin().await?;
        let (key, reason, details) = (key.as_str(), reason.as_str(), details.as_deref());
        store::add_report(&mut tx, key, reason, details, &now, KEPT_REPORTS).await?;
        Ok(tx.commit().await?)
    }

    /// Whether the report form's link `key` exists (`NotFound` when not).
    pub async fn reportable(&self, key: &ShortKey) -> Result<()> {
        let mut db = self.pool.acquire().await?;
        super::store::records::record(&mut db, key.as_str())
            .await
            .and_then(|r| {
                if r.is_active {
                    Ok(())
                } else {
                    Err(Error::NotFound)
                }
            })
    }

    /// A page of the moderation list (see `listing`), for the holder of its `secret`.
    pub async fn moderation(&self, secret: &SecretKey, asked: &Asked) -> Result<Shown> {
        self.moderator(secret).await?;
        listing(&self.pool, asked, self.clock.now()).await
    }

    /// The operator's `decision` on `key`, for the holder of the moderation secret.
    pub async fn moderate(&self, secret: &SecretKey, key: &str, decision: &Ruling) -> Result<()> {
        self.moderator(secret).await?;
        decide(&self.pool, key, decision).await?;
        self.cache.remove(key);
        Ok(())
    }

    async fn moderator(&self, secret: &SecretKey) -> Result<()> {
        let mut db = self.pool.acquire().await?;
        match store::is_moderation_secret(&mut db, &secret.hash()).await? {
            true => Ok(()),
            false => Err(Error::NotFound),
        }
    }

    /// Whether `token` is a creator token in force (`TokenRequired` when not); no
    /// allowance is taken (the browser keeps it for later creates).
    pub async fn check_token(&self, token: &str) -> Result<()> {
        let mut db = self.pool.acquire().await?;
        match store::token_id(&mut db, &hash_secret(token)).await? {
            Some(_) => Ok(()),
            None => Err(Error::TokenRequired),
        }
    }

    /// The id of the creator token `token` (private mode); `TokenRequired` when it is
    /// not one, or was revoked. Its create allowance is taken here too.
    pub async fn creator(&self, token: &str) -> Result<i64> {
        let hash = hash_secret(token);
        let mut db = self.pool.acquire().await?;
        let id = store::token_id(&mut db, &hash).await?;
        let id = id.ok_or(Error::TokenRequired)?;
        self.token_limit.take_key(&id).map_err(Error::RateLimited)?;
        Ok(id)
    }
}
