//! Key → where an active link forwards, in memory, so a redirect needs no database
//! work. Bounded (random eviction) so memory stays flat whatever the number of links;
//! kept true across instances by following the change log (`watch`).

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Arc, RwLock};

use prometheus::IntCounter;
use rocket::Shutdown;
use time::OffsetDateTime;

use super::store::{self, records, Link};
use crate::db::{Conn, Pool};
use crate::domain::keys::ShortKey;
use crate::error::Result;

const SHARDS: usize = 16;

/// The cache; `capacity` 0 turns it off. Clones share the same entries.
#[derive(Clone)]
pub struct TargetCache {
    shards: Arc<[RwLock<Shard>]>,
    hasher: RandomState,
    per_shard: usize,
    /// Hits and misses, for `/metrics`.
    counters: Option<(IntCounter, IntCounter)>,
}

/// What a redirect needs: the row to count the click on, where to send the visitor,
/// and the rules that may stop it.
#[derive(Debug, Clone)]
pub struct Forwarding {
    pub id: i64,
    pub url: Arc<str>,
    pub expires_at: Option<OffsetDateTime>,
    /// Has `max_clicks`: each click is counted (and allowed) by the database.
    pub limited: bool,
    /// Needs a password.
    pub protected: bool,
}

impl Forwarding {
    /// The forwarding facts of a stored link.
    pub fn of(link: Link) -> Forwarding {
        Forwarding {
            id: link.id,
            url: link.target_url.into(),
            expires_at: link
                .expires_at
                .as_deref()
                .and_then(crate::domain::clock::parse),
            limited: link.max_clicks.is_some(),
            protected: link.protected,
        }
    }

    /// Whether the expiry time has passed at `now`.
    pub fn expired(&self, now: OffsetDateTime) -> bool {
        self.expires_at.is_some_and(|at| at <= now)
    }
}

#[derive(Default)]
struct Shard {
    targets: HashMap<Box<str>, Forwarding>,
    /// Bumped by every removal, so a lookup that raced with a delete never
    /// puts the deleted link back.
    generation: u64,
}

impl TargetCache {
    /// A cache holding about `capacity` links.
    pub fn new(capacity: usize) -> TargetCache {
        TargetCache {
            shards: (0..SHARDS)
                .map(|_| RwLock::default())
                .collect::<Vec<_>>()
                .into(),
            hasher: RandomState::new(),
            per_shard: capacity.div_ceil(SHARDS),
            counters: None,
        }
    }

    /// Counts hits and misses on these counters.
    pub fn counting(self, hits: IntCounter, misses: IntCounter) -> TargetCache {
        TargetCache {
            counters: Some((hits, misses)),
            ..self
        }
    }

    fn shard(&self, key: &str) -> &RwLock<Shard> {
        &self.shards[self.hasher.hash_one(key) as usize % SHARDS]
    }

    /// The cached target, or the shard's generation to hand back to `insert`.
    fn get(&self, key: &str) -> Result<Forwarding, u64> {
        let shard = self.shard(key).read().unwrap_or_else(|e| e.into_inner());
        shard.targets.get(key).cloned().ok_or(shard.generation)
    }

    /// Caches `target` unless `key` was removed since `generation` was read.
    fn insert(&self, key: &str, target: Forwarding, generation: u64) {
        if self.per_shard == 0 {
            return;
        }
        let mut shard = self.shard(key).write().unwrap_or_else(|e| e.into_inner());
        if shard.generation != generation {
            return;
        }
        if shard.targets.len() >= self.per_shard {
            // Random eviction: the first key in hash order is as good as any.
            if let Some(victim) = shard.targets.keys().next().cloned() {
                shard.targets.remove(&victim);
            }
        }
        shard.targets.insert(key.into(), target);
    }

    /// Forgets `key`: call it whenever a link stops forwarding or changes target.
    pub fn remove(&self, key: &str) {
        let mut shard = self.shard(key).write().unwrap_or_else(|e| e.into_inner());
        shard.generation += 1;
        shard.targets.remove(key);
    }

    /// Forgets every link, as if each were removed: for changes made behind the
    /// server's back that name no one link (`import`; see `watch`).
    pub fn clear(&self) {
        for shard in self.shards.iter() {
            let mut shard = shard.write().unwrap_or_else(|e| e.into_inner());
            shard.generation += 1;
            shard.targets.clear();
        }
    }

