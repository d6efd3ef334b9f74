//! The real binary: started as a newcomer starts it, stopped gracefully, killed
//! mid-load, and backed up while it serves.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::backend::on_sqlite;
use crate::helpers::query_scalar;
use crate::server::{admin_info, command, create, free_port, send, try_send, Server};

#[test]
fn the_binary_serves_from_an_empty_directory_configured_by_dotenv() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let env = format!("ROCKET_PORT={port}\nROCKET_BASE_URL=http://go.test\nROCKET_ENV_NAME=e2e\n");
    std::fs::write(dir.path().join(".env"), env).unwrap();
    let server = Server::start(dir.path(), port, &[]);

    let body = r#"{"target_url": "https://example.com/e2e"}"#;
    let created = send(
        port,
        "POST",
        "/url",
        &[("Content-Type", "application/json")],
        body,
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let info = created.json();
    let url = info["url"].as_str().unwrap();
    assert!(url.starts_with("http://go.test/"), "{url}");
    let key = url.trim_start_matches("http://go.test/");
    let secret = info["admin_url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://go.test/admin/")
        .to_owned();

    let hop = send(port, "GET", &format!("/{key}"), &[], "");
    assert_eq!(hop.status, 307);
    assert_eq!(hop.header("location"), Some("https://example.com/e2e"));
    let page = send(
        port,
        "GET",
        &format!("/admin/{secret}"),
        &[("Accept", "text/html")],
        "",
    );
    assert_eq!(page.status, 200);
    assert!(page.body.contains("https://example.com/e2e"));
    let gone = send(
        port,
        "DELETE",
        &format!("/admin/{secret}"),
        &[("Accept", "application/json")],
        "",
    );
    assert_eq!(gone.status, 200);

    if on_sqlite() {
        assert!(
            dir.path().join("shortener.db").exists(),
            "the default database file"
        );
    }
    let log = server.log();
    drop(server);
    assert!(log.contains("'e2e' environment"), "{log}");
    assert!(!log.contains(&secret), "the secret key was logged: {log}");
}

#[test]
fn sigterm_stops_gracefully_and_every_click_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    let (_, key, secret) = create(port, "https://example.com/count").unwrap();
    let n = 300;

    for _ in 0..n {
        assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    }
    let status = server.signal("TERM");

    assert!(status.success(), "exit status {status:?}");
    let server = Server::start(dir.path(), port, &[]);
    let info = admin_info(port, &secret);
    assert_eq!(info["clicks"], n);
    drop(server);
}

#[test]
fn sigkill_loses_no_click_older_than_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    let (_, key, secret) = create(port, "https://example.com/kill").unwrap();
    for _ in 0..100 {
        assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    }

    std::thread::sleep(Duration::from_millis(1500));
    server.signal("KILL");

    let _server = Server::start(dir.path(), port, &[]);
    let info = admin_info(port, &secret);
    assert_eq!(info["clicks"], 100);
}

#[test]
fn sigkill_mid_load_loses_no_acknowledged_link() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let no_limit = [("ROCKET_RATE_LIMIT", "{per_minute=0}".to_owned())];
    let server = Server::start(dir.path(), port, &no_limit);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));

    let clients: Vec<_> = (0..4)
        .map(|c| {
            let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    match create(port, &format!("https://example.com/{c}/{i}")) {
                        Ok((201, key, _)) => acknowledged
                            .lock()
                            .unwrap()
                            .push((key, format!("https://example.com/{c}/{i}"))),
                        Ok((status, ..)) => panic!("create answered {status}"),
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    let status = server.signal("KILL");
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.join().unwrap();
    }

    assert!(!status.success());
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() > 20,
        "only {} creates before the kill",
        acknowledged.len()
    );
    let db = dir.path().join("shortener.db");
    if on_sqlite() {
        assert_eq!(query_scalar::<String>(&db, "pragma integrity_check"), "ok");
    }
    let _server = Server::start(dir.path(), port, &no_limit);
    for (key, target) in &acknowledged {
        let hop = send(port, "HEAD", &format!("/{key}"), &[], "");
        assert_eq!(
            (hop.status, hop.header("location")),
            (307, Some(target.as_str())),
            "{key}"
        );
    }
}

#[test]
fn a_backup_taken_while_serving_restores_every_link() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    let links: Vec<_> = (0..10)
        .map(|i| create(port, &format!("https://example.com/{i}")).unwrap())
        .collect();

    let backup = command(dir.path(), &[])
        .args(["backup", "backup.db"])
        .output()
        .unwrap();
    if !on_sqlite() {
        let said = String::from_utf8_lossy(&backup.stderr);
        assert!(
            !backup.status.success() && said.contains("pg_dump"),
            "{said}"
        );
        return;
    }
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert_eq!(
        try_send(port, "GET", "/health", &[], "").unwrap().status,
        200,
        "still serving"
    );
    let again = command(dir.path(), &[])
        .args(["backup", "backup.db"])
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );
    drop(server);

    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(
        dir.path().join("backup.db"),
        restored.path().join("shortener.db"),
    )
    .unwrap();
    let _server = Server::start(restored.path(), port, &[]);
    for (i, (_, key, secret)) in links.iter().enumerate() {
        let info = admin_info(port, secret);
        assert_eq!(
            info["target_url"],
            format!("https://example.com/{i}"),
            "{key}"
        );
    }
}

#[test]
fn no_secret_key_reaches_the_log_even_when_every_request_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(
        dir.path(),
        port,
        &[("ROCKET_LOG_LEVEL", "normal".to_owned())],
    );
    let (_, key, secret) = create(port, "https://example.com/log").unwrap();

    send(port, "GET", &format!("/{key}"), &[], "");
    send(
        port,
        "GET",
        &format!("/admin/{secret}"),
        &[("Accept", "text/html")],
        "",
    );
    send(port, "GET", &format!("/admin/{secret}x"), &[], "");
    for spelling in ["//admin/", "/%61dmin/", "/adm%69n/", "/admin//"] {
        send(port, "GET", &format!("{spelling}{secret}"), &[], "");
    }
    send(
        port,
        "POST",
        &format!("/admin/{secret}"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        "_method=DELETE",
    );
    send(port, "DELETE", &format!("/admin/{secret}"), &[], "");

    let log = server.log();
    drop(server);
    assert!(
        log.contains(&format!("GET /{key}")),
        "requests are logged at this level: {log}"
    );
    assert!(log.contains("/admin/<secret>"), "{log}");
    assert!(!log.contains(&secret), "a secret key was logged: {log}");
}

#[test]
fn clients_that_hang_up_mid_request_leave_no_line_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    for (kind, body) in [
        ("application/json", "{\"target_url\": \"ht"),
        ("application/x-www-form-urlencoded", "target_url=ht"),
    ] {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let head = format!(
            "POST /url HTTP/1.1\r\nHost: x\r\nContent-Type: {kind}\r\nContent-Length: 1000\r\n\r\n"
        );
        std::io::Write::write_all(&mut stream, format!("{head}{body}").as_bytes()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    std::io::Write::write_all(&mut stream, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    drop(stream);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(send(port, "GET", "/health", &[], "").status, 200);

    let log = server.log();
    assert!(log.contains("Rocket has launched"), "{log}");
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| !l.contains("launched") && !l.starts_with("shortener:"))
        .collect();
    assert!(
        lines.is_empty(),
        "aborted requests were logged at critical: {lines:?}"
    );
}
