//! What owners do through their secret: read the link with its history, change it
//! (its target, query forwarding, the stats link), delete it. Every change drops the cached target, and every read
//! includes the clicks not yet written.

use crate::domain::annotation::{Note, Title};
use crate::domain::preview::Preview;
use std::collections::HashMap;
use std::sync::Arc;

use time::Date;

use super::links::Links;
use super::machinery::batch::Job;
use super::machinery::counter::Counter;
use super::machinery::history::{DayClicks, History, SourceClicks};
use super::machinery::pending::{ById, Pending};
use super::smart::SmartChange;
use super::store::{self, Link};
use crate::db::Conn;
use crate::domain::clock::day;
use crate::domain::keys::SecretKey;
use crate::domain::target::TargetUrl;
use crate::domain::window::Window;
use crate::error::{Error, Result};

/// What an owner changes in one request; `None` parts stay as they are.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// A new target, as typed.
    pub target: Option<String>,
    pub forward_query: Option<bool>,
    pub stats: Option<StatsChange>,
    /// Rules, split, fallback after the end, `humans_only`.
    pub smart: SmartChange,
    /// A new title (`Some(None)`: none any more).
    pub title: Option<Option<Title>>,
    /// A new note (`Some(None)`: none any more).
    pub note: Option<Option<Note>>,
    /// A new start time, a stamp (`Some(None)`: live at once).
    pub starts_at: Option<Option<String>>,
    /// A new link preview (`Some(None)`: none any more).
    pub preview: Option<Option<Preview>>,
}

impl Change {
    /// Whether it asks for nothing.
    pub fn is_empty(&self) -> bool {
        self.target.is_none()
            && self.forward_query.is_none()
            && self.stats.is_none()
            && self.title.is_none()
            && self.note.is_none()
            && self.starts_at.is_none()
            && self.preview.is_none()
            && self.smart.is_empty()
    }
}

