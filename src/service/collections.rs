//! Collections: many links behind one more secret URL. Joining one takes a link's
//! admin secret (made with it, or pasted), and the collection can then list every
//! link with its admin URL while no secret is stored in the clear: each link's
//! admin secret is sealed with a key of its own (its vault), and that key is sealed
//! with the collection's secret (`domain::seal`).

use time::Date;

use super::history::{DayClicks, History};
use super::links::Links;
use super::owner::Owner;
use super::store::{self, collections::Collection, Link};
use crate::domain::clock::{day, stamp};
use crate::domain::collection::{CollectionName, Sort};
use crate::domain::keys::SecretKey;
use crate::domain::seal;
use crate::domain::window::Window;
use crate::error::{Error, Result};

/// How a collection's list is shown: its order and an optional text filter.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub sort: Sort,
    /// Only links whose key or target contains this, in any case.
    pub filter: Option<String>,
}

/// One link of a collection as its owner sees it.
#[derive(Debug)]
pub struct Member {
    pub link: Link,
    /// The link's admin secret (a deleted link's page answers 404); `None` only if its
    /// seal could not be opened.
    pub admin: Option<SecretKey>,
    /// Past its expiry time or its click limit.
    pub is_expired: bool,
}

/// A collection with its links (those `Listing` shows), totals over all of them, and
/// one chart of clicks per day.
#[derive(Debug)]
pub struct CollectionView {
    pub collection: Collection,
    pub links: Vec<Member>,
    /// How many links it has, shown or not.
    pub count: usize,
    /// Clicks of all its links, pending ones included.
    pub clicks: i64,
    /// Clicks per UTC day over the window, all links together, oldest first.
    pub history: Vec<DayClicks>,
    pub window: Window,
}

/// What one read of a collection gathers before the pending clicks are added.
type Read = (Collection, Vec<store::collections::Member>, History);

impl Links {
    /// A new, empty collection, with its fresh secret (which exists only in this answer).
    pub async fn new_collection(&self, name: &CollectionName) -> Result<(Collection, SecretKey)> {
        let secret = SecretKey::random();
        let now = stamp(self.clock.now());
        let mut conn = self.pool.acquire().await?;
        let collection =
            store::collections::create(&mut conn, &secret, name.as_str(), &now).await?;
        Ok((collection, secret))
    }

    /// The collection behind `secret`, its links as `listing` asks, and `window`
    /// days of clicks per day over all of them.
    pub async fn collection(
        &self,
        secret: &SecretKey,
        window: Window,
        listing: &Listing,
    ) -> Result<CollectionView> {
        let now = self.clock.now();
        let since = window.since(now.date());
        let (collection, members, history) = self
            .clicks
            .with_pending(
                || self.read_collection(secret, since),
                |(_, members, history), pending| {
                    for member in members.iter_mut() {
                        if let Some(clicks) = pending.get(&member.link.id) {
                            clicks.add_to(&mut member.link);
                            clicks.add_to_history(history, since);
                        }
                    }
                },
            )
            .await?;
        let count = members.len();
        let clicks = members.iter().map(|m| m.link.clicks).sum();
        let shows = listing.matcher();
        let mut links: Vec<Member> = members
            .into_iter()
            .filter(|m| shows(&m.link))
            .map(|m| Member {
                admin: open_admin(secret, &m),
                is_expired: m.link.is_expired(now),
                link: self.vet(m.link),
            })
            .collect();
        // Newest or most clicked first; the later-made of two equal ones first.
        links.sort_by(|a, b| {
            let (a, b) = (&a.link, &b.link);
            match listing.sort {
                Sort::Date => b.created_at.cmp(&a.created_at),
                Sort::Clicks => b.clicks.cmp(&a.clicks),
            }
            .then(b.id.cmp(&a.id))
        });
        Ok(CollectionView {
            collection,
            links,
            count,
            clicks,
            history: history.history(window, now.date()),
            window,
        })
    }

    /// The collection, all its links and its clicks per day from `since`, as written.
    async fn read_collection(&self, secret: &SecretKey, since: Date) -> Result<Read> {
        let mut conn = self.pool.acquire().await?;
        let collection = store::collections::find(&mut conn, secret).await?;
        let members = store::collections::members(&mut conn, collection.id).await?;
        let days = store::collections::days(&mut conn, collection.id, &day(since)).await?;
        let history = History {
            days: days.into_iter().collect(),
            ..History::default()
        };
        Ok((collection, members, history))
    }

    /// The collection behind `secret`, checked before a link is made in it:
    /// `Unknown` (on the `collection` field) when there is none.
    pub(super) async fn collection_for_create(&self, secret: &SecretKey) -> Result<Collection> {
        let mut conn = self.pool.acquire().await?;
        store::collections::find(&mut conn, secret)
            .await
            .map_err(|error| match error {
                Error::NotFound => Error::Unknown {
                    field: "collection",
                    message: crate::i18n::Text::new("error-no-collection"),
                },
                other => other,
            })
    }

    /// Adds the link whose admin secret is `admin` to the collection behind `secret`
    /// (pasting the admin URL proves the link is the owner's). `Unproven` (on the
    /// `admin_url` field, 403) when no active link has that secret.
    pub async fn join(&self, secret: &SecretKey, admin: &SecretKey) -> Result<Link> {
        let mut conn = self.pool.acquire().await?;
        let collection = store::collections::find(&mut conn, secret).await?;
        drop(conn);
        self.allow(Owner::Collection(collection.id))?;
        self.add_to(&collection, secret, admin)
            .await
            .map_err(|error| match error {
                Error::NotFound => Error::Unproven {
                    field: "admin_url",
                    message: crate::i18n::Text::new("error-not-admin-url"),
                },
                other => other,
            })?;
        self.link(admin).await
    }

