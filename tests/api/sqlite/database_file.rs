//! The SQLite file under a running server (the real binary) is deleted, or its
//! directory made read-only: `/health` says so, creates answer 503, redirects of
//! known links go on, clicks wait in memory; a read-only file that becomes writable
//! again is used again at once, with every click kept.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::server::{admin_info, create, free_port, send, Server};

/// The server as a process that file permissions apply to: as root, without the
/// rights that pass over them (root would write a read-only file all the same).
fn start_without_override(dir: &Path, port: u16) -> Server {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Server::start(dir, port, &[]);
    }
    let wrapper = [
        "setpriv",
        "--bounding-set=-dac_override,-dac_read_search",
        "--inh-caps=-all",
        "--",
    ];
    Server::start_wrapped(dir, port, &[], &wrapper)
}

fn health(port: u16) -> (u16, String) {
    let reply = send(
        port,
        "GET",
        "/health",
        &[("Accept", "application/json")],
        "",
    );
    (reply.status, reply.body)
}

/// Polls `/health` until it answers `status`.
fn until_health(port: u16, status: u16) -> String {
    let started = Instant::now();
    loop {
        let (now, body) = health(port);
        if now == status {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "/health stayed {now}: {body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The create's status and, for a refusal, its detail.
fn try_create(port: u16, target: &str) -> (u16, String) {
    let body = serde_json::json!({ "target_url": target }).to_string();
    let reply = send(
        port,
        "POST",
        "/url",
        &[
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ],
        &body,
    );
    let detail = match reply.status {
        201 => String::new(),
        _ => reply.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    };
    (reply.status, detail)
}

#[test]
fn a_read_only_database_refuses_writes_keeps_redirecting_and_recovers_with_every_click() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = start_without_override(dir.path(), port);
    let (_, key, secret) = create(port, "https://example.com/kept").unwrap();
    assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);

    let db = dir.path().join("shortener.db");
    set_mode(&db, 0o400);
    set_mode(dir.path(), 0o500);
    let body = until_health(port, 503);
    assert!(body.contains("read-only"), "{body}");
    let (status, detail) = try_create(port, "https://example.com/refused");
    assert_eq!(status, 503, "{detail}");
    assert!(!detail.is_empty());
    for _ in 0..10 {
        assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    }
    // Owners still read their page, the waiting clicks included.
    assert_eq!(admin_info(port, &secret)["clicks"], 11);
    std::thread::sleep(Duration::from_millis(1500));

    set_mode(dir.path(), 0o700);
    set_mode(&db, 0o600);
    until_health(port, 200);
    assert_eq!(try_create(port, "https://example.com/after").0, 201);
    let log = server.log();
    assert!(log.contains("read-only"), "{log}");
    assert!(log.contains("writable again"), "{log}");
    assert!(server.signal("TERM").success());
    let stored: i64 =
        crate::backend::query_scalar(&db, &format!("select clicks from link where key = '{key}'"));
    assert_eq!(stored, 11, "clicks lost");
}

#[test]
fn a_deleted_database_file_refuses_writes_says_a_restart_is_needed_and_keeps_redirecting() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    let (_, key, _) = create(port, "https://example.com/known").unwrap();
    assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    // That click written (once a second) before the file goes.
    let db = dir.path().join("shortener.db");
    let clicks = format!("select clicks from link where key = '{key}'");
    let started = std::time::Instant::now();
    while crate::backend::query_scalar::<i64>(&db, &clicks) < 1 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the click never written"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    std::fs::remove_file(&db).unwrap();
    let body = until_health(port, 503);
    assert!(body.contains("deleted"), "{body}");
    assert!(body.contains("restart"), "{body}");
    let (status, detail) = try_create(port, "https://example.com/refused");
    assert_eq!(status, 503, "{detail}");
    for _ in 0..5 {
        assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    }
    assert!(
        !dir.path().join("shortener.db").exists(),
        "no empty database may take the lost one's place"
    );
    let log = server.log();
    assert!(log.contains("deleted while serving"), "{log}");
    // The clicks waiting in memory cannot be kept: the stop says how many, and fails.
    let status = server.signal("TERM");
    assert!(!status.success());
    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    assert!(log.contains("5 clicks could not be written"), "{log}");
}
