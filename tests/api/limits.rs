//! Creating links is rate limited per client; following them never is.

use std::net::SocketAddr;

use rocket::http::{ContentType, Header, Status};
use rocket::local::blocking::LocalResponse;
use serde_json::{json, Value};

use crate::helpers::{detail, figment, header, spawn_with, TestApp, BROWSER};

fn limited_app(extra: &[(&str, &str)]) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let mut figment = figment(&db)
        .merge(("rate_limit.per_minute", 60))
        .merge(("rate_limit.burst", 3));
    for (key, value) in extra {
        figment = figment.merge((*key, *value));
    }
    (spawn_with(figment, &db), dir)
}

fn create_from<'a>(
    app: &'a TestApp,
    ip: &str,
    headers: &[(&'static str, &'static str)],
) -> LocalResponse<'a> {
    let mut req = app
        .client
        .post("/url")
        .remote(format!("{ip}:4000").parse::<SocketAddr>().unwrap())
        .header(ContentType::JSON)
        .header(Header::new("Accept", "application/json"));
    for (name, value) in headers {
        req = req.header(Header::new(*name, *value));
    }
    req.body(json!({ "target_url": "https://example.com/" }).to_string())
        .dispatch()
}

#[test]
fn a_client_over_its_burst_gets_429_with_retry_after() {
    let (app, _dir) = limited_app(&[]);

    for _ in 0..3 {
        assert_eq!(
            create_from(&app, "192.0.2.1", &[]).status(),
            Status::Created
        );
    }
    let res = create_from(&app, "192.0.2.1", &[]);

    assert_eq!(res.status(), Status::TooManyRequests);
    assert_eq!(header(&res, "Retry-After"), "1");
    let detail = detail(res);
    assert!(detail.starts_with("Too many links created"), "{detail}");
    assert_eq!(
        create_from(&app, "192.0.2.2", &[]).status(),
        Status::Created,
        "other clients are not affected"
    );
    assert_eq!(app.link_count(), 4);
}

#[test]
fn a_person_over_the_limit_gets_the_form_back_with_a_429() {
    let (app, _dir) = limited_app(&[]);
    let post = || {
        app.client
            .post("/url")
            .remote("192.0.2.9:1".parse().unwrap())
            .header(ContentType::Form)
            .header(Header::new("Accept", BROWSER))
            .body("target_url=https%3A%2F%2Fexample.com%2Fmine")
            .dispatch()
    };
    for _ in 0..3 {
        assert_eq!(post().status(), Status::SeeOther);
    }

    let res = post();

    assert_eq!(res.status(), Status::TooManyRequests);
    assert!(!header(&res, "Retry-After").is_empty());
    assert_eq!(res.content_type(), Some(ContentType::HTML));
    let html = res.into_string().unwrap();
    assert!(html.contains("Too many links created from your address"));
}

#[test]
fn following_links_is_never_limited() {
    let (app, _dir) = limited_app(&[]);
    let created: Value = create_from(&app, "192.0.2.1", &[]).into_json().unwrap();
    let key = created["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();

    for _ in 0..50 {
        let res = app
            .client
            .get(format!("/{key}"))
            .remote("192.0.2.1:1".parse().unwrap())
            .dispatch();
        assert_eq!(res.status(), Status::TemporaryRedirect);
    }
}

#[test]
fn a_client_sent_address_header_is_ignored_by_default() {
    let (app, _dir) = limited_app(&[]);

    for (i, ip) in [
        "198.51.100.1",
        "198.51.100.2",
        "198.51.100.3",
        "198.51.100.4",
    ]
    .iter()
    .enumerate()
    {
        let res = create_from(&app, "192.0.2.1", &[("X-Real-IP", ip)]);
        let expected = if i < 3 {
            Status::Created
        } else {
            Status::TooManyRequests
        };
        assert_eq!(res.status(), expected, "spoofed {ip}");
    }
}

#[test]
fn behind_a_proxy_the_configured_ip_header_names_the_client() {
    let (app, _dir) = limited_app(&[("ip_header", "X-Real-IP")]);

    for _ in 0..3 {
        assert_eq!(
            create_from(&app, "127.0.0.1", &[("X-Real-IP", "203.0.113.5")]).status(),
            Status::Created
        );
    }

    assert_eq!(
        create_from(&app, "127.0.0.1", &[("X-Real-IP", "203.0.113.5")]).status(),
        Status::TooManyRequests
    );
    assert_eq!(
        create_from(&app, "127.0.0.1", &[("X-Real-IP", "203.0.113.6")]).status(),
        Status::Created
    );
}

#[test]
fn rotating_ipv6_addresses_within_a_slash_64_gains_no_creates() {
    let (app, _dir) = limited_app(&[]);
    for host in 1..=3 {
        let res = create_from(&app, &format!("[2001:db8::{host}]"), &[]);
        assert_eq!(res.status(), Status::Created);
    }

    let rotated = create_from(&app, "[2001:db8::ffff:4]", &[]);

    assert_eq!(rotated.status(), Status::TooManyRequests);
    assert_eq!(
        create_from(&app, "[2001:db8:0:1::1]", &[]).status(),
        Status::Created,
        "the next /64 is another client"
    );
    assert_eq!(app.link_count(), 4);
}

#[test]
fn an_ipv4_mapped_address_counts_as_the_ipv4_client() {
    let (app, _dir) = limited_app(&[]);
    for ip in ["192.0.2.1", "[::ffff:192.0.2.1]", "192.0.2.1"] {
        assert_eq!(create_from(&app, ip, &[]).status(), Status::Created);
    }

    assert_eq!(
        create_from(&app, "[::ffff:192.0.2.1]", &[]).status(),
        Status::TooManyRequests
    );
    assert_eq!(
        create_from(&app, "[::ffff:192.0.2.2]", &[]).status(),
        Status::Created
    );
}

#[test]
fn the_ipv6_prefix_length_is_a_setting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let figment = figment(&db)
        .merge(("rate_limit.per_minute", 60))
        .merge(("rate_limit.burst", 1))
        .merge(("ipv6_prefix", 48));
    let app = spawn_with(figment, &db);

    assert_eq!(
        create_from(&app, "[2001:db8:0:1::1]", &[]).status(),
        Status::Created
    );
    assert_eq!(
        create_from(&app, "[2001:db8:0:2::1]", &[]).status(),
        Status::TooManyRequests,
        "one /48"
    );
    assert_eq!(
        create_from(&app, "[2001:db8:1::1]", &[]).status(),
        Status::Created
    );
}
