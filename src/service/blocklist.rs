//! The hosts links may not point to, kept current while serving: the operator's file
//! is looked at every second and re-read when it changed; the built-in list of URL
//! shorteners is switched by `refuse_shorteners`. Creates and edits are refused by
//! it, and a stored link whose host becomes listed stops forwarding, as if disabled.

use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use rocket::Shutdown;

use super::forwarding::TargetCache;
use crate::domain::hosts::HostList;
use crate::domain::target::{self, TargetUrl};
use crate::error::{Error, Result};
use crate::settings::Blocking;

/// How often the file is looked at: a change is in force within about this long
/// (the promise is 5 s).
pub const LOOK_EVERY: Duration = Duration::from_secs(1);

/// The lists in force.
pub struct Blocklist {
    settings: Blocking,
    current: RwLock<Arc<HostList>>,
    /// The file's modification time and length when it was last read.
    seen: Mutex<Option<(SystemTime, u64)>>,
}

impl Blocklist {
    /// The lists `settings` name, the file read now; `Err` says why it cannot be.
    pub fn load(settings: &Blocking) -> Result<Blocklist, String> {
        let list = Blocklist {
            settings: settings.clone(),
            current: RwLock::default(),
            seen: Mutex::default(),
        };
        list.reload()?;
        Ok(list)
    }

    /// `Blocked` when `target`'s host is listed: creates and edits go through this.
    pub fn refuse(&self, target: &TargetUrl) -> Result<()> {
        let host = target.host();
        match self.hosts().blocks(&host) {
            true => Err(Error::Blocked(host)),
            false => Ok(()),
        }
    }

    /// `refuse` for a URL already checked as a target (a rule's, a variant's).
    pub fn refuse_url(&self, url: &str) -> Result<()> {
        match self.reason_for(url) {
            Some(_) => Err(Error::Blocked(target::host_of(url).unwrap_or_default())),
            None => Ok(()),
        }
    }

    /// Why a stored link to `url` must not forward (`None`: it may).
    pub fn reason_for(&self, url: &str) -> Option<String> {
        let host = target::host_of(url)?;
        self.hosts()
            .blocks(&host)
            .then(|| Error::Blocked(host).to_string())
    }

    fn hosts(&self) -> Arc<HostList> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Reads the file again if it changed since the last read; whether it did.
    fn reload(&self) -> Result<bool, String> {
        let builtin = match self.settings.refuse_shorteners {
            true => HostList::shorteners(),
            false => HostList::default(),
        };
        let Some(path) = &self.settings.file else {
            *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(builtin);
            return Ok(false);
        };
        let stamp = file_stamp(path)?;
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if *seen == Some(stamp) {
            return Ok(false);
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the blocklist {}: {e}", path.display()))?;
        let list = HostList::parse(&text).with(&builtin);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(list);
        *seen = Some(stamp);
        Ok(true)
    }
}

fn file_stamp(path: &Path) -> Result<(SystemTime, u64), String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("cannot read the blocklist {}: {e}", path.display()))?;
    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    Ok((modified, meta.len()))
}

/// Every `LOOK_EVERY` until `shutdown`, re-reads a changed file and then forgets every
/// cached target, so stored links to newly listed hosts stop forwarding (and those
/// taken off forward again). A file that cannot be read keeps the last list in force.
pub fn watch(list: Arc<Blocklist>, cache: TargetCache, mut shutdown: Shutdown) {
    if list.settings.file.is_none() {
        return;
    }
    rocket::tokio::spawn(async move {
        let mut tick = rocket::tokio::time::interval(LOOK_EVERY);
        loop {
            rocket::tokio::select! {
                _ = tick.tick() => {}
                _ = &mut shutdown => break,
            }
            match list.reload() {
                // The list is swapped first, then the cache cleared: a lookup vetted
                // by the old list cannot be cached after this (see `TargetCache::insert`).
                Ok(true) => cache.clear(),
                Ok(false) => {}
                Err(e) => rocket::warn!("{e}; the last list read stays in force"),
            }
        }
    });
}
