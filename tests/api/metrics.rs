//! `/metrics` in Prometheus' text format, counting what operators watch; off on request.

use std::time::{Duration, Instant};

use rocket::http::Status;
use serde_json::json;

use crate::helpers::{header, spawn_app, spawn_app_with, TestApp};

fn scrape(app: &TestApp) -> String {
    let res = app.get("/metrics", None);
    assert_eq!(res.status(), Status::Ok);
    assert!(header(&res, "Content-Type").starts_with("text/plain; version=0.0.4"));
    res.into_string().unwrap()
}

/// The value of the sample line starting with `name` (labels included).
pub(super) fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find(|line| line.starts_with(name) && line[name.len()..].starts_with(' '))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|value| value.parse().ok())
}

#[test]
fn metrics_count_requests_links_clicks_and_cache_hits() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    app.create_json(json!([{ "target_url": "https://example.com/a" }, { "target_url": "bad" }]));
    for _ in 0..3 {
        app.get(&link.path(), None);
    }
    app.get("/nope-nope", None);

    let text = scrape(&app);
    assert_eq!(sample(&text, "shortener_links_created_total"), Some(2.0));
    assert_eq!(
        sample(
            &text,
            r#"shortener_http_requests_total{route="follow",status="307"}"#
        ),
        Some(3.0)
    );
    assert_eq!(
        sample(
            &text,
            r#"shortener_http_requests_total{route="follow",status="404"}"#
        ),
        Some(1.0)
    );
    assert_eq!(
        sample(
            &text,
            r#"shortener_http_requests_total{route="create_json",status="201"}"#
        ),
        Some(1.0)
    );
    assert_eq!(
        sample(&text, "shortener_redirect_duration_seconds_count"),
        Some(4.0)
    );
    assert_eq!(
        sample(&text, "shortener_cache_misses_total"),
        Some(2.0),
        "first visit and the unknown key"
    );
    assert_eq!(sample(&text, "shortener_cache_hits_total"), Some(2.0));

    let started = Instant::now();
    while sample(&scrape(&app), "shortener_clicks_written_total") != Some(3.0) {
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "clicks not written"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn metrics_name_the_version_running() {
    let app = spawn_app();
    let text = scrape(&app);
    let info = format!(
        r#"shortener_build_info{{version="{}"}}"#,
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(sample(&text, &info), Some(1.0), "{text}");
}

#[test]
fn metrics_can_be_turned_off() {
    let app = spawn_app_with(|f| f.merge(("metrics", false)));
    assert_eq!(app.get("/metrics", None).status(), Status::NotFound);
}

/// `GET /metrics` as if from `remote`, with `headers`.
fn scrape_from(app: &TestApp, remote: &str, headers: &[(&'static str, &'static str)]) -> Status {
    let mut req = app.client.get("/metrics").remote(remote.parse().unwrap());
    for (name, value) in headers {
        req = req.header(rocket::http::Header::new(*name, *value));
    }
    req.dispatch().status()
}

#[test]
fn metrics_answer_only_this_machine_unless_made_public() {
    let app = spawn_app();

    assert_eq!(
        scrape_from(&app, "203.0.113.7:40000", &[]),
        Status::NotFound
    );
    assert_eq!(
        scrape_from(&app, "[2001:db8::1]:40000", &[]),
        Status::NotFound
    );
    assert_eq!(
        scrape_from(
            &app,
            "127.0.0.1:40000",
            &[("X-Forwarded-For", "203.0.113.7")]
        ),
        Status::NotFound,
        "forwarded by a proxy on this machine"
    );
    assert_eq!(scrape_from(&app, "127.0.0.1:40000", &[]), Status::Ok);
    assert_eq!(scrape_from(&app, "[::1]:40000", &[]), Status::Ok);

    let public = spawn_app_with(|f| f.merge(("metrics_public", true)));
    assert_eq!(scrape_from(&public, "203.0.113.7:40000", &[]), Status::Ok);
}

#[test]
fn a_spoofed_client_address_header_does_not_open_metrics() {
    let app = spawn_app_with(|f| f.merge(("ip_header", "X-Real-IP")));

    let spoofed = scrape_from(&app, "203.0.113.7:40000", &[("X-Real-IP", "127.0.0.1")]);

    assert_eq!(spoofed, Status::NotFound);
}

/// `/metrics` of the real binary on `port`.
pub(super) fn scrape_binary(port: u16) -> String {
    let reply = crate::server::send(port, "GET", "/metrics", &[], "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

#[test]
fn a_database_error_under_a_running_app_counts_under_its_route() {
    let dir = tempfile::tempdir().unwrap();
    let port = crate::server::free_port();
    let _server = crate::server::Server::start(dir.path(), port, &[]);
    let create = |target: &str| crate::server::create(port, target).unwrap().0;
    assert_eq!(create("https://example.com/before"), 201);
    let errors = "shortener_database_errors_total{operation=\"create_json\"}";
    assert_eq!(sample(&scrape_binary(port), errors), None);

    super::logs::refuse_inserts(&dir.path().join("shortener.db"));
    assert_eq!(create("https://example.com/refused"), 503);
    assert_eq!(create("https://example.com/refused-too"), 503);

    let text = scrape_binary(port);
    assert_eq!(sample(&text, errors), Some(2.0), "{text}");
    let flush = "shortener_database_errors_total{operation=\"click_write\"}";
    assert_eq!(sample(&text, flush), Some(0.0), "{text}");
}
