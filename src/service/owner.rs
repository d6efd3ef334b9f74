//! What owners do through their secret: read the link with its history, point it
//! somewhere else, delete it. Every change drops the cached target, and every read
//! includes the clicks not yet written.

use super::history::{DayClicks, SourceClicks};
use super::jobs::AdminLookup;
use super::links::Links;
use super::store;
use crate::domain::keys::SecretKey;
use crate::domain::target::TargetUrl;
use crate::domain::window::Window;
use crate::error::{Error, Result};

/// An owner's view of a link: the link with its pending clicks, and its history over
/// one window.
#[derive(Debug)]
pub struct AdminView {
    pub link: store::Link,
    /// Clicks per UTC day over the window, oldest first, days without clicks as 0.
    pub history: Vec<DayClicks>,
    pub referrers: Vec<SourceClicks>,
    pub clients: Vec<SourceClicks>,
    /// Past its expiry time or its click limit: it answers 410 now.
    pub is_expired: bool,
    pub window: Window,
}

impl Links {
    /// The link behind `secret` with `window` days of history (batched with other
    /// owners' reads).
    pub async fn admin(&self, secret: &SecretKey, window: Window) -> Result<AdminView> {
        let now = self.clock.now();
        let lookup = AdminLookup {
            secret: secret.clone(),
            since: Some(window.since(now.date())),
        };
        let (link, history) = self.reads.run(lookup).await?;
        let link = self.vet(link);
        Ok(AdminView {
            history: history.history(window, now.date()),
            referrers: history.top_referrers(),
            clients: history.top_clients(),
            is_expired: link.is_expired(now),
            link,
            window,
        })
    }

    /// The link behind `secret`, without its history (the QR code needs only its key).
    pub async fn link(&self, secret: &SecretKey) -> Result<store::Link> {
        let lookup = AdminLookup {
            secret: secret.clone(),
            since: None,
        };
        Ok(self.vet(self.reads.run(lookup).await?.0))
    }

    /// Points the link at a new target `raw`, checked as a create's (the blocklist
    /// too): clicks, limits and password stay; the next visit, on any instance, goes
    /// to the new one. A disabled link, or one past `edit_lock_after_clicks`, keeps
    /// its target.
    pub async fn set_target(&self, secret: &SecretKey, raw: &str) -> Result<store::Link> {
        self.allow_change(secret)?;
        let target = TargetUrl::parse(raw, &self.own_hosts)?;
        self.blocklist.refuse(&target)?;
        self.may_change(&self.link(secret).await?)?;
        let now = crate::domain::clock::stamp(self.clock.now());
        let update = async {
            let mut conn = self.pool.acquire().await?;
            store::set_target(&mut conn, secret, &target, &now).await
        };
        let link = self
            .clicks
            .with_pending(update, |link, pending| {
                if let Some(clicks) = pending.get(&link.id) {
                    clicks.add_to(link);
                }
            })
            .await?;
        self.cache.remove(&link.key);
        Ok(link)
    }

    /// Deactivates the link (the tutorial's soft delete): it stops forwarding at once,
    /// and its key is never handed out again.
    pub async fn deactivate(&self, secret: &SecretKey) -> Result<store::Link> {
        self.allow_change(secret)?;
        let mut conn = self.pool.acquire().await?;
        let link = store::deactivate(&mut conn, secret).await?;
        self.cache.remove(&link.key);
        Ok(link)
    }

    /// `Locked` when the owner may no longer change `link`'s target: the operator
    /// disabled it, or it has `edit_lock_after_clicks` clicks (pending ones included).
    fn may_change(&self, link: &store::Link) -> Result<()> {
        if let Some(reason) = &link.disabled_reason {
            return Err(Error::Locked(format!(
                "This link was disabled by the operator ({reason}); it cannot be changed"
            )));
        }
        match self.edit_lock_after_clicks {
            Some(lock) if link.clicks >= lock => Err(Error::Locked(format!(
                "This link has {} clicks; targets are locked after {lock} clicks on this site",
                link.clicks
            ))),
            _ => Ok(()),
        }
    }

    /// Takes one change from the allowance of `secret`'s link (`owner_rate_limit`),
    /// before any database work: every change makes every server forget and re-read
    /// the link, so one owner's script must not be able to do it many times a second.
    fn allow_change(&self, secret: &SecretKey) -> Result<()> {
        self.owner_limit
            .check_key(&secret.hash())
            .map_err(Error::TooManyChanges)
    }
}
