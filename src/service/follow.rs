//! Following links: the redirect (the hot path), the password form, and looking
//! without counting (HEAD, peek). Smart links decide here, after the click is let
//! through; plain links never look at their (absent) rules.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use time::OffsetDateTime;

use super::links::Links;
use super::machinery::forwarding::Forwarding;
use super::store;
use crate::domain::clock::stamp;
use crate::domain::keys::ShortKey;
use crate::domain::password;
use crate::domain::preview::Preview;
use crate::domain::smart::destinations::{destinations, next_switch, Destination};
use crate::domain::smart::{self, Choice, RuleInput, Smart};
use crate::domain::visit::{Client, Visit};
use crate::error::{Error, Result};

/// Where a visit goes.
#[derive(Debug)]
pub enum Followed {
    /// A redirect to `url`. `drawn`: the variant (from 1) just drawn for this
    /// visitor, for the web layer to keep in the visitor's cookie.
    To { url: Arc<str>, drawn: Option<usize> },
    /// A client that does not look like a browser (a link scanner, a library, no
    /// User-Agent) on a `humans_only` link: the page with a Continue button,
    /// nothing counted; with the owner's preview for link previewers, if any.
    Continue(Option<Arc<Preview>>),
}

/// What a peek found: the link, where a visit would go and what decided it
/// (`rule 2`, `variant 1`, `default`, `expired`).
#[derive(Debug)]
pub struct Peeked {
    pub link: store::Link,
    pub target_url: String,
    pub decided_by: String,
    /// Every place the link can send a visitor, its own target first.
    pub destinations: Vec<Destination>,
    /// When a time rule will next send visitors elsewhere (after the time asked about).
    pub next_switch_at: Option<String>,
}

impl Links {
    /// Where `key` forwards this visit, with the click counted: the target from
    /// memory, the click counted in memory. A protected link asks for its password.
    /// A cached link without a click limit is answered without awaiting anything; the
    /// database work of the other cases is boxed, so it does not swell every
    /// redirect's future (which Rocket moves about). `query` is the visitor's query
    /// string, added to the target of a link with `forward_query`.
    pub async fn follow(
        &self,
        key: &ShortKey,
        visit: &Visit,
        asking: &RuleInput<'_>,
    ) -> Result<Followed> {
        let started = Instant::now();
        let answer = self.forward(key, visit, asking).await;
        self.metrics
            .observe_redirect(started.elapsed().as_secs_f64());
        answer
    }

    async fn forward(
        &self,
        key: &ShortKey,
        visit: &Visit,
        asking: &RuleInput<'_>,
    ) -> Result<Followed> {
        let target = match self.cache.cached(key.as_str()) {
            Some(target) => target,
            None => Box::pin(self.lookup(key)).await?,
        };
        if let Some(reason) = &target.disabled {
            return Err(Error::Disabled(reason.to_string()));
        }
        if target.starts_at.is_some() {
            target.live(self.clock.now())?;
        }
        if target.protected {
            return Err(Error::PasswordRequired);
        }
        if target.humans_only && visit.client != Client::Browser && !asking.is_program() {
            return Ok(Followed::Continue(target.preview.clone()));
        }
        let counted = match target.limited {
            false => self.count(&target, visit),
            true => Box::pin(self.count_limited(&target, visit)).await,
        };
        self.went(&target, counted, asking)
    }

    /// Where a visit let through (or refused) by the link's limits goes: an expired
    /// link to its `expired_url` if it has one (uncounted); a smart link where its
    /// rules or split decide (and that choice counted); then the visitor's query added.
    fn went(
        &self,
        target: &Forwarding,
        counted: Result<Arc<str>>,
        asking: &RuleInput<'_>,
    ) -> Result<Followed> {
        let url = match (counted, &target.expired_url) {
            (Ok(url), _) => url,
            (Err(Error::Gone), Some(fallback)) => {
                let url = fallback.clone();
                return Ok(Followed::To { url, drawn: None });
            }
            (Err(e), _) => return Err(e),
        };
        let (url, drawn) = match &target.smart {
            None => (url, None),
            Some(smart) => self.decide(target.id, smart, asking, url),
        };
        let url = with_query(target, url, asking.query);
        Ok(Followed::To { url, drawn })
    }

    /// The rule or variant that takes this counted visit, counted as its choice.
    fn decide(
        &self,
        id: i64,
        smart: &Smart,
        asking: &RuleInput<'_>,
        own: Arc<str>,
    ) -> (Arc<str>, Option<usize>) {
        let now = self.clock.now();
        let sticky = smart::sticky(asking.cookie);
        let decision = smart.decide(asking, now, sticky, &mut rand::thread_rng());
        if decision != Choice::Default {
            self.clicks.chose(id, decision, now);
        }
        let drawn = match decision {
            Choice::Variant(i) if sticky != Some(i) => Some(i + 1),
            _ => None,
        };
        (smart.target(decision).map_or(own, Arc::from), drawn)
    }

    /// Where a protected link forwards a visitor who gave `password`, the click
    /// counted. On a `humans_only` link without a password this is the Continue
    /// button: only a browser pressing it on this app's page is forwarded and counted. Attempts are limited per client (`client`) and braked per link, both
    /// refused before any argon2 work, and checked against the stored hash only. A
    /// link without a password forwards as `follow` does.
    pub async fn unlock(
        &self,
        key: &ShortKey,
        password: Option<String>,
        client: Option<IpAddr>,
        visit: &Visit,
        asking: &RuleInput<'_>,
    ) -> Result<Followed> {
        let target = self.lookup(key).await?;
        if let Some(reason) = &target.disabled {
            return Err(Error::Disabled(reason.to_string()));
        }
        target.live(self.clock.now())?;
        if target.protected {
            let attempt = password.ok_or(Error::PasswordRequired)?;
            let limit = self.unlock_limit.take(client);
            limit.map_err(Error::TooManyAttempts)?;
            let turn = self.brake.admit(target.id);
            let turn = turn.map_err(Error::LinkBraked)?;
            if !self.verify(target.id, attempt).await? {
                turn.wrong();
                return Err(Error::WrongPassword);
            }
            turn.right();
        } else if target.humans_only && !pressed(visit, asking) && !asking.is_program() {
            return Ok(Followed::Continue(target.preview.clone()));
        }
        let counted = self.pass(&target, visit).await;
        self.went(&target, counted, asking)
    }