    /// Links cached now.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.read().unwrap_or_else(|e| e.into_inner()).targets.len())
            .sum()
    }

    /// Whether nothing is cached.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where an active link goes, if it is in memory (counted as a hit); `None`, with
    /// nothing counted, when it is not. No await, so the redirect's future stays small.
    pub fn cached(&self, key: &str) -> Option<Forwarding> {
        let target = self.get(key).ok()?;
        if let Some((hits, _)) = &self.counters {
            hits.inc();
        }
        Some(target)
    }

    /// Where an active link goes: from memory, else from the database (then remembered).
    pub async fn forwarding(&self, pool: &Pool, key: &ShortKey) -> Result<Forwarding> {
        let generation = match self.get(key.as_str()) {
            Ok(target) => {
                if let Some((hits, _)) = &self.counters {
                    hits.inc();
                }
                return Ok(target);
            }
            Err(generation) => generation,
        };
        if let Some((_, misses)) = &self.counters {
            misses.inc();
        }
        let mut conn = pool.acquire().await?;
        let target = Forwarding::of(store::find(&mut conn, key).await?);
        self.insert(key.as_str(), target.clone(), generation);
        Ok(target)
    }
}

/// How often the server looks for changes made behind its back: by another server on
/// the same database, or by an operator command. Well under the promised second.
pub const WATCH_EVERY: std::time::Duration = std::time::Duration::from_millis(200);

/// Every `WATCH_EVERY`, reads the change log (`cache_change`) past the last row seen
/// and forgets just the keys it names: edits, deletes and `links delete`/`restore`
/// log their link, `import` logs "every link". One tiny indexed query, instead of any
/// on the redirect path, and one owner's edit costs the other servers one entry, not
/// their whole cache. PostgreSQL's LISTEN/NOTIFY would push the same news, but SQLite
/// has nothing like it, and one mechanism for both keeps a second instance on a
/// shared SQLite file correct too.
///
/// The first look is awaited here, and the caller awaits this before the server takes
/// its first request, so clearing the cache then cannot drop a target a visit has
/// just cached; the rest runs in the background until `shutdown`.
pub async fn watch(pool: Pool, cache: TargetCache, mut shutdown: Shutdown) {
    let mut follower = Follower::default();
    if let Ok(mut conn) = pool.acquire().await {
        let _ = follower.follow(&mut conn, &cache).await;
    }
    rocket::tokio::spawn(async move {
        let mut tick = rocket::tokio::time::interval(WATCH_EVERY);
        loop {
            rocket::tokio::select! {
                _ = tick.tick() => {}
                _ = &mut shutdown => break,
            }
            let Ok(mut conn) = pool.acquire().await else {
                continue;
            };
            let _ = follower.follow(&mut conn, &cache).await;
        }
    });
}

/// Where a server is in the change log.
#[derive(Debug, Default)]
struct Follower {
    /// The last row applied; `None` before the first look.
    last: Option<i64>,
}

impl Follower {
    /// Reads the log once and applies what is new to `cache`.
    async fn follow(&mut self, db: &mut Conn, cache: &TargetCache) -> Result<(), sqlx::Error> {
        let Some(last) = self.last else {
            // Start at the end; anything cached before this look may predate a change.
            self.last = Some(records::last_change(db).await?);
            cache.clear();
            return Ok(());
        };
        let changes = records::changes_from(db, last).await?;
        if changes.is_empty() {
            // Not even the last row seen: the log may have been reset (its ids
            // started again below ours), which `apply` alone would never notice.
            let newest = records::last_change(db).await?;
            self.restart_if_behind(cache, newest);
            return Ok(());
        }
        self.apply(cache, &changes);
        Ok(())
    }

    /// When the log's newest id is below the last row applied, the log was reset
    /// while this server ran: every change since is unknown, so everything is
    /// forgotten and reading starts again at `newest`.
    fn restart_if_behind(&mut self, cache: &TargetCache, newest: i64) {
        if self.last.is_some_and(|last| newest < last) {
            cache.clear();
            self.last = Some(newest);
        }
    }