/// What an owner does with the stats link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsChange {
    /// No stats page any more: the token answers 404.
    Off,
    /// A fresh token; the old one answers 404.
    New,
}

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
    /// Before its start time: visitors are told when it goes live.
    pub is_waiting: bool,
    pub window: Window,
    /// A smart link's clicks over the window per rule and variant (`rule 1`, ...).
    pub choices: HashMap<String, i64>,
    /// The collections it is in, which its owner may take it out of.
    pub collections: Vec<store::collections::Collection>,
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
        let mut view = self.view(link, &history, window, now);
        view.choices = self.choices(&view.link, window.since(now.date())).await?;
        view.collections = self.memberships(view.link.id).await?;
        Ok(view)
    }

    /// What an owner (or the stats link) sees of `link` and its `history` over
    /// `window` at `now`.
    pub(super) fn view(
        &self,
        link: store::Link,
        history: &History,
        window: Window,
        now: time::OffsetDateTime,
    ) -> AdminView {
        let link = self.vet(link);
        AdminView {
            history: history.history(window, now.date()),
            referrers: history.top_referrers(),
            clients: history.top_clients(),
            is_expired: link.is_expired(now),
            is_waiting: link.is_waiting(now),
            link,
            window,
            choices: HashMap::new(),
            collections: Vec::new(),
        }
    }

    /// The link behind `secret`, without its history (the QR code needs only its key).
    pub async fn link(&self, secret: &SecretKey) -> Result<store::Link> {
        let lookup = AdminLookup {
            secret: secret.clone(),
            since: None,
        };
        Ok(self.vet(self.reads.run(lookup).await?.0))
    }

    /// Applies an owner's `change` (one or more of its parts, in the order target,
    /// query forwarding, stats link), as one change of the owner's allowance; the
    /// link afterwards. A part that is refused stops the rest (the parts before it
    /// stay done). `Invalid` when the change has no part.
    pub async fn change(&self, secret: &SecretKey, change: Change) -> Result<store::Link> {
        self.allow_change(secret).await?;
        let mut changed = None;
        if let Some(raw) = &change.target {
            changed = Some(self.retarget(secret, raw).await?);
        }
        if let Some(on) = change.forward_query {
            changed = Some(self.forward_query(secret, on).await?);
        }
        if let Some(stats) = change.stats {
            changed = Some(self.restats(secret, stats).await?);
        }
        if change.title.is_some() || change.note.is_some() {
            changed = Some(self.annotate(secret, &change).await?);
        }
        if let Some(at) = &change.starts_at {
            changed = Some(self.reschedule(secret, at.as_deref()).await?);
        }
        if let Some(preview) = &change.preview {
            let turning_on = change.smart.humans_only == Some(true);
            changed = Some(
                self.set_preview(secret, preview.as_ref(), turning_on)
                    .await?,
            );
        }
        if !change.smart.is_empty() {
            // Not inside `with_pending_clicks`: replacing rules waits for the flush itself.
            let link = self.change_smart(secret, &change.smart).await?;
            changed = Some(self.with_pending_clicks(async { Ok(link) }).await?);
        }
        changed
            .map(|link| self.vet(link))
            .ok_or_else(|| Error::Invalid {
                field: "target_url",
                message: crate::i18n::Text::new("error-nothing-to-change"),
            })
    }

    /// Points the link at a new target `raw`, checked as a create's (the blocklist
    /// too): clicks, limits and password stay; the next visit, on any instance, goes
    /// to the new one. A disabled link, or one past `edit_lock_after_clicks`, keeps
    /// its target.
    async fn retarget(&self, secret: &SecretKey, raw: &str) -> Result<store::Link> {
        let target = TargetUrl::parse(raw, &self.own_hosts)?;
        self.blocklist.refuse(&target)?;
        self.may_change(&self.link(secret).await?)?;
        let now = crate::domain::clock::stamp(self.clock.now());
        let link = self
            .with_pending_clicks(async {
                let mut conn = self.pool.acquire().await?;
                store::set_target(&mut conn, secret, &target, &now).await
            })
            .await?;
        self.cache.remove(&link.key);
        Ok(link)
    }

    /// Turns query forwarding on or off; the next visit, on any instance, follows the
    /// new setting. Allowed on a disabled link too: it changes nothing a visitor reaches.
    async fn forward_query(&self, secret: &SecretKey, on: bool) -> Result<store::Link> {
        let link = self
            .with_pending_clicks(async {
                let mut conn = self.pool.acquire().await?;
                store::owners::set_forward_query(&mut conn, secret, on).await
            })
            .await?;
        self.cache.remove(&link.key);
        Ok(link)
    }

    /// Sets the title and the note the change gives (either may be absent): the
    /// owner's words, so a disabled or locked link takes them too. No cached target
    /// carries them.
    async fn annotate(&self, secret: &SecretKey, change: &Change) -> Result<store::Link> {
        let title = change.title.as_ref().map(|t| t.as_ref().map(Title::as_str));
        let note = change.note.as_ref().map(|n| n.as_ref().map(Note::as_str));
        self.with_pending_clicks(async {
            let mut conn = self.pool.acquire().await?;
            store::owners::set_annotation(&mut conn, secret, title, note).await
        })
        .await
    }

    /// Sets when the link goes live (`None`: at once); the next visit, on any
    /// instance, follows it. The start must come before the expiry time.
    async fn reschedule(&self, secret: &SecretKey, at: Option<&str>) -> Result<store::Link> {
        let link = self.link(secret).await?;
        let ends = link
            .expires_at
            .as_deref()
            .and_then(crate::domain::clock::parse);
        let starts = at.and_then(crate::domain::clock::parse);
        if let (Some(starts), Some(ends)) = (starts, ends) {
            if starts >= ends {
                return Err(Error::Invalid {
                    field: "starts_at",
                    message: crate::i18n::Text::new("error-starts-at-after-expiry"),
                });
            }
        }
        let link = self
            .with_pending_clicks(async {
                let mut conn = self.pool.acquire().await?;
                store::owners::set_starts_at(&mut conn, secret, at).await
            })
            .await?;
        self.cache.remove(&link.key);
        Ok(link)
    }

    /// Sets the link preview (`None`: none): only on a `humans_only` link, where the
    /// operator allows previews; its image is checked against the blocklist as a
    /// target is. `turning_on`: the same change turns `humans_only` on. Every
    /// instance forgets the cached target, which carries it.
    async fn set_preview(
        &self,
        secret: &SecretKey,
        preview: Option<&Preview>,
        turning_on: bool,
    ) -> Result<store::Link> {
        if let Some(image) = preview.and_then(|p| p.image_url.as_deref()) {
            self.blocklist.refuse_url(image)?;
        }
        let link = self.link(secret).await?;
        self.may_preview(preview, link.humans_only || turning_on)?;
        let stored = preview.map(Preview::stored);
        let link = self
            .with_pending_clicks(async {
                let mut conn = self.pool.acquire().await?;
                store::owners::set_preview(&mut conn, secret, stored.as_deref()).await
            })
            .await?;
        self.cache.remove(&link.key);
        Ok(link)
    }

    /// The link `update` returns, with the clicks not yet written added to it.
    pub(super) async fn with_pending_clicks(
        &self,
        update: impl std::future::Future<Output = Result<store::Link>>,
    ) -> Result<store::Link> {
        self.clicks
            .with_pending_once(update, |link, pending| {
                if let Some(clicks) = pending.get(&link.id) {
                    clicks.add_to(link);
                }
            })
            .await
    }

    /// Deactivates the link (the tutorial's soft delete): it stops forwarding at once,
    /// and its key is never handed out again.
    pub async fn deactivate(&self, secret: &SecretKey) -> Result<store::Link> {
        self.allow_change(secret).await?;
        let mut conn = self.pool.acquire().await?;
        let link = store::deactivate(&mut conn, secret).await?;
        self.cache.remove(&link.key);
        Ok(link)
    }

    /// `Locked` when the owner may no longer change `link`'s target: the operator
    /// disabled it, or it has `edit_lock_after_clicks` clicks (pending ones included).
    pub(super) fn may_change(&self, link: &store::Link) -> Result<()> {
        if let Some(reason) = &link.disabled_reason {
            return Err(Error::Locked(
                crate::i18n::Text::new("error-locked-disabled").with("reason", reason.as_str()),
            ));
        }
        match self.edit_lock_after_clicks {
            Some(lock) if link.clicks >= lock => Err(Error::Locked(
                crate::i18n::Text::new("error-locked-clicks")
                    .with("clicks", link.clicks)
                    .with("lock", lock),
            )),
            _ => Ok(()),
        }
    }

    /// Takes one change from the allowance of `secret`'s link (`owner_rate_limit`):
    /// every change makes every server forget and re-read the link, so one owner's
    /// script must not be able to do it many times a second. Kept under the link's id,
    /// not its secret, so a new secret brings no fresh allowance. The link's id.
    pub(super) async fn allow_change(&self, secret: &SecretKey) -> Result<i64> {
        let mut conn = self.pool.acquire().await?;
        let id = store::owners::link_id(&mut conn, secret).await?;
        self.allow(Owner::Link(id))?;
        Ok(id)
    }

    /// Takes one change from `owner`'s allowance.
    pub(super) fn allow(&self, owner: Owner) -> Result<()> {
        self.owner_limit
            .take_key(&owner)
            .map_err(Error::TooManyChanges)
    }
}

/// Whose allowance of changes a change takes from: a link's or a collection's, by
/// its id (secrets change; ids do not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Link(i64),
    Collection(i64),
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
