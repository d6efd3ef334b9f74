//! Collections: many links behind one more secret URL. Joining one takes a link's
//! admin secret (made with it, or pasted), and the collection can then list every
//! link with its admin URL while no secret is stored in the clear: each link's
//! admin secret is sealed with a key of its own (its vault), and that key is sealed
//! with the collection's secret (`domain::seal`).

use time::Date;

use super::links::Links;
use super::machinery::history::{DayClicks, History};
use super::owner::Owner;
use super::store::{self, collections::Collection, Link};
use crate::domain::clock::{day, stamp};
use crate::domain::collection::{CollectionName, Sort, PAGE_SIZE};
use crate::domain::keys::SecretKey;
use crate::domain::seal;
use crate::domain::window::Window;
use crate::error::{Error, Result};

/// How a collection's list is shown: its order, an optional text filter, and which
/// page of it.
#[derive(Debug, Clone)]
pub struct Listing {
    pub sort: Sort,
    /// Only links whose key or target contains this, in any case.
    pub filter: Option<String>,
    /// From 1.
    pub page: u32,
}

impl Default for Listing {
    fn default() -> Listing {
        Listing {
            sort: Sort::default(),
            filter: None,
            page: 1,
        }
    }
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

/// A collection with one page of its links (those `Listing` shows), totals over all
/// of them, and one chart of clicks per day.
#[derive(Debug)]
pub struct CollectionView {
    pub collection: Collection,
    pub links: Vec<Member>,
    /// How many links it has, shown or not.
    pub count: usize,
    /// How many links the filter matches (all of them without one).
    pub matching: usize,
    /// The page shown, and how many pages the matching links fill (at least 1).
    pub page: u32,
    pub pages: u32,
    /// Clicks of all its links, pending ones included.
    pub clicks: i64,
    /// Clicks per UTC day over the window, all links together, oldest first.
    pub history: Vec<DayClicks>,
    pub window: Window,
}

/// What one read of a collection gathers before the pending clicks are added: the
/// collection, the page's links, every link's id and clicks, how many match, and the
/// clicks per day.
struct Read {
    collection: Collection,
    page: Vec<store::collections::Member>,
    totals: Vec<(i64, i64)>,
    matching: i64,
    history: History,
}

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

    /// The collection behind `secret`, the page of its links `listing` asks for, and
    /// `window` days of clicks per day over all of them.
    pub async fn collection(
        &self,
        secret: &SecretKey,
        window: Window,
        listing: &Listing,
    ) -> Result<CollectionView> {
        let now = self.clock.now();
        let since = window.since(now.date());
        let read = self
            .clicks
            .with_pending(
                || self.read_collection(secret, since, listing),
                |read, pending| {
                    for member in read.page.iter_mut() {
                        if let Some(pending) = pending.get(&member.link.id) {
                            pending.add_to(&mut member.link);
                        }
                    }
                    for (id, clicks) in read.totals.iter_mut() {
                        if let Some(pending) = pending.get(id) {
                            pending.add_to_history(&mut read.history, since);
                            *clicks += pending.total;
                        }
                    }
                },
            )
            .await?;
        let clicks = read.totals.iter().map(|(_, clicks)| clicks).sum();
        let matching = usize::try_from(read.matching).unwrap_or_default();
        let per_page = PAGE_SIZE as usize;
        let links = read
            .page
            .into_iter()
            .map(|m| Member {
                admin: open_admin(secret, &m),
                is_expired: m.link.is_expired(now),
                link: self.vet(m.link),
            })
            .collect();
        Ok(CollectionView {
            collection: read.collection,
            links,
            count: read.totals.len(),
            matching,
            page: listing.page,
            pages: u32::try_from(matching.div_ceil(per_page).max(1)).unwrap_or(u32::MAX),
            clicks,
            history: read.history.history(window, now.date()),
            window,
        })
    }

