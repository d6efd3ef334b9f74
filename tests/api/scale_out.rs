//! Two real server processes on one database: clicks add up, an owner's change on one
//! reaches the other within a second, click limits hold across both, keys never
//! collide; and the same pair behind nginx with `docs/scale-out/nginx.conf`.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use tempfile::TempDir;

use crate::server::{admin_info, create, free_port, send, try_send, Server};

/// Two instances, A and B, each in a directory of its own, on one shared database.
struct Pair {
    a: (Server, u16),
    b: (Server, u16),
    _dir: TempDir,
}

fn two_instances(extra: &[(&str, String)]) -> Pair {
    let dir = tempfile::tempdir().unwrap();
    let url = crate::backend::database_url(&dir.path().join("shared.db"));
    let mut env = vec![
        ("ROCKET_DATABASES", format!("{{links={{url=\"{url}\"}}}}")),
        ("ROCKET_RATE_LIMIT", "{per_minute=0}".to_owned()),
    ];
    env.extend(extra.iter().cloned());
    // One after the other: the first applies the migrations (on SQLite, two at once
    // could both try; on PostgreSQL sqlx takes a lock).
    let start = |name: &str| {
        let home = dir.path().join(name);
        std::fs::create_dir(&home).unwrap();
        let port = free_port();
        (Server::start(&home, port, &env), port)
    };
    let a = start("a");
    let b = start("b");
    Pair { a, b, _dir: dir }
}

fn visit(port: u16, key: &str) -> u16 {
    send(port, "GET", &format!("/{key}"), &[], "").status
}

/// Polls `port` until the visit answers `status`; how long that took.
fn until(port: u16, key: &str, status: u16) -> Duration {
    let started = Instant::now();
    while visit(port, key) != status {
        assert!(started.elapsed() < Duration::from_secs(5), "never {status}");
        std::thread::sleep(Duration::from_millis(10));
    }
    started.elapsed()
}

