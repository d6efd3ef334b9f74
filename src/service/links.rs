//! The `Links` service itself: what it owns, how it starts, its background work.

use std::sync::Arc;

use rocket::Shutdown;

use super::backups;
use super::gates::blocklist::{self, Blocklist};
use super::gates::brake::Brake;
use super::gates::check::Checker;
use super::gates::limit::Limiter;
use super::health::Heartbeat;
use super::machinery::batch::Batcher;
use super::machinery::counter::{self, Counter};
use super::machinery::forwarding::{self, TargetCache};
use super::owner::AdminLookup;
use super::store::{self, Creation};
use crate::db::Pool;
use crate::domain::clock::Clock;
use crate::domain::smart::destinations::switched_stamp;
use crate::domain::smart::Smart;
use crate::domain::target::OwnHosts;
use crate::metrics::Metrics;
use crate::settings::Settings;

/// Tries of the last flush of a graceful stop before its clicks are given up.
const LAST_TRIES: u32 = 3;

/// The link service, managed as Rocket state (`startup` builds it once the pool is open).
pub struct Links {
    pub(super) pool: Pool,
    pub(super) cache: TargetCache,
    pub(super) clicks: Arc<Counter>,
    pub(super) creates: Batcher<Creation>,
    pub(super) reads: Batcher<AdminLookup>,
    pub(super) checker: Checker,
    pub(super) clock: Clock,
    pub(super) brake: Brake,
    /// Password attempts per client address.
    pub(super) unlock_limit: Limiter,
    /// Owners' changes per link and per collection, by id.
    pub(super) owner_limit: Limiter<super::owner::Owner>,
    /// Where this app answers: targets there would loop back to it.
    pub(super) own_hosts: OwnHosts,
    pub(super) metrics: Arc<Metrics>,
    pub(super) heartbeat: Heartbeat,
    /// Hosts links may not point to.
    pub(super) blocklist: Arc<Blocklist>,
    /// Abuse reports per client address.
    pub(super) report_limit: Limiter,
    /// Creates per creator token (private mode), besides those per address.
    pub(super) token_limit: Limiter<i64>,
    /// Creates per client address (`rate_limit`).
    pub(super) create_limit: Limiter,
    /// Only holders of a creator token may create (`private`).
    pub(super) private: bool,
    /// Clicks after which a link's target can no longer be changed.
    pub(super) edit_lock_after_clicks: Option<i64>,
    /// Most links one collection may hold.
    pub(super) collection_max_links: i64,
    /// How long clicks may fail to be written before `health` says so.
    pub(super) click_write_grace: std::time::Duration,
    /// Scheduled backups, when the operator asked for them.
    backups: Option<crate::settings::Backups>,
    /// Owners may set link previews (`previews`).
    pub(super) previews: bool,
}

impl Links {
    /// The service on `pool` (migrated: see `migrate`), with the batchers running;
    /// `Err` explains a setting that cannot work.
    pub fn start(pool: Pool, settings: &Settings, metrics: Arc<Metrics>) -> Result<Links, String> {
        let cache = TargetCache::new(settings.cache_size)
            .counting(metrics.cache_hits.clone(), metrics.cache_misses.clone());
        let clicks = Arc::new(Counter::default());
        let key_length = settings.key_length;
        Ok(Links {
            creates: Batcher::start(pool.clone(), (key_length, metrics.clone())),
            reads: Batcher::start(pool.clone(), clicks.clone()),
            pool,
            cache,
            clicks,
            checker: Checker::new(settings.check.clone()),
            clock: Clock::default(),
            brake: Brake::new(settings.password_brake)?,
            unlock_limit: Limiter::new(settings.unlock_rate_limit, settings.ipv6_prefix)?,
            owner_limit: Limiter::keyed(settings.owner_rate_limit)?,
            own_hosts: settings.own_hosts.clone(),
            metrics,
            heartbeat: Heartbeat::default(),
            blocklist: Arc::new(Blocklist::load(&settings.blocking)?),
            report_limit: Limiter::new(settings.report_rate_limit, settings.ipv6_prefix)?,
            token_limit: Limiter::keyed(settings.rate_limit)?,
            create_limit: Limiter::new(settings.rate_limit, settings.ipv6_prefix)?,
            private: settings.private,
            edit_lock_after_clicks: settings.edit_lock_after_clicks,
            collection_max_links: settings.collection_max_links,
            click_write_grace: settings.click_write_grace,
            backups: settings.backups.clone(),
            previews: settings.previews,
        })
    }