    /// Forgets the keys of `changes` (the last row seen first, then the newer ones).
    /// When that row is gone (pruned while this server was behind), some change may be
    /// lost: everything is forgotten instead.
    fn apply(&mut self, cache: &TargetCache, changes: &[records::Change]) {
        let Some(((first, _), newer)) = changes.split_first() else {
            return;
        };
        if Some(*first) != self.last {
            cache.clear();
            self.last = changes.last().map(|(id, _)| *id);
            return;
        }
        for (id, key) in newer {
            match key {
                Some(key) => cache.remove(key),
                None => cache.clear(),
            }
            self.last = Some(*id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: &str) -> Forwarding {
        Forwarding {
            id: 1,
            url: url.into(),
            expires_at: None,
            limited: false,
            protected: false,
        }
    }

    #[test]
    fn cached_targets_come_back_until_removed() {
        let cache = TargetCache::new(100);
        let generation = cache.get("abc").unwrap_err();

        cache.insert("abc", target("https://a.example/"), generation);

        assert_eq!(&*cache.get("abc").unwrap().url, "https://a.example/");
        cache.remove("abc");
        assert!(cache.get("abc").is_err());
    }

    #[test]
    fn a_lookup_that_raced_with_a_removal_is_not_cached() {
        let cache = TargetCache::new(100);
        let generation = cache.get("abc").unwrap_err();

        cache.remove("abc");
        cache.insert("abc", target("https://stale.example/"), generation);

        assert!(cache.get("abc").is_err());
    }

    #[test]
    fn the_cache_stays_within_its_capacity() {
        let cache = TargetCache::new(160);

        for i in 0..10_000 {
            let key = format!("k{i}");
            let generation = cache.get(&key).unwrap_err();
            cache.insert(&key, target("https://a.example/"), generation);
        }

        assert!(cache.len() <= 160, "{}", cache.len());
        assert!(cache.len() >= 100);
    }

    #[test]
    fn a_zero_capacity_caches_nothing() {
        let cache = TargetCache::new(0);
        let generation = cache.get("abc").unwrap_err();

        cache.insert("abc", target("https://a.example/"), generation);

        assert!(cache.is_empty());
    }

    fn cache_of(keys: &[&str]) -> TargetCache {
        let cache = TargetCache::new(100);
        for key in keys {
            let generation = cache.get(key).unwrap_err();
            cache.insert(key, target("https://a.example/"), generation);
        }
        cache
    }

    #[test]
    fn a_logged_change_forgets_only_its_own_key() {
        let cache = cache_of(&["aaa", "bbb"]);
        let mut follower = Follower { last: Some(7) };

        follower.apply(&cache, &[(7, None), (8, Some("aaa".into()))]);

        assert!(cache.get("aaa").is_err());
        assert!(cache.get("bbb").is_ok());
        assert_eq!(follower.last, Some(8));
        follower.apply(&cache, &[(8, Some("aaa".into()))]);
        assert!(cache.get("bbb").is_ok(), "a row is applied once");
    }

    #[test]
    fn a_change_for_every_link_forgets_everything() {
        let cache = cache_of(&["aaa", "bbb"]);
        let mut follower = Follower { last: Some(7) };

        follower.apply(&cache, &[(7, Some("x".into())), (9, None)]);

        assert!(cache.is_empty());
        assert_eq!(follower.last, Some(9));
    }

    #[test]
    fn a_follower_whose_last_row_was_pruned_forgets_everything() {
        let cache = cache_of(&["aaa", "bbb"]);
        let mut follower = Follower { last: Some(7) };

        follower.apply(
            &cache,
            &[(1500, Some("zzz".into())), (1501, Some("yyy".into()))],
        );

        assert!(cache.is_empty());
        assert_eq!(follower.last, Some(1501));
    }

    #[test]
    fn a_change_log_reset_below_the_last_row_forgets_everything_and_restarts() {
        let cache = cache_of(&["aaa", "bbb"]);
        let mut follower = Follower { last: Some(700) };

        follower.restart_if_behind(&cache, 700);
        assert_eq!(cache.len(), 2, "the log is where it was: nothing to do");
        follower.restart_if_behind(&cache, 3);

        assert!(cache.is_empty());
        assert_eq!(follower.last, Some(3));
        let cache = cache_of(&["aaa", "bbb"]);
        follower.apply(&cache, &[(3, None), (4, Some("aaa".into()))]);
        assert!(
            cache.get("aaa").is_err(),
            "changes after the reset are applied"
        );
        assert!(cache.get("bbb").is_ok());
    }
}
