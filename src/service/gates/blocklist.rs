//! The hosts links may not point to, kept current while serving: the operator's file
//! is looked at every second and re-read when it changed; the built-in list of URL
//! shorteners is switched by `refuse_shorteners`. Creates and edits are refused by
//! it, and a stored link whose host becomes listed stops forwarding, as if disabled.
//!
//! The file is read without ever blocking (opened non-blocking, refused unless it is
//! a regular file, so a FIFO or a device at the path cannot hold a runtime worker),
//! and a file caught being rewritten in place never drops a host: hosts a read adds
//! are in force at once, but a new list replaces the old one (dropping hosts) only
//! when the file was read whole (its size and time unchanged across the read), is not
//! empty, and is the same at two looks in a row. Replacing the file atomically
//! (write another file, then rename it over) is the way to update it.

use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use rocket::Shutdown;

use crate::domain::hosts::HostList;
use crate::domain::target::{self, TargetUrl};
use crate::error::{Error, Result};
use crate::service::machinery::forwarding::TargetCache;
use crate::settings::Blocking;

/// How often the file is looked at: a change is in force within about this long
/// (the promise is 5 s); a change that drops hosts, within about twice this long.
pub const LOOK_EVERY: Duration = Duration::from_secs(1);

/// The largest file read (64 MiB): a bigger one is refused, the last list kept.
const MAX_FILE: u64 = 64 << 20;

/// The lists in force.
pub struct Blocklist {
    settings: Blocking,
    current: RwLock<Arc<HostList>>,
    /// What is known of the file's versions.
    seen: Mutex<Seen>,
}

/// One version of the file: which file it is and when and how long it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    device: u64,
    inode: u64,
    modified: SystemTime,
    changed: (i64, i64),
    len: u64,
}

impl Stamp {
    fn of(meta: &Metadata) -> Stamp {
        Stamp {
            device: meta.dev(),
            inode: meta.ino(),
            modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            changed: (meta.ctime(), meta.ctime_nsec()),
            len: meta.len(),
        }
    }
}

/// The versions of the file the list knows.
#[derive(Debug, Default)]
struct Seen {
    /// The version whose list is in force, whole.
    applied: Option<Stamp>,
    /// A version read whole once, not yet seen again: it may be half-written.
    pending: Option<Stamp>,
}

/// What one read of the file gave.
struct Reading {
    stamp: Stamp,
    text: String,
    /// Nothing changed the file while it was read.
    whole: bool,
}

impl Blocklist {
    /// The lists `settings` name, the file read now; `Err` says why it cannot be.
    pub fn load(settings: &Blocking) -> Result<Blocklist, String> {
        let builtin = match settings.refuse_shorteners {
            true => HostList::shorteners(),
            false => HostList::default(),
        };
        let list = Blocklist {
            settings: settings.clone(),
            current: RwLock::new(Arc::new(builtin)),
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

    fn set(&self, list: HostList) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(list);
    }

    /// Reads the file again if it changed since the last look; whether the list in
    /// force changed. A version read whole, not empty and the same as at the last look
    /// replaces the list; any other read only adds the hosts it names.
    fn reload(&self) -> Result<bool, String> {
        let Some(path) = &self.settings.file else {
            return Ok(false);
        };
        let builtin = match self.settings.refuse_shorteners {
            true => HostList::shorteners(),
            false => HostList::default(),
        };
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let meta = std::fs::metadata(path).map_err(|e| unreadable(path, &e))?;
        if !meta.is_file() {
            return Err(not_regular(path));
        }
        if seen.applied == Some(Stamp::of(&meta)) {
            return Ok(false);
        }
        let read = read_file(path)?;
        let list = HostList::parse(&read.text).with(&builtin);
        let settled = read.whole && seen.pending == Some(read.stamp);
        if settled && !read.text.is_empty() {
            let changed = *self.hosts() != list;
            self.set(list);
            seen.applied = Some(read.stamp);
            seen.pending = None;
            return Ok(changed);
        }
        if read.whole {
            seen.pending = Some(read.stamp);
        }
        let current = self.hosts();
        let more = (*current).clone().with(&list);
        if more == *current {
            return Ok(false);
        }
        self.set(more);
        Ok(true)
    }
}

/// The file's text, read without blocking: opened non-blocking and refused unless a
/// regular file (a FIFO would wait for a writer forever), with its stamps before and
/// after the read compared.
fn read_file(path: &Path) -> Result<Reading, String> {
    let mut file = File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| unreadable(path, &e))?;
    let before = file.metadata().map_err(|e| unreadable(path, &e))?;
    if !before.is_file() {
        return Err(not_regular(path));
    }
    if before.len() > MAX_FILE {
        return Err(format!(
            "the blocklist {} is larger than {} MiB",
            path.display(),
            MAX_FILE >> 20
        ));
    }
    let mut bytes = Vec::with_capacity(before.len() as usize);
    (&mut file)
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    let after = file.metadata().map_err(|e| unreadable(path, &e))?;
    let stamp = Stamp::of(&before);
    let whole = stamp == Stamp::of(&after) && bytes.len() as u64 == stamp.len;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("the blocklist {} is not UTF-8 text", path.display()))?;
    Ok(Reading { stamp, text, whole })
}

fn unreadable(path: &Path, e: &std::io::Error) -> String {
    format!("cannot read the blocklist {}: {e}", path.display())
}

fn not_regular(path: &Path) -> String {
    format!("the blocklist {} is not a regular file", path.display())
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
        // Why the file could not be read last time: said once, not every look.
        let mut failing: Option<String> = None;
        loop {
            rocket::tokio::select! {
                _ = tick.tick() => {}
                _ = &mut shutdown => break,
            }
            match list.reload() {
                // The list is swapped first, then the cache cleared: a lookup vetted
                // by the old list cannot be cached after this (see `TargetCache::insert`).
                Ok(changed) => {
                    if failing.take().is_some() {
                        rocket::warn!("the blocklist can be read again");
                    }
                    if changed {
                        cache.clear();
                    }
                }
                Err(e) if failing.as_ref() != Some(&e) => {
                    rocket::error!("{e}; the last list read stays in force");
                    failing = Some(e);
                }
                Err(_) => {}
            }
        }
    });
}
