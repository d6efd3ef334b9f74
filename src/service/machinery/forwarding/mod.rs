//! Key → where an active link forwards, in memory, so a redirect needs no database
//! work. Bounded (random eviction) so memory stays flat whatever the number of links;
//! kept true across instances by following the change log (`watch`).

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Arc, RwLock};

use prometheus::IntCounter;
use time::OffsetDateTime;

use crate::domain::preview::Preview;
use crate::domain::smart::Smart;
use crate::error::Result;
use crate::service::store::Link;

mod watch;

pub use watch::watch;

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
    /// When it goes live, if it was not live from the start (with the stamp to tell
    /// visitors); checked only on links that have one.
    pub starts_at: Option<(OffsetDateTime, Arc<str>)>,
    /// Has `max_clicks`: each click is counted (and allowed) by the database.
    pub limited: bool,
    /// Needs a password.
    pub protected: bool,
    /// Why it does not forward: disabled by the operator, or its host blocked.
    pub disabled: Option<Arc<str>>,
    /// The visitor's query string is added to `url`.
    pub forward_query: bool,
    /// Rules and a split (`None` for plain links, which never look further).
    pub smart: Option<Arc<Smart>>,
    /// Where it sends visitors once expired or used up, instead of the 410.
    pub expired_url: Option<Arc<str>>,
    /// Known link scanners get the Continue page, uncounted.
    pub humans_only: bool,
    /// What that page shows link previewers, if the owner wrote one.
    pub preview: Option<Arc<Preview>>,
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
            starts_at: link.starts_at.as_deref().and_then(|stamp| {
                let at = crate::domain::clock::parse(stamp)?;
                Some((at, Arc::from(stamp)))
            }),
            limited: link.max_clicks.is_some(),
            protected: link.password_hash.is_some(),
            disabled: link.disabled_reason.map(Arc::from),
            forward_query: link.forward_query,
            smart: link
                .smart
                .as_deref()
                .map(|s| Arc::new(Smart::from_stored(Some(s))))
                .filter(|s| !s.is_empty()),
            expired_url: link.expired_url.map(Arc::from),
            humans_only: link.humans_only,
            preview: Preview::from_stored(link.preview.as_deref()).map(Arc::new),
        }
    }

    /// `NotYet` before the start time at `now`.
    pub fn live(&self, now: OffsetDateTime) -> Result<()> {
        match &self.starts_at {
            Some((at, stamp)) if *at > now => Err(crate::error::Error::NotYet(stamp.to_string())),
            _ => Ok(()),
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
    pub(super) fn get(&self, key: &str) -> Result<Forwarding, u64> {
        let shard = self.shard(key).read().unwrap_or_else(|e| e.into_inner());
        shard.targets.get(key).cloned().ok_or(shard.generation)
    }

    /// Caches `target` unless `key` was removed since `generation` was read.
    pub(super) fn insert(&self, key: &str, target: Forwarding, generation: u64) {
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
    pub(super) fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.read().unwrap_or_else(|e| e.into_inner()).targets.len())
            .sum()
    }

    /// Whether nothing is cached.
    #[cfg(test)]
    pub(super) fn is_empty(&self) -> bool {
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

    /// Where an active link goes, from memory (counted as a hit); or the miss
    /// (counted), which `remember` takes back with what the database said.
    pub fn lookup(&self, key: &str) -> Result<Forwarding, Miss> {
        match self.get(key) {
            Ok(target) => {
                if let Some((hits, _)) = &self.counters {
                    hits.inc();
                }
                Ok(target)
            }
            Err(generation) => {
                if let Some((_, misses)) = &self.counters {
                    misses.inc();
                }
                Err(Miss(generation))
            }
        }
    }

    /// Remembers `target`, read (and vetted) after `miss`, unless the key was
    /// forgotten meanwhile (an edit's removal wins over an older read).
    pub fn remember(&self, key: &str, target: Forwarding, miss: Miss) {
        self.insert(key, target, miss.0);
    }
}

/// A key not in memory, and the cache's generation when that was seen.
pub struct Miss(u64);

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(super) fn target(url: &str) -> Forwarding {
        Forwarding {
            id: 1,
            url: url.into(),
            expires_at: None,
            starts_at: None,
            limited: false,
            protected: false,
            disabled: None,
            forward_query: false,
            smart: None,
            expired_url: None,
            humans_only: false,
            preview: None,
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
}