    /// Puts the link with admin secret `admin` in `collection` (whose secret is
    /// `secret`), giving the link its vault first if it has none; `NotFound` when
    /// `admin` opens no active link, also when a rotation replaced it meanwhile.
    pub(super) async fn add_to(
        &self,
        collection: &Collection,
        secret: &SecretKey,
        admin: &SecretKey,
    ) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        let (link_id, vault_key) = loop {
            let vault = store::owners::vault(&mut conn, admin).await?;
            if let Some(sealed) = &vault.vault_key {
                let key = seal::open(admin.as_str(), sealed).ok_or(Error::NotFound)?;
                break (vault.id, key);
            }
            let key = seal::random_key();
            let sealed_key = seal::seal(admin.as_str(), key.as_bytes());
            let sealed_secret = seal::seal(&key, admin.as_str().as_bytes());
            if store::collections::set_vault(
                &mut conn,
                vault.id,
                admin,
                &sealed_key,
                &sealed_secret,
            )
            .await?
            {
                break (vault.id, key.into_bytes());
            }
        };
        let sealed = seal::seal(secret.as_str(), &vault_key);
        let now = stamp(self.clock.now());
        store::collections::add(&mut conn, collection.id, link_id, admin, &sealed, &now).await
    }

    /// Deactivates the collection's links among `keys` at once (the others, and keys
    /// not in it, stay as they are); the keys deactivated.
    pub async fn deactivate_in(&self, secret: &SecretKey, keys: &[String]) -> Result<Vec<String>> {
        let mut conn = self.pool.acquire().await?;
        let collection = store::collections::find(&mut conn, secret).await?;
        self.allow(Owner::Collection(collection.id))?;
        let done = store::collections::deactivate(&mut conn, collection.id, keys).await?;
        for key in &done {
            self.cache.remove(key);
        }
        Ok(done)
    }

    /// Replaces the collection's secret by a fresh one (which exists only in this
    /// answer); the old one answers 404 on every instance from then on. With
    /// `with_links`, every active link in it gets a new admin secret too, and leaves
    /// every other collection: what someone who copied the collection's page held
    /// opens nothing afterwards. Also how many links got a new secret.
    pub async fn rotate_collection(
        &self,
        secret: &SecretKey,
        with_links: bool,
    ) -> Result<(Collection, SecretKey, usize)> {
        let new = SecretKey::random();
        let mut conn = self.pool.acquire().await?;
        let collection = store::collections::find(&mut conn, secret).await?;
        self.allow(Owner::Collection(collection.id))?;
        let members = store::collections::members(&mut conn, collection.id).await?;
        let mut resealed = Vec::new();
        let mut renewed = Vec::new();
        for member in &members {
            if with_links && member.link.is_active {
                renewed.push(renew(member.link.id, &new));
            } else if let Some(key) = seal::open(secret.as_str(), &member.sealed_key) {
                resealed.push((member.link.id, seal::seal(new.as_str(), &key)));
            }
        }
        let pair = (secret, &new);
        store::collections::replace_secret(&mut conn, collection.id, pair, &resealed, &renewed)
            .await?;
        Ok((collection, new, renewed.len()))
    }

    /// The collections link `link_id` is in, for its owner's page.
    pub(super) async fn memberships(&self, link_id: i64) -> Result<Vec<Collection>> {
        let mut conn = self.pool.acquire().await?;
        store::collections::of_link(&mut conn, link_id).await
    }

    /// Takes the link behind `secret` out of collection `collection_id`, as its owner
    /// asked; the collections it is still in. `NotFound` when it was not in that one.
    pub async fn leave(&self, secret: &SecretKey, collection_id: i64) -> Result<Vec<Collection>> {
        let link_id = self.allow_change(secret).await?;
        let mut conn = self.pool.acquire().await?;
        store::collections::remove(&mut conn, collection_id, link_id).await?;
        store::collections::of_link(&mut conn, link_id).await
    }
}

/// A fresh admin secret for link `link_id` with a fresh vault, its key sealed with
/// the collection's `new` secret; the admin secret itself is kept nowhere but sealed.
fn renew(link_id: i64, new: &SecretKey) -> store::collections::Renewed {
    let admin = SecretKey::random();
    let key = seal::random_key();
    store::collections::Renewed {
        link_id,
        secret_hash: admin.hash(),
        vault_key: seal::seal(admin.as_str(), key.as_bytes()),
        vault_secret: seal::seal(&key, admin.as_str().as_bytes()),
        sealed_key: seal::seal(new.as_str(), key.as_bytes()),
    }
}

impl Listing {
    /// Whether a link passes the filter (lower-cased once, not per link).
    fn matcher(&self) -> impl Fn(&Link) -> bool {
        let filter = self.filter.as_deref().map(str::trim).unwrap_or_default();
        let filter = filter.to_lowercase();
        move |link| {
            filter.is_empty()
                || link.key.to_lowercase().contains(&filter)
                || link.target_url.to_lowercase().contains(&filter)
        }
    }
}

/// The admin secret of a collection's link: its vault key opened with the
/// collection's secret, then the admin secret with that key.
fn open_admin(secret: &SecretKey, member: &store::collections::Member) -> Option<SecretKey> {
    let key = seal::open(secret.as_str(), &member.sealed_key)?;
    let key = String::from_utf8(key).ok()?;
    let admin = seal::open(&key, member.vault_secret.as_deref()?)?;
    let admin = String::from_utf8(admin).ok()?;
    rocket::request::FromParam::from_param(admin.as_str()).ok()
}
