//! Following links: the redirect (the hot path), the password form, and looking
//! without counting (HEAD, peek).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use super::forwarding::Forwarding;
use super::links::Links;
use super::store;
use crate::domain::clock::stamp;
use crate::domain::keys::ShortKey;
use crate::domain::password;
use crate::domain::visit::Visit;
use crate::error::{Error, Result};

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
        query: Option<&str>,
    ) -> Result<Arc<str>> {
        let started = Instant::now();
        let answer = self.forward(key, visit, query).await;
        self.metrics
            .observe_redirect(started.elapsed().as_secs_f64());
        answer
    }

    async fn forward(
        &self,
        key: &ShortKey,
        visit: &Visit,
        query: Option<&str>,
    ) -> Result<Arc<str>> {
        let target = match self.cache.cached(key.as_str()) {
            Some(target) => target,
            None => Box::pin(self.lookup(key)).await?,
        };
        if let Some(reason) = &target.disabled {
            return Err(Error::Disabled(reason.to_string()));
        }
        if target.protected {
            return Err(Error::PasswordRequired);
        }
        let url = match target.limited {
            false => self.count(&target, visit)?,
            true => Box::pin(self.count_limited(&target, visit)).await?,
        };
        Ok(with_query(&target, url, query))
    }

    /// Where a protected link forwards a visitor who gave `password`, the click
    /// counted. Attempts are limited per client (`client`) and braked per link, both
    /// refused before any argon2 work, and checked against the stored hash only. A
    /// link without a password forwards as `follow` does.
    pub async fn unlock(
        &self,
        key: &ShortKey,
        password: Option<String>,
        client: Option<IpAddr>,
        visit: &Visit,
        query: Option<&str>,
    ) -> Result<Arc<str>> {
        let target = self.lookup(key).await?;
        if let Some(reason) = &target.disabled {
            return Err(Error::Disabled(reason.to_string()));
        }
        if target.protected {
            let attempt = password.ok_or(Error::PasswordRequired)?;
            let limit = self.unlock_limit.check(client);
            limit.map_err(Error::TooManyAttempts)?;
            let turn = self.brake.admit(target.id);
            let turn = turn.map_err(Error::LinkBraked)?;
            if !self.verify(target.id, attempt).await? {
                turn.wrong();
                return Err(Error::WrongPassword);
            }
            turn.right();
        }
        let url = self.pass(&target, visit).await?;
        Ok(with_query(&target, url, query))
    }

    /// A link that would forward a visitor now, without counting anything (HEAD, peek).
    pub async fn peek(&self, key: &ShortKey) -> Result<store::Link> {
        let mut conn = self.pool.acquire().await?;
        let link = self.vet(store::find(&mut conn, key).await?);
        if let Some(reason) = &link.disabled_reason {
            return Err(Error::Disabled(reason.clone()));
        }
        if link.protected {
            return Err(Error::PasswordRequired);
        }
        if link.is_expired(self.clock.now()) {
            return Err(Error::Gone);
        }
        Ok(link)
    }

    /// The forwarding facts of `key`, from the cache or the database.
    async fn lookup(&self, key: &ShortKey) -> Result<Forwarding> {
        self.cache
            .forwarding(&self.pool, key, |link| self.vet(link))
            .await
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