    /// Where a visit would go at `at` (default: now), and what would decide it,
    /// without counting anything (HEAD, peek). A split draws a variant afresh.
    pub async fn peek(
        &self,
        key: &ShortKey,
        asking: &RuleInput<'_>,
        at: Option<OffsetDateTime>,
    ) -> Result<Peeked> {
        let mut conn = self.pool.acquire().await?;
        let link = self.vet(store::find(&mut conn, key).await?);
        drop(conn);
        if let Some(reason) = &link.disabled_reason {
            return Err(Error::Disabled(reason.clone()));
        }
        let now = at.unwrap_or_else(|| self.clock.now());
        if link.is_waiting(now) {
            let starts_at = link.starts_at.clone().unwrap_or_default();
            return Err(Error::NotYet(starts_at));
        }
        if link.protected() {
            return Err(Error::PasswordRequired);
        }
        let smart = Smart::from_stored(link.smart.as_deref());
        let all = destinations(&link.target_url, &smart, link.expired_url.as_deref());
        let next_switch_at = next_switch(&smart, now).map(stamp);
        if link.is_expired(now) {
            let fallback = link.expired_url.clone().ok_or(Error::Gone)?;
            return Ok(Peeked {
                link,
                target_url: fallback,
                decided_by: "expired".to_owned(),
                destinations: all,
                next_switch_at: None,
            });
        }
        let decision = smart.decide(asking, now, None, &mut rand::thread_rng());
        let target = smart.target(decision).unwrap_or(&link.target_url);
        let target = match (link.forward_query, asking.query) {
            (true, Some(query)) => crate::domain::query::forward(target, query),
            _ => None,
        }
        .unwrap_or_else(|| target.to_owned());
        Ok(Peeked {
            link,
            target_url: target,
            decided_by: decision.label(),
            destinations: all,
            next_switch_at,
        })
    }

    /// The forwarding facts of `key`, from the cache or the database.
    /// A miss is read from the database and vetted (the blocklist, scheduled
    /// switches) here, in the one place, before the cache remembers it.
    async fn lookup(&self, key: &ShortKey) -> Result<Forwarding> {
        let miss = match self.cache.lookup(key.as_str()) {
            Ok(target) => return Ok(target),
            Err(miss) => miss,
        };
        let mut conn = self.pool.acquire().await?;
        let target = Forwarding::of(self.vet(store::find(&mut conn, key).await?));
        self.cache.remember(key.as_str(), target.clone(), miss);
        Ok(target)
    }

    /// Lets a visit through the link's limits and counts it: expired links never
    /// forward; links with `max_clicks` are counted by the database, so the last
    /// allowed click is exact under any concurrency.
    async fn pass(&self, target: &Forwarding, visit: &Visit) -> Result<Arc<str>> {
        match target.limited {
            true => self.count_limited(target, visit).await,
            false => self.count(target, visit),
        }
    }

    /// Counts a visit to a link without a click limit, in memory.
    fn count(&self, target: &Forwarding, visit: &Visit) -> Result<Arc<str>> {
        let now = self.clock.now();
        if target.expired(now) {
            return Err(Error::Gone);
        }
        self.clicks.record(target.id, visit, now);
        Ok(target.url.clone())
    }

    /// Counts a visit to a link with a click limit in the database, which refuses the
    /// click past the limit.
    async fn count_limited(&self, target: &Forwarding, visit: &Visit) -> Result<Arc<str>> {
        let now = self.clock.now();
        if target.expired(now) {
            return Err(Error::Gone);
        }
        let mut conn = self.pool.acquire().await?;
        if !store::take_click(&mut conn, target.id, &stamp(now)).await? {
            return Err(Error::Gone);
        }
        self.clicks.record_counted(target.id, visit, now);
        Ok(target.url.clone())
    }

    /// Whether `attempt` is the password of link `id`.
    async fn verify(&self, id: i64, attempt: String) -> Result<bool> {
        let mut conn = self.pool.acquire().await?;
        let hash = store::password_hash(&mut conn, id).await?;
        drop(conn);
        password::verify(attempt, hash).await
    }
}

/// `url`, with the visitor's `query` added when the link forwards queries.
fn with_query(target: &Forwarding, url: Arc<str>, query: Option<&str>) -> Arc<str> {
    match (target.forward_query, query) {
        (true, Some(query)) => forward_query(url, query),
        _ => url,
    }
}

/// `url` with the visitor's `query` added (`domain::query::forward`). A plain call
/// after the last await, so it adds nothing to the redirect's future.
fn forward_query(url: Arc<str>, query: &str) -> Arc<str> {
    crate::domain::query::forward(&url, query).map_or(url, Arc::from)
}

/// Whether a Continue button was pressed by a person: a browser's User-Agent, and
/// the post sent from this app's own page (scanners that submit forms send neither
/// `Origin` nor `Sec-Fetch-Site`).
fn pressed(visit: &Visit, asking: &RuleInput<'_>) -> bool {
    visit.client == Client::Browser && asking.from_page
}