#[test]
fn clicks_on_two_instances_add_up_exactly() {
    let pair = two_instances(&[]);
    let (_, key, secret) = create(pair.a.1, "https://example.com/both").unwrap();
    for _ in 0..30 {
        assert_eq!(visit(pair.a.1, &key), 307);
    }
    for _ in 0..45 {
        assert_eq!(visit(pair.b.1, &key), 307);
    }
    // Each instance writes its own clicks once a second, adding to the stored total.
    let started = Instant::now();
    while admin_info(pair.a.1, &secret)["clicks"] != 75 {
        assert!(started.elapsed() < Duration::from_secs(5), "clicks lost");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(admin_info(pair.b.1, &secret)["clicks"], 75);
    let status = pair.b.0.signal("TERM");
    assert!(status.success());
    assert_eq!(admin_info(pair.a.1, &secret)["clicks"], 75);
}

#[test]
fn a_delete_on_one_instance_stops_forwarding_on_the_other_within_a_second() {
    let pair = two_instances(&[]);
    let (_, key, secret) = create(pair.a.1, "https://example.com/gone").unwrap();
    assert_eq!(visit(pair.b.1, &key), 307, "B has the target cached now");

    let deleted = send(
        pair.a.1,
        "DELETE",
        &format!("/admin/{secret}"),
        &[("Accept", "application/json")],
        "",
    );
    assert_eq!(deleted.status, 200);
    let took = until(pair.b.1, &key, 404);
    assert!(took < Duration::from_secs(1), "B forwarded for {took:?}");
}

#[test]
fn an_edit_on_one_instance_reaches_the_other_within_a_second() {
    let pair = two_instances(&[]);
    let (_, key, secret) = create(pair.a.1, "https://example.com/old").unwrap();
    let location = |port| {
        let hop = send(port, "GET", &format!("/{key}"), &[], "");
        hop.header("location").unwrap_or_default().to_owned()
    };
    assert_eq!(location(pair.b.1), "https://example.com/old");

    let body = json!({ "target_url": "https://example.com/new" }).to_string();
    let edited = send(
        pair.a.1,
        "PATCH",
        &format!("/admin/{secret}"),
        &[
            ("Accept", "application/json"),
            ("Content-Type", "application/json"),
        ],
        &body,
    );
    assert_eq!(edited.status, 200);
    let started = Instant::now();
    while location(pair.b.1) != "https://example.com/new" {
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "B still forwards to the old target"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_start_time_set_on_one_instance_holds_on_the_other_within_a_second() {
    let pair = two_instances(&[]);
    let (_, key, secret) = create(pair.a.1, "https://example.com/launch").unwrap();
    assert_eq!(visit(pair.b.1, &key), 307, "B caches it as live");

    let set = |at: serde_json::Value| {
        let body = json!({ "starts_at": at }).to_string();
        let headers = [
            ("Accept", "application/json"),
            ("Content-Type", "application/json"),
        ];
        send(
            pair.a.1,
            "PATCH",
            &format!("/admin/{secret}"),
            &headers,
            &body,
        )
        .status
    };
    assert_eq!(set(json!("2999-01-01T00:00:00Z")), 200);
    assert!(until(pair.b.1, &key, 404) < Duration::from_secs(1));
    assert_eq!(set(serde_json::Value::Null), 200);
    assert!(until(pair.b.1, &key, 307) < Duration::from_secs(1));
}

#[test]
fn a_link_disabled_on_one_instance_stops_forwarding_on_the_other_within_a_second() {
    let pair = two_instances(&[]);
    let (_, key, _) = create(pair.a.1, "https://example.com/abuse").unwrap();
    assert_eq!(visit(pair.b.1, &key), 307, "B has the target cached now");
    let shared = crate::backend::database_url(&pair._dir.path().join("shared.db"));
    let env = [(
        "ROCKET_DATABASES",
        format!("{{links={{url=\"{shared}\"}}}}"),
    )];
    let made = crate::server::command(pair._dir.path(), &env)
        .arg("moderation-url")
        .output()
        .unwrap();
    let url = crate::server::stdout(&made);
    let secret = url.trim().rsplit('/').next().unwrap().to_owned();

    let body = json!({ "action": "disable", "reason": "Phishing" }).to_string();
    let json_headers = [
        ("Accept", "application/json"),
        ("Content-Type", "application/json"),
    ];
    let path = format!("/moderate/{secret}/{key}");
    assert_eq!(
        send(pair.a.1, "POST", &path, &json_headers, &body).status,
        200
    );
    let took = until(pair.b.1, &key, 410);
    assert!(took < Duration::from_secs(1), "B forwarded for {took:?}");
}

/// Polls `path` on `port` (as JSON) until it answers `status`; how long that took.
fn page_until(port: u16, path: &str, status: u16) -> Duration {
    let started = Instant::now();
    while send(port, "GET", path, &[("Accept", "application/json")], "").status != status {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path} never {status}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    started.elapsed()
}

#[test]
fn rotated_admin_and_collection_secrets_open_nothing_on_either_instance_within_a_second() {
    let pair = two_instances(&[]);
    let json = [
        ("Accept", "application/json"),
        ("Content-Type", "application/json"),
    ];
    let (_, key, secret) = create(pair.a.1, "https://example.com/leaked").unwrap();
    let old = format!("/admin/{secret}");
    assert_eq!(send(pair.b.1, "GET", &old, &json, "").status, 200);
    let rotated = send(pair.a.1, "POST", &format!("{old}/rotate"), &json, "");
    assert_eq!(rotated.status, 200);
    let new = rotated.json()["admin_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let took = page_until(pair.b.1, &old, 404);
    assert!(
        took < Duration::from_secs(1),
        "B opened the old admin page for {took:?}"
    );
    assert_eq!(
        send(pair.b.1, "GET", &format!("/admin/{new}"), &json, "").status,
        200
    );
    assert_eq!(visit(pair.b.1, &key), 307, "the link itself goes on");

    let made = send(
        pair.a.1,
        "POST",
        "/collections",
        &json,
        r#"{"name": "Shared"}"#,
    );
    assert_eq!(made.status, 201);
    let url = made.json()["url"].as_str().unwrap().to_owned();
    let old = format!("/collection/{}", url.rsplit('/').next().unwrap());
    assert_eq!(send(pair.b.1, "GET", &old, &json, "").status, 200);
    assert_eq!(
        send(pair.a.1, "POST", &format!("{old}/rotate"), &json, "").status,
        200
    );
    let took = page_until(pair.b.1, &old, 404);
    assert!(
        took < Duration::from_secs(1),
        "B opened the old collection for {took:?}"
    );
}

/// The redirects `port` answered by reading the database (`/metrics`).
fn cache_misses(port: u16) -> f64 {
    let text = send(port, "GET", "/metrics", &[], "").body;
    text.lines()
        .find_map(|line| line.strip_prefix("shortener_cache_misses_total "))
        .and_then(|value| value.trim().parse().ok())
        .expect("a cache miss count")
}

#[test]
fn an_edit_of_one_link_leaves_the_others_cached_on_every_instance() {
    let pair = two_instances(&[]);
    let (_, edited, secret) = create(pair.a.1, "https://example.com/edited").unwrap();
    let (_, other, _) = create(pair.a.1, "https://example.com/other").unwrap();
    for key in [&edited, &other] {
        assert_eq!(visit(pair.b.1, key), 307, "B has {key} cached now");
    }

    let body = json!({ "target_url": "https://example.com/new" }).to_string();
    let headers = [
        ("Accept", "application/json"),
        ("Content-Type", "application/json"),
    ];
    let changed = send(
        pair.a.1,
        "PATCH",
        &format!("/admin/{secret}"),
        &headers,
        &body,
    );
    assert_eq!(changed.status, 200);
    let started = Instant::now();
    while send(pair.b.1, "GET", &format!("/{edited}"), &[], "").header("location")
        != Some("https://example.com/new")
    {
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "B never saw the edit"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // Past another look at the log, so any clearing would have happened.
    std::thread::sleep(Duration::from_millis(500));

    let before = cache_misses(pair.b.1);
    assert_eq!(visit(pair.b.1, &other), 307);
    assert_eq!(
        cache_misses(pair.b.1),
        before,
        "B forgot the link nobody edited"
    );
}

#[test]
fn a_click_limit_holds_across_instances() {
    let pair = two_instances(&[]);
    let body =
        json!({ "target_url": "https://example.com/ten", "max_clicks": 10, "humans_only": false })
            .to_string();
    let created = send(
        pair.a.1,
        "POST",
        "/url",
        &[("Content-Type", "application/json")],
        &body,
    );
    let key = created.json()["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let ports = [pair.a.1, pair.b.1];
    let visits: Vec<_> = (0..40)
        .map(|i| {
            let (port, key) = (ports[i % 2], key.clone());
            std::thread::spawn(move || visit(port, &key))
        })
        .collect();
    let statuses: Vec<u16> = visits.into_iter().map(|v| v.join().unwrap()).collect();
    let forwarded = statuses.iter().filter(|s| **s == 307).count();
    let refused = statuses.iter().filter(|s| **s == 410).count();
    assert_eq!((forwarded, refused), (10, 30), "{statuses:?}");
}

#[test]
fn creates_on_two_instances_never_share_a_key() {
    // Three-character keys: 238,328 of them, so among 1,000 creates the same key is
    // drawn twice more often than not, and the database's unique index decides.
    let pair = two_instances(&[("ROCKET_KEY_LENGTH", "3".to_owned())]);
    let makers: Vec<_> = [pair.a.1, pair.b.1]
        .into_iter()
        .flat_map(|port| (0..4).map(move |t| (port, t)))
        .map(|(port, t)| {
            std::thread::spawn(move || {
                (0..125)
                    .map(|i| {
                        let target = format!("https://example.com/{port}/{t}/{i}");
                        let (status, key, _) = create(port, &target).unwrap();
                        assert_eq!(status, 201);
                        (key, target)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let made: Vec<(String, String)> = makers.into_iter().flat_map(|m| m.join().unwrap()).collect();
    let keys: std::collections::HashSet<_> = made.iter().map(|(key, _)| key).collect();
    assert_eq!(keys.len(), 1000);
    for (key, target) in made.iter().step_by(17) {
        for port in [pair.a.1, pair.b.1] {
            let hop = send(port, "HEAD", &format!("/{key}"), &[], "");
            assert_eq!(hop.header("location"), Some(target.as_str()));
        }
    }
}

/// A running nginx, stopped (master and worker) when dropped.
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let pid = self.0.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let _ = self.0.wait();
    }
}

/// nginx on `docs/scale-out/nginx.conf`, with this test's ports.
fn nginx(dir: &Path, port: u16, a: u16, b: u16) -> Nginx {
    assert!(
        Command::new("nginx").arg("-v").output().is_ok(),
        "nginx is required (apt-get install nginx-light)"
    );
    let site = include_str!("../../docs/scale-out/nginx.conf")
        .replace("127.0.0.1:8000", &format!("127.0.0.1:{port}"))
        .replace("127.0.0.1:8001", &format!("127.0.0.1:{a}"))
        .replace("127.0.0.1:8002", &format!("127.0.0.1:{b}"));
    let d = dir.display();
    let conf = format!(
        "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
         events {{ worker_connections 256; }}\nhttp {{\n access_log off;\n \
         client_body_temp_path {d}; proxy_temp_path {d}; fastcgi_temp_path {d};\n \
         uwsgi_temp_path {d}; scgi_temp_path {d};\n{site}\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    let child = Command::new("nginx")
        .args(["-e", &format!("{d}/error.log"), "-c"])
        .arg(dir.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(Nginx)
        .expect("start nginx");
    let started = Instant::now();
    while try_send(port, "GET", "/health", &[], "").map_or(true, |r| r.status != 200) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nginx did not start"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    child
}

#[test]
#[cfg_attr(
    not(nginx_tests),
    ignore = "needs nginx on PATH (apt-get install nginx-light)"
)]
fn behind_nginx_both_instances_serve_and_one_may_go_down() {
    let proxy = free_port();
    let public = format!("http://127.0.0.1:{proxy}");
    let pair = two_instances(&[
        ("ROCKET_BASE_URL", public.clone()),
        ("ROCKET_IP_HEADER", "X-Real-IP".to_owned()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let _nginx = nginx(dir.path(), proxy, pair.a.1, pair.b.1);

    let (status, key, secret) = create(proxy, "https://example.com/proxied").unwrap();
    assert_eq!(status, 201);
    let info = admin_info(proxy, &secret);
    assert_eq!(info["url"], format!("{public}/{key}"));
    for _ in 0..40 {
        assert_eq!(visit(proxy, &key), 307);
    }
    pair.a.0.signal("TERM");
    for _ in 0..20 {
        assert_eq!(visit(proxy, &key), 307, "B alone still serves");
    }
    let started = Instant::now();
    while admin_info(proxy, &secret)["clicks"] != 60 {
        assert!(started.elapsed() < Duration::from_secs(5), "clicks lost");
        std::thread::sleep(Duration::from_millis(50));
    }
}
