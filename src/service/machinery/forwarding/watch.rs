//! Keeping the target cache true when links change behind this server's back: by
//! another server on the same database, or by an operator command.

use rocket::Shutdown;

use super::TargetCache;
use crate::db::{Conn, Pool};
use crate::service::store::records;

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
    use crate::service::machinery::forwarding::tests::target;

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
