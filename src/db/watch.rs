//! The SQLite file under a running server: still there, still the same file, still
//! writable. Open connections go on working when the file is deleted (into a file
//! nobody can open again) or made read-only (until the pool opens a new connection),
//! so writes that seem to succeed could be lost with the next restart. While the file
//! is not fit to write, every connection is `query_only`: writes fail at once, as a
//! clear 503, and clicks wait in memory; reads and redirects go on.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What is wrong with the database file, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Deleted (or moved away) while serving.
    Missing,
    /// Another file is at the path now: a restart opens it; this server cannot.
    Replaced,
    /// The file or its directory cannot be written by this process.
    ReadOnly,
}

impl Fault {
    /// The operator's reading of the fault, for the log and `/health`.
    pub fn describe(self) -> &'static str {
        match self {
            Fault::Missing => {
                "the database file was deleted while serving: writes are refused; put it \
                 back or restart the server (a restart starts an empty database)"
            }
            Fault::Replaced => {
                "the database file was replaced while serving: writes are refused until \
                 the server is restarted on the new file"
            }
            Fault::ReadOnly => {
                "the database file or its directory is read-only: writes are refused \
                 until it is writable again"
            }
        }
    }

    fn code(self) -> u8 {
        match self {
            Fault::Missing => 1,
            Fault::Replaced => 2,
            Fault::ReadOnly => 3,
        }
    }

    fn from_code(code: u8) -> Option<Fault> {
        match code {
            1 => Some(Fault::Missing),
            2 => Some(Fault::Replaced),
            3 => Some(Fault::ReadOnly),
            _ => None,
        }
    }
}

/// The file a pool was opened on, and what was last found there.
pub struct FileWatch {
    path: PathBuf,
    /// Device and inode of the file the connections have open.
    identity: Option<(u64, u64)>,
    /// `Fault::code`, 0 when the file is fine.
    fault: AtomicU8,
    /// Nanoseconds from `epoch` to the last recovery: connections older than that may
    /// still be `query_only`, and are replaced rather than reused.
    recovered: AtomicU64,
    epoch: Instant,
    /// Serialises looks, so each change of state is logged once.
    looking: Mutex<()>,
}

/// How often the server looks at its file.
pub const LOOK_EVERY: Duration = Duration::from_secs(1);

impl FileWatch {
    /// Watches `path`, the file the pool is about to open (it exists by then).
    pub fn new(path: &Path) -> FileWatch {
        FileWatch {
            path: path.to_owned(),
            identity: identity(path),
            fault: AtomicU8::new(0),
            recovered: AtomicU64::new(0),
            epoch: Instant::now(),
            looking: Mutex::new(()),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What was wrong at the last look (`None`: nothing).
    pub fn fault(&self) -> Option<Fault> {
        Fault::from_code(self.fault.load(Ordering::Relaxed))
    }

    /// Looks at the file now, records what it finds, and logs a change at the default
    /// level: the fault with what to do, or that writing works again.
    pub fn look(&self) -> Option<Fault> {
        let _one = self.looking.lock().unwrap_or_else(|e| e.into_inner());
        let found = self.examine();
        let code = found.map_or(0, Fault::code);
        let before = self.fault.swap(code, Ordering::SeqCst);
        if before != code {
            match found {
                Some(fault) => rocket::error!("{}: {}", self.path.display(), fault.describe()),
                None => {
                    self.recovered
                        .store(self.epoch.elapsed().as_nanos() as u64, Ordering::SeqCst);
                    rocket::warn!(
                        "{}: the database file is writable again; writes resume",
                        self.path.display()
                    );
                }
            }
        }
        found
    }

    fn examine(&self) -> Option<Fault> {
        let Some(now) = identity(&self.path) else {
            return Some(Fault::Missing);
        };
        if self.identity.is_some_and(|at_start| at_start != now) {
            return Some(Fault::Replaced);
        }
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let writable = crate::kernel::writable;
        (!writable(&self.path) || !writable(dir)).then_some(Fault::ReadOnly)
    }

    /// Whether a connection opened `age` ago predates the last recovery, so may still
    /// be `query_only`.
    pub fn predates_recovery(&self, age: Duration) -> bool {
        let recovered = self.recovered.load(Ordering::Relaxed);
        if recovered == 0 {
            return false;
        }
        let opened = self.epoch.elapsed().saturating_sub(age);
        (opened.as_nanos() as u64) < recovered
    }
}

/// Looks at `pool`'s file every `LOOK_EVERY` until `shutdown`, so a fault is logged
/// and writes refused within a second (nothing to do for PostgreSQL or in memory).
pub fn keep_looking(pool: super::Pool, mut shutdown: rocket::Shutdown) {
    if pool.watch().is_none() {
        return;
    }
    rocket::tokio::spawn(async move {
        let mut tick = rocket::tokio::time::interval(LOOK_EVERY);
        loop {
            rocket::tokio::select! {
                _ = tick.tick() => {}
                _ = &mut shutdown => break,
            }
            if let Some(watch) = pool.watch() {
                watch.look();
            }
        }
    });
}

fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deleted_file_is_missing_and_one_moved_back_is_fine_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("db");
        std::fs::write(&file, "x").unwrap();
        let watch = FileWatch::new(&file);
        assert_eq!(watch.look(), None);
        std::fs::rename(&file, dir.path().join("away")).unwrap();
        assert_eq!(watch.look(), Some(Fault::Missing));
        assert_eq!(watch.fault(), Some(Fault::Missing));
        std::fs::rename(dir.path().join("away"), &file).unwrap();
        assert_eq!(watch.look(), None);
        assert!(watch.predates_recovery(Duration::from_secs(3600)));
        assert!(!watch.predates_recovery(Duration::ZERO));
    }

    #[test]
    fn another_file_at_the_path_is_a_replacement() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("db");
        std::fs::write(&file, "x").unwrap();
        let watch = FileWatch::new(&file);
        // The old file is kept elsewhere, so the new one cannot reuse its inode.
        std::fs::rename(&file, dir.path().join("old")).unwrap();
        std::fs::write(&file, "y").unwrap();
        assert_eq!(watch.look(), Some(Fault::Replaced));
    }
}
