//! The stats link an owner shares: `stats_url` in every URLInfo opens the link's
//! counts and nothing else; the owner turns it off or replaces it, and the old
//! token then answers 404.

use rocket::http::{Method, Status};
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, visit, Link, TestApp, BASE, BROWSER};

/// The path of the link's stats page.
fn stats_path(link: &Value) -> String {
    let url = link["stats_url"].as_str().expect("a stats_url");
    url.strip_prefix(BASE).unwrap().to_owned()
}

/// A link with three clicks from two referrers and two kinds of client, written.
fn clicked(app: &TestApp) -> Link {
    let link = app.seed("https://private.example/target-path?token=hidden");
    visit(
        app,
        &link.path(),
        Some("https://news.example/a"),
        Some("Mozilla/5.0 Firefox/120.0"),
    );
    visit(
        app,
        &link.path(),
        Some("https://news.example/b"),
        Some("Googlebot/2.1"),
    );
    visit(app, &link.path(), None, None);
    app.flush_clicks();
    link
}

#[test]
fn every_url_info_has_a_stats_url_of_its_own() {
    let app = spawn_app();
    let one = app.seed("https://example.com/one");
    let two = app.seed("https://example.com/two");
    for link in [&one, &two] {
        let path = stats_path(&link.0);
        assert!(
            path.starts_with("/stats/") && path.len() == "/stats/".len() + 32,
            "{path}"
        );
    }
    assert_ne!(one.0["stats_url"], two.0["stats_url"]);
    let (_, admin) = app.get_json(&one.admin_path());
    assert_eq!(admin["stats_url"], one.0["stats_url"]);
    let html = app
        .get(&one.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(
        html.contains(one.str("stats_url")),
        "the admin page shows it"
    );
}

#[test]
fn the_stats_page_shows_the_counts_and_nothing_that_opens_or_changes_the_link() {
    let app = spawn_app();
    let link = clicked(&app);
    let path = stats_path(&link.0);
    let secret = link.admin_path().rsplit('/').next().unwrap().to_owned();

    let (status, stats) = app.get_json(&path);
    assert_eq!(status, Status::Ok);
    let keys: Vec<&String> = stats.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["clicks", "clients", "history", "referrers", "url"]);
    assert_eq!(stats["clicks"], 3);
    assert_eq!(stats["url"], link.0["url"]);
    assert_eq!(stats["history"].as_array().unwrap().len(), 30);
    let referrers: Vec<&str> = stats["referrers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        referrers.contains(&"news.example") && referrers.contains(&"direct"),
        "{referrers:?}"
    );
    let clients: Vec<&str> = stats["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        clients.contains(&"browser") && clients.contains(&"bot"),
        "{clients:?}"
    );

    let res = app.get(&path, Some(BROWSER));
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    assert_eq!(header(&res, "X-Robots-Tag"), "noindex");
    let html = res.into_string().unwrap();
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(html.contains(r#"<svg class="chart""#) && html.contains("news.example"));
    for hidden in [
        "private.example",
        "target-path",
        "hidden",
        &secret,
        "/admin/",
        "<form",
        "_method",
    ] {
        assert!(!html.contains(hidden), "the stats page shows {hidden}");
        assert!(
            !stats.to_string().contains(hidden),
            "the stats JSON shows {hidden}"
        );
    }
    assert_eq!(
        app.get(&format!("{path}?days=7"), Some("application/json"))
            .status(),
        Status::Ok
    );
    assert_eq!(
        app.get(&format!("{path}?days=8"), Some("application/json"))
            .status(),
        Status::UnprocessableEntity
    );
    // Nothing can be sent to it.
    for method in [Method::Post, Method::Patch, Method::Delete] {
        let res = app.send_json(
            method,
            &path,
            json!({ "target_url": "https://evil.example/" }),
        );
        assert!(
            matches!(res.status(), Status::NotFound | Status::MethodNotAllowed),
            "{method}"
        );
    }
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );
    assert_eq!(
        header(&app.get(&link.path(), None), "Location"),
        link.str("target_url")
    );
}

#[test]
fn the_stats_page_counts_clicks_not_yet_written() {
    let app = spawn_app();
    let link = app.seed("https://example.com/pending");
    for _ in 0..4 {
        app.get(&link.path(), None);
    }
    let (_, stats) = app.get_json(&stats_path(&link.0));
    assert_eq!(stats["clicks"], 4);
}

#[test]
fn the_owner_turns_the_stats_link_off_or_replaces_it_in_json() {
    let app = spawn_app();
    let link = app.seed("https://example.com/shared");
    let first = stats_path(&link.0);

    let res = app.send_json(Method::Patch, &link.admin_path(), json!({ "stats": "new" }));
    assert_eq!(res.status(), Status::Ok);
    let info: Value = res.into_json().unwrap();
    let second = stats_path(&info);
    assert_ne!(first, second);
    assert_eq!(
        info["target_url"], "https://example.com/shared",
        "nothing else changed"
    );
    assert_eq!(
        app.get_json(&first).0,
        Status::NotFound,
        "the replaced token"
    );
    assert_eq!(app.get_json(&second).0, Status::Ok);

    let res = app.send_json(Method::Patch, &link.admin_path(), json!({ "stats": "off" }));
    assert_eq!(res.status(), Status::Ok);
    let info: Value = res.into_json().unwrap();
    assert_eq!(info["stats_url"], Value::Null);
    assert_eq!(
        app.get_json(&second).0,
        Status::NotFound,
        "the turned-off token"
    );
    assert_eq!(app.get_json(&link.admin_path()).1["stats_url"], Value::Null);

    for bad in [
        json!({ "stats": "on" }),
        json!({ "stats": null }),
        json!({ "stats": 1 }),
        json!({}),
    ] {
        let res = app.send_json(Method::Patch, &link.admin_path(), bad.clone());
        assert_eq!(res.status(), Status::UnprocessableEntity, "{bad}");
    }
    assert_eq!(
        app.get_json(&link.admin_path()).1["stats_url"],
        Value::Null,
        "refusals change nothing"
    );
}

#[test]
fn the_admin_pages_buttons_turn_the_stats_link_off_and_make_a_new_one() {
    let app = spawn_app();
    let link = app.seed("https://example.com/buttons");
    let first = stats_path(&link.0);
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(
        html.contains(r#"name="stats" value="off""#)
            && html.contains(r#"name="stats" value="new""#)
    );

    let res = app.post_form(&link.admin_path(), "_method=PATCH&stats=off");
    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(header(&res, "Location"), link.admin_path());
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains("The stats link is off"));
    assert!(!html.contains(r#"name="stats" value="off""#));
    assert_eq!(app.get_json(&first).0, Status::NotFound);

    let res = app.post_form(&link.admin_path(), "stats=new&_method=PATCH");
    assert_eq!(res.status(), Status::SeeOther);
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(app.get_json(&stats_path(&info)).0, Status::Ok);
    assert_eq!(
        app.post_form(&link.admin_path(), "_method=PATCH&stats=maybe")
            .status(),
        Status::UnprocessableEntity
    );
}

#[test]
fn tokens_that_are_malformed_or_unknown_open_nothing() {
    let app = spawn_app();
    app.seed("https://example.com/");
    for token in [
        "abc",
        &"0".repeat(32),
        &"G".repeat(32),
        "../admin",
        &"a".repeat(33),
    ] {
        assert_eq!(
            app.get_json(&format!("/stats/{token}")).0,
            Status::NotFound,
            "{token}"
        );
    }
    let link = app.seed("https://example.com/deleted");
    let path = stats_path(&link.0);
    app.client.delete(link.admin_path()).dispatch();
    assert_eq!(
        app.get_json(&path).0,
        Status::NotFound,
        "a deleted link's stats are gone"
    );
}
