//! Scheduled backups of the SQLite database (`backup.dir`): a copy every `every`, by
//! the same `VACUUM INTO` as `shortener backup`, on one connection of the pool while
//! the server keeps serving. Files are named by their UTC time
//! (`shortener-20261207T120000Z.db`), created owner-only, and only the newest `keep`
//! of the files so named are kept. A failure is a warning in the log and a count in
//! `/metrics`, never a stop: redirects do not depend on it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rocket::Shutdown;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use super::store;
use crate::db::Pool;
use crate::metrics::Metrics;
use crate::settings::Backups;

/// A backup's name: `PREFIX`, the time as `STAMP`, `SUFFIX`.
const PREFIX: &str = "shortener-";
const SUFFIX: &str = ".db";
const STAMP: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// Starts the schedule, until `shutdown`. On PostgreSQL it says, once, that the
/// setting does nothing there: `VACUUM INTO` is SQLite's, and `pg_dump` is the tool.
pub fn schedule(pool: Pool, backups: Backups, metrics: Arc<Metrics>, shutdown: Shutdown) {
    if pool.is_postgres() {
        rocket::warn!(
            "backup.dir is set, but scheduled backups are for SQLite only; on PostgreSQL \
             the setting is ignored: back up with pg_dump"
        );
        return;
    }
    rocket::tokio::spawn(run(pool, backups, metrics, shutdown));
}

/// Backs up whenever one is due: `every` after the newest backup already in the
/// directory (so restarts do not put the schedule off), at once when there is none.
async fn run(pool: Pool, backups: Backups, metrics: Arc<Metrics>, mut shutdown: Shutdown) {
    let mut wait = first_wait(&backups, OffsetDateTime::now_utc());
    loop {
        rocket::tokio::select! {
            _ = rocket::tokio::time::sleep(wait) => {}
            _ = &mut shutdown => break,
        }
        let now = OffsetDateTime::now_utc();
        match back_up(&pool, &backups, now).await {
            Ok(path) => {
                metrics.backups.inc();
                metrics.last_backup.set(now.unix_timestamp() as f64);
                rocket::info!("backed up the database to {}", path.display());
            }
            Err(e) => {
                metrics.backups_failed.inc();
                rocket::warn!("scheduled backup failed: {e}");
            }
        }
        wait = backups.every;
    }
}

/// How long until the first backup is due, at `now`.
fn first_wait(backups: &Backups, now: OffsetDateTime) -> Duration {
    let newest = names(&backups.dir)
        .ok()
        .and_then(|names| names.last().and_then(|name| taken_at(name)));
    let Some(newest) = newest else {
        return Duration::ZERO;
    };
    let since = (now - newest).max(time::Duration::ZERO);
    backups.every.saturating_sub(since.unsigned_abs())
}

/// One backup at `now`, then the oldest beyond `keep` removed; the new file's path.
async fn back_up(pool: &Pool, backups: &Backups, now: OffsetDateTime) -> Result<PathBuf, String> {
    let stamp = now.format(STAMP).map_err(|e| e.to_string())?;
    let path = backups.dir.join(format!("{PREFIX}{stamp}{SUFFIX}"));
    let plain = plain_path(&path)?;
    crate::db::files::create_new(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let copied = async {
        let mut conn = pool.acquire().await.map_err(|e| e.to_string())?;
        store::backup_into(&mut conn, &plain).await
    };
    if let Err(e) = copied.await {
        let _ = std::fs::remove_file(&path);
        return Err(format!("copying into {} failed: {e}", path.display()));
    }
    prune(&backups.dir, backups.keep)
        .map_err(|e| format!("the new backup is written, removing old ones failed: {e}"))?;
    Ok(path)
}

/// Removes the oldest backups in `dir` beyond the newest `keep`; files not named as
/// backups are never touched.
fn prune(dir: &Path, keep: usize) -> std::io::Result<()> {
    let names = names(dir)?;
    let excess = names.len().saturating_sub(keep);
    for name in &names[..excess] {
        std::fs::remove_file(dir.join(name))?;
    }
    Ok(())
}

/// The backups in `dir` (regular files named as backups), oldest first.
fn names(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        if let Some(name) = entry.file_name().to_str() {
            if taken_at(name).is_some() {
                names.push(name.to_owned());
            }
        }
    }
    names.sort();
    Ok(names)
}

/// When the backup named `name` was taken; `None` for any other name.
fn taken_at(name: &str) -> Option<OffsetDateTime> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    Some(PrimitiveDateTime::parse(stamp, STAMP).ok()?.assume_utc())
}

/// `path` as SQLite must read it as a file name: `./` before a relative path, so a
/// name like `file:x.db?mode=rwc` is a file rather than a URI with options.
fn plain_path(path: &Path) -> Result<String, String> {
    let text = path.to_str().ok_or_else(|| {
        format!(
            "{} is not valid UTF-8; choose another directory",
            path.display()
        )
    })?;
    Ok(match path.is_absolute() {
        true => text.to_owned(),
        false => format!("./{text}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn schedule(dir: &Path, every: u64) -> Backups {
        Backups {
            dir: dir.to_owned(),
            every: Duration::from_secs(every),
            keep: 2,
        }
    }

    #[test]
    fn names_carry_the_utc_time_and_only_they_are_backups() {
        let at = datetime!(2026-12-07 12:00:00 UTC);
        assert_eq!(at.format(STAMP).unwrap(), "20261207T120000Z");
        assert_eq!(taken_at("shortener-20261207T120000Z.db"), Some(at));
        for other in [
            "shortener.db",
            "shortener-20261207T120000Z.db-wal",
            "notes.txt",
            "shortener-2026.db",
        ] {
            assert_eq!(taken_at(other), None, "{other}");
        }
    }

    #[test]
    fn only_the_newest_backups_are_kept_and_other_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "shortener-20261201T000000Z.db",
            "shortener-20261203T000000Z.db",
            "shortener-20261202T000000Z.db",
            "shortener.db",
            "notes.txt",
        ];
        for name in files {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        prune(dir.path(), 2).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let kept = [
            "notes.txt",
            "shortener-20261202T000000Z.db",
            "shortener-20261203T000000Z.db",
            "shortener.db",
        ];
        assert_eq!(left, kept);
    }

    #[test]
    fn the_first_backup_is_due_every_after_the_newest_one_or_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let now = datetime!(2026-12-07 12:00:00 UTC);
        assert_eq!(first_wait(&schedule(dir.path(), 3600), now), Duration::ZERO);
        std::fs::write(dir.path().join("shortener-20261207T114000Z.db"), "x").unwrap();
        let wait = first_wait(&schedule(dir.path(), 3600), now);
        assert_eq!(wait, Duration::from_secs(40 * 60));
        assert_eq!(
            first_wait(&schedule(dir.path(), 600), now),
            Duration::ZERO,
            "overdue"
        );
    }
}