    /// The collection, one page of its links, its totals and its clicks per day from
    /// `since`, as written.
    async fn read_collection(
        &self,
        secret: &SecretKey,
        since: Date,
        listing: &Listing,
    ) -> Result<Read> {
        let mut conn = self.pool.acquire().await?;
        let collection = store::collections::find(&mut conn, secret).await?;
        let filter = listing.filter.as_deref().unwrap_or_default();
        let offset = u64::from(listing.page.saturating_sub(1)) * u64::from(PAGE_SIZE);
        let cut = (PAGE_SIZE, offset);
        let page =
            store::collections::page(&mut conn, collection.id, filter, listing.sort, cut).await?;
        let matching = store::collections::matching(&mut conn, collection.id, filter).await?;
        let totals = store::collections::totals(&mut conn, collection.id).await?;
        let days = store::collections::days(&mut conn, collection.id, &day(since)).await?;
        let history = History {
            days: days.into_iter().collect(),
            ..History::default()
        };
        Ok(Read {
            collection,
            page,
            totals,
            matching,
            history,
        })
    }

    /// `limit` of the collection's links from `offset` on, in `listing`'s order and
    /// filter, with their pending clicks: the CSV file, read a part at a time.
    pub async fn collection_rows(
        &self,
        secret: &SecretKey,
        listing: &Listing,
        (limit, offset): (u32, u64),
    ) -> Result<Vec<Member>> {
        let now = self.clock.now();
        let filter = listing.filter.as_deref().unwrap_or_default();
        let read = || async move {
            let mut conn = self.pool.acquire().await?;
            let collection = store::collections::find(&mut conn, secret).await?;
            let cut = (limit, offset);
            store::collections::page(&mut conn, collection.id, filter, listing.sort, cut).await
        };
        let rows = self
            .clicks
            .with_pending(read, |rows, pending| {
                for member in rows.iter_mut() {
                    if let Some(pending) = pending.get(&member.link.id) {
                        pending.add_to(&mut member.link);
                    }
                }
            })
            .await?;
        Ok(rows
            .into_iter()
            .map(|m| Member {
                admin: open_admin(secret, &m),
                is_expired: m.link.is_expired(now),
                link: self.vet(m.link),
            })
            .collect())
    }

    /// The collection behind `secret`, checked before a link is made in it:
    /// `Unknown` (on the `collection` field) when there is none.
    pub(super) async fn collection_for_create(&self, secret: &SecretKey) -> Result<Collection> {
        let mut conn = self.pool.acquire().await?;
        let collection = store::collections::find(&mut conn, secret)
            .await
            .map_err(|error| match error {
                Error::NotFound => Error::Unknown {
                    field: "collection",
                    message: crate::i18n::Text::new("error-no-collection"),
                },
                other => other,
            })?;
        self.room_in(&mut conn, &collection).await?;
        Ok(collection)
    }

    /// `Locked` (409) when `collection` holds `collection_max_links` links already.
    async fn room_in(&self, db: &mut crate::db::Conn, collection: &Collection) -> Result<()> {
        let max = self.collection_max_links;
        if store::collections::size(db, collection.id).await? >= max {
            return Err(Error::Locked(
                crate::i18n::Text::new("error-collection-full").with("max", max),
            ));
        }
        Ok(())
    }

    /// Adds the link whose admin secret is `admin` to the collection behind `secret`
    /// (pasting the admin URL proves the link is the owner's). `Unproven` (on the
    /// `admin_url` field, 403) when no active link has that secret.
    pub async fn join(&self, secret: &SecretKey, admin: &SecretKey) -> Result<Link> {
        let mut conn = self.pool.acquire().await?;
        let collection = store::collections::find(&mut conn, secret).await?;
        self.allow(Owner::Collection(collection.id))?;
        self.room_in(&mut conn, &collection).await?;
        drop(conn);
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

/// The admin secret of a collection's link: its vault key opened with the
/// collection's secret, then the admin secret with that key.
fn open_admin(secret: &SecretKey, member: &store::collections::Member) -> Option<SecretKey> {
    let key = seal::open(secret.as_str(), &member.sealed_key)?;
    let key = String::from_utf8(key).ok()?;
    let admin = seal::open(&key, member.vault_secret.as_deref()?)?;
    let admin = String::from_utf8(admin).ok()?;
    SecretKey::from_path(&admin).ok()
}
