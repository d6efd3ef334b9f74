//! `GET /<key>` forwards and counts; `HEAD` and peek look without counting.

use rocket::http::{ContentType, Status};
use serde_json::json;

use crate::helpers::{detail, header, spawn_app, BASE, BROWSER};

#[test]
fn following_a_link_redirects_with_307_and_counts_each_click() {
    let app = spawn_app();
    let link = app.seed("https://example.com/a?b=c");

    for _ in 0..5 {
        let res = app.get(&link.path(), Some(BROWSER));
        assert_eq!(res.status(), Status::TemporaryRedirect);
        assert_eq!(header(&res, "Location"), "https://example.com/a?b=c");
    }

    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 5);
}

#[test]
fn every_client_gets_the_same_redirect() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");

    for accept in [Some("application/json"), Some(BROWSER), Some("*/*"), None] {
        let res = app.get(&link.path(), accept);

        assert_eq!(res.status(), Status::TemporaryRedirect, "{accept:?}");
        assert_eq!(header(&res, "Location"), "https://example.com/");
    }
}

#[test]
fn head_checks_a_link_without_counting_a_click() {
    let app = spawn_app();
    let link = app.seed("https://example.com/head");

    let res = app.client.head(link.path()).dispatch();

    assert_eq!(res.status(), Status::TemporaryRedirect);
    assert_eq!(header(&res, "Location"), "https://example.com/head");
    assert_eq!(app.get_json(&link.admin_path()).1["clicks"], 0);
}

#[test]
fn peek_shows_the_target_without_counting_a_click() {
    let app = spawn_app();
    let link = app.seed("https://example.com/peek");

    let (status, json) = app.get_json(&format!("/peek/{}", link.key()));
    let html = app.get(&format!("/peek/{}", link.key()), Some(BROWSER));

    assert_eq!(status, Status::Ok);
    assert_eq!(
        json,
        json!({
            "target_url": "https://example.com/peek",
            "url": link.str("url"),
            "target_changed_at": null,
            "decided_by": "default",
            "destinations": [{ "target_url": "https://example.com/peek", "via": "default" }],
            "next_switch_at": null,
        })
    );
    assert_eq!(html.content_type(), Some(ContentType::HTML));
    assert!(html
        .into_string()
        .unwrap()
        .contains(r#"<a href="https://example.com/peek""#));
    assert_eq!(app.get_json(&link.admin_path()).1["clicks"], 0);
}

#[test]
fn unknown_keys_are_not_found_in_every_form() {
    let app = spawn_app();

    let res = app.get("/nokey", Some("application/json"));
    assert_eq!(res.status(), Status::NotFound);
    assert_eq!(detail(res), format!("URL '{BASE}/nokey' doesn't exist"));

    let html = app.get("/nokey", Some(BROWSER));
    assert_eq!(html.status(), Status::NotFound);
    assert!(html.into_string().unwrap().contains("doesn&#39;t exist"));

    assert_eq!(
        app.client.head("/nokey").dispatch().status(),
        Status::NotFound
    );
    assert_eq!(app.get_json("/peek/nokey").0, Status::NotFound);
}

#[test]
fn malformed_keys_are_not_found() {
    let app = spawn_app();

    for path in [
        "/a%20b",
        "/x",
        "/%3Cscript%3E",
        &format!("/{}", "k".repeat(40)),
        "/peek/a.b",
    ] {
        assert_eq!(app.get_json(path).0, Status::NotFound, "{path}");
    }
}

#[test]
fn deleted_links_stop_forwarding_even_once_cached() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );
    assert_eq!(
        app.client.head(link.path()).dispatch().status(),
        Status::TemporaryRedirect
    );
    app.client.delete(link.admin_path()).dispatch();

    assert_eq!(app.get(&link.path(), None).status(), Status::NotFound);
    assert_eq!(
        app.client.head(link.path()).dispatch().status(),
        Status::NotFound
    );
    assert_eq!(
        app.get_json(&format!("/peek/{}", link.key())).0,
        Status::NotFound
    );
}