    /// Starts the background work once the server listens: the change-log watch (its
    /// first look done before this returns, so before the first request) and the
    /// once-a-second click flush, the blocklist file's watch, the database file's and
    /// scheduled backups. All end with `shutdown`.
    pub async fn run_in_background(&self, shutdown: Shutdown) {
        forwarding::watch(self.pool.clone(), self.cache.clone(), shutdown.clone()).await;
        blocklist::watch(self.blocklist.clone(), self.cache.clone(), shutdown.clone());
        crate::db::watch::keep_looking(self.pool.clone(), shutdown.clone());
        if let Some(backups) = self.backups.clone() {
            let (pool, metrics) = (self.pool.clone(), self.metrics.clone());
            backups::schedule(pool, backups, metrics, shutdown.clone());
        }
        let (pool, clicks) = (self.pool.clone(), self.clicks.clone());
        let metrics = self.metrics.clone();
        rocket::tokio::spawn(counter::flush_every_second(pool, clicks, metrics, shutdown));
    }

    /// Whether the database is there, readable and writable, and clicks have not
    /// failed to be written for longer than `click_write_grace` (`GET /health`);
    /// `Err` says what is wrong, for the operator.
    pub async fn health(&self) -> Result<(), String> {
        self.heartbeat.probe(&self.pool).await?;
        match self.clicks.failing(self.click_write_grace) {
            None => Ok(()),
            Some(failing) => Err(format!(
                "clicks have not been written for {} s ({} waiting in memory): {}",
                failing.for_.as_secs(),
                failing.pending,
                failing.error
            )),
        }
    }

    /// The time the service acts on (tests stop it on chosen days).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Writes pending clicks now on a fresh connection to `url`; how many. The last
    /// flush, once every request has finished, is one: `rocket_db_pools` closes its
    /// pool while the server shuts down.
    pub async fn flush_on_own_connection(&self, url: &str) -> Result<usize, String> {
        if crate::db::is_in_memory(url) {
            return Ok(0);
        }
        let pool = Pool::connect(&crate::db::single(url), false)
            .await
            .map_err(|e| e.to_string())?;
        let written = self
            .clicks
            .flush(&pool)
            .await
            .map_err(|e| format!("writing clicks failed: {e}"));
        pool.close().await;
        written
    }

    /// The last flush of a graceful stop: `flush_on_own_connection`, tried up to
    /// `LAST_TRIES` times a second apart. Clicks it still cannot write are lost: the
    /// log says how many, and `Err` (the process then exits non-zero) too.
    pub async fn write_last_clicks(&self, url: &str) -> Result<usize, String> {
        let mut tries = 0;
        loop {
            tries += 1;
            match self.flush_on_own_connection(url).await {
                Ok(written) => return Ok(written),
                Err(e) if tries < LAST_TRIES => {
                    rocket::warn!("the last write of clicks failed, trying again: {e}");
                    rocket::tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
                Err(e) => {
                    let lost = self.clicks.pending_clicks();
                    let said = format!(
                        "{lost} clicks could not be written before stopping and are lost: {e}"
                    );
                    rocket::error!("{said}");
                    return Err(said);
                }
            }
        }
    }

    /// `link` with `disabled_reason` filled in when its target's host is on the
    /// blocklist: such a link stops forwarding as if the operator had disabled it;
    /// and with `target_changed_at` moved to the last time a time rule switched
    /// visitors elsewhere, when that is later: a scheduled switch is a change too.
    pub(super) fn vet(&self, mut link: store::Link) -> store::Link {
        if link.disabled_reason.is_none() {
            link.disabled_reason = self.blocklist.reason_for(&link.target_url);
        }
        if link.smart.is_some() || link.expired_url.is_some() {
            let smart = Smart::from_stored(link.smart.as_deref());
            if link.disabled_reason.is_none() {
                let mut others = smart.targets().chain(link.expired_url.as_deref());
                link.disabled_reason = others.find_map(|url| self.blocklist.reason_for(url));
            }
            let (changed, made) = (link.target_changed_at.as_deref(), &link.created_at);
            link.target_changed_at = switched_stamp(&smart, changed, made, self.clock.now());
        }
        link
    }

    /// The pool, for the few test hooks that look at SQLite's own settings.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }
}

/// Brings a database up to date: the SQL migrations, then the one data migration SQL
/// cannot do on SQLite (hashing secrets stored in the clear by older versions).
/// Safe to run at every start, and by several instances at once.
pub async fn migrate(pool: &Pool) -> Result<(), String> {
    pool.migrate().await.map_err(|e| e.to_string())?;
    if pool.is_postgres() {
        return Ok(());
    }
    let hashed = async {
        let mut tx = pool.begin().await?;
        let hashed = store::hash_legacy_secrets(&mut tx).await?;
        tx.commit().await?;
        Ok::<_, crate::error::Error>(hashed)
    };
    let hashed = hashed.await.map_err(|e| e.to_string())?;
    if hashed > 0 {
        rocket::info!("hashed {hashed} secret keys stored by an older version");
    }
    Ok(())
}
