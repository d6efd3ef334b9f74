//! Scheduled backups (`backup = { dir, every, keep }`) on the real binary: copies of
//! the live SQLite database appear while it serves, owner-only, the newest `keep`
//! kept, each a whole database; a directory that cannot be written is a warning and
//! a count in `/metrics` while redirects go on; PostgreSQL says the setting is ignored.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::backend::{on_sqlite, query_scalar};
use crate::server::{command, create, finished, free_port, send, Server};

/// `ROCKET_BACKUP` for a backup every second into `dir`, the newest two kept.
fn every_second(dir: &str) -> (&'static str, String) {
    let table = format!(r#"{{dir="{dir}",every="1s",keep=2}}"#);
    ("ROCKET_BACKUP", table)
}

/// A sample from the server's `/metrics` (0 when absent).
fn metric(port: u16, name: &str) -> f64 {
    let text = send(port, "GET", "/metrics", &[], "").body;
    super::metrics::sample(&text, name).unwrap_or(0.0)
}

/// Waits up to 15 s for `done`.
fn wait_for(what: &str, server: &Server, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done() {
        assert!(Instant::now() < deadline, "{what}: {}", server.log());
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The backups in `dir`, oldest first.
fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            name.starts_with("shortener-2") && name.ends_with("Z.db")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn scheduled_backups_keep_the_newest_copies_owner_only_each_a_database_with_the_links() {
    if !on_sqlite() {
        return; // PostgreSQL: the test below
    }
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("backups");
    std::fs::create_dir(&kept).unwrap();
    std::fs::write(kept.join("notes.txt"), "not a backup").unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[every_second("backups")]);
    for target in ["https://example.com/a", "https://example.com/b"] {
        assert_eq!(create(port, target).unwrap().0, 201);
    }
    let before = metric(port, "shortener_backups_total");
    wait_for("three backups after the creates", &server, || {
        metric(port, "shortener_backups_total") >= before + 3.0 && backups(&kept).len() == 2
    });

    let files = backups(&kept);
    assert_eq!(files.len(), 2, "{files:?}");
    for file in &files {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
        let links: i64 = query_scalar(file, "select count(*) from link");
        assert_eq!(links, 2, "{}", file.display());
        let check: String = query_scalar(file, "pragma integrity_check");
        assert_eq!(check, "ok");
    }
    assert!(kept.join("notes.txt").exists(), "other files left alone");
    assert_eq!(metric(port, "shortener_backups_failed_total"), 0.0);
    let last = metric(port, "shortener_last_backup_timestamp_seconds");
    let now = time::OffsetDateTime::now_utc().unix_timestamp() as f64;
    assert!((now - 10.0..=now + 1.0).contains(&last), "{last} vs {now}");
}

#[test]
fn a_backup_directory_that_cannot_be_written_is_a_warning_and_a_count_while_redirects_go_on() {
    if !on_sqlite() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[every_second("a-file/backups")]);
    wait_for("two failures counted", &server, || {
        metric(port, "shortener_backups_failed_total") >= 2.0
    });

    assert!(
        server
            .log()
            .contains("Warning: scheduled backup failed: cannot create a-file/backups/shortener-"),
        "{}",
        server.log()
    );
    assert_eq!(metric(port, "shortener_backups_total"), 0.0);
    let (status, key, _) = create(port, "https://example.com/").unwrap();
    assert_eq!(status, 201);
    assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    assert_eq!(send(port, "GET", "/health", &[], "").status, 200);
}

#[test]
fn on_postgresql_the_backup_setting_is_ignored_and_the_log_says_why() {
    if on_sqlite() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[every_second("backups")]);
    wait_for("the line about PostgreSQL", &server, || {
        server
            .log()
            .contains("scheduled backups are for SQLite only")
    });
    std::thread::sleep(Duration::from_millis(1500));
    assert!(!dir.path().join("backups").exists());
    assert_eq!(metric(port, "shortener_backups_failed_total"), 0.0);
}

#[test]
fn a_schedule_that_is_not_a_duration_stops_the_start_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        (
            "ROCKET_BACKUP",
            r#"{dir="backups",every="1 day"}"#.to_owned(),
        ),
        ("ROCKET_PORT", free_port().to_string()),
    ];
    let out = finished(&mut command(dir.path(), &env));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "it served: {said}");
    assert!(
        said.contains("backup.every: `1 day` is not a duration"),
        "{said}"
    );
}
