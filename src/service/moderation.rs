//! Running a public instance: visitors' abuse reports, the operator's moderation
//! (through the secret page or the command line), and creator tokens. The same
//! operations serve both doors, `Links` (the server) and `Installation` (commands).

use std::collections::HashMap;
use std::net::IpAddr;

use super::links::Links;
use super::store::moderation::{self as store, OpenReport, Reported};
use crate::db::Pool;
use crate::domain::clock::stamp;
use crate::domain::hosts;
use crate::domain::keys::{hash_secret, SecretKey, ShortKey};
use crate::domain::report::Reason;
use crate::domain::target;
use crate::error::{Error, Result};

/// How many links the moderation page lists at once.
pub const LISTED: i64 = 100;

/// How many of a link's newest report texts the page shows.
pub const NEWEST_DETAILS: usize = 5;

/// A link as the operator moderates it: the link, and its open reports.
#[derive(Debug, Clone)]
pub struct ReportedLink {
    /// The link, with its open reports counted.
    pub link: Reported,
    /// Open reports per reason, every reason listed (0 when none).
    pub by_reason: Vec<(Reason, i64)>,
    /// The newest texts sent with open reports (at most `NEWEST_DETAILS`).
    pub details: Vec<OpenReport>,
}

/// What the operator does to a link.
#[derive(Debug, Clone)]
pub enum Decision {
    /// Stops it forwarding, with the reason visitors and the owner will read.
    Disable(String),
    Enable,
    /// Closes its open reports, leaving it as it is.
    Dismiss,
}

/// Links with open reports (most first), or, with `search`, the links whose key is
/// that text or whose target's host is it or under it.
pub(super) async fn listing(pool: &Pool, search: Option<&str>) -> Result<Vec<ReportedLink>> {
    let mut db = pool.acquire().await?;
    let rows = match search.map(str::trim).filter(|s| !s.is_empty()) {
        None => store::reported(&mut db, LISTED).await?,
        Some(text) => {
            let host = hosts::normalise(text);
            let rows = store::search(&mut db, text, LISTED * 10).await?;
            rows.into_iter()
                .filter(|row| row.key == text || host_matches(&row.target_url, &host))
                .take(LISTED as usize)
                .collect()
        }
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut reports: HashMap<i64, Vec<OpenReport>> = HashMap::new();
    for report in store::open_reports(&mut db, &ids).await? {
        reports.entry(report.link_id).or_default().push(report);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let open = reports.remove(&row.id).unwrap_or_default();
            reported_link(row, open)
        })
        .collect())
}

fn host_matches(url: &str, host: &str) -> bool {
    target::host_of(url)
        .is_some_and(|h| h == host || h.strip_suffix(host).is_some_and(|s| s.ends_with('.')))
}

fn reported_link(row: Reported, open: Vec<OpenReport>) -> ReportedLink {
    let by_reason = Reason::ALL
        .into_iter()
        .map(|reason| {
            let n = open.iter().filter(|r| r.reason == reason.as_str()).count();
            (reason, n as i64)
        })
        .collect();
    let details = open
        .into_iter()
        .filter(|r| r.details.is_some())
        .take(NEWEST_DETAILS)
        .collect();
    ReportedLink {
        link: row,
        by_reason,
        details,
    }
}

/// Applies the operator's `decision` to the link `key`; running servers forget its
/// cached target within `forwarding::watch::WATCH_EVERY`.
pub(super) async fn decide(pool: &Pool, key: &str, decision: &Decision) -> Result<()> {
    let mut db = pool.acquire().await?;
    match decision {
        Decision::Disable(reason) => store::set_disabled(&mut db, key, Some(reason)).await,
        Decision::Enable => store::set_disabled(&mut db, key, None).await,
        Decision::Dismiss => store::dismiss(&mut db, key).await.map(|_| ()),
    }
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
    /// visitor is stored.
    pub async fn report(
        &self,
        key: &ShortKey,
        reason: Reason,
        details: Option<String>,
        client: Option<IpAddr>,
    ) -> Result<()> {
        self.report_limit
            .check(client)
            .map_err(Error::TooManyReports)?;
        let mut db = self.pool.acquire().await?;
        let now = stamp(self.clock.now());
        store::add_report(
            &mut db,
            key.as_str(),
            reason.as_str(),
            details.as_deref(),
            &now,
        )
        .await
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

    /// The moderation page's list (see `listing`), for the holder of its `secret`.
    pub async fn moderation(
        &self,
        secret: &SecretKey,
        search: Option<&str>,
    ) -> Result<Vec<ReportedLink>> {
        self.moderator(secret).await?;
        listing(&self.pool, search).await
    }

    /// The operator's `decision` on `key`, for the holder of the moderation secret.
    pub async fn moderate(&self, secret: &SecretKey, key: &str, decision: &Decision) -> Result<()> {
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
        self.token_limit
            .check_key(&id)
            .map_err(Error::RateLimited)?;
        Ok(id)
    }
}
