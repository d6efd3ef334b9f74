//! What moderators see of a smart link: every place it can send a visitor (its own
//! target, its rules', its variants', the one after expiry), searched by host and
//! shown on the page, in its JSON and by `reports list`; and a list that decoys
//! cannot push a link off.

use rocket::http::Status;
use serde_json::{json, Value};

use super::reports::{moderation_secret, report};
use crate::helpers::{spawn_app, spawn_app_on, BROWSER};
use crate::server::{run, stdout};

/// Four links that send visitors to `phish.example`, each another way, and one that
/// only names it in a query.
fn phishing_links(app: &crate::helpers::TestApp) -> Vec<crate::helpers::Link> {
    let ios = json!({ "device": "ios" });
    vec![
        app.seed_with(json!({ "target_url": "https://phish.example/own", "custom_key": "by-target" })),
        app.seed_with(json!({
            "target_url": "https://shop.example/", "custom_key": "by-rule",
            "rules": [{ "when": ios, "target_url": "https://login.phish.example/rule" }],
        })),
        app.seed_with(json!({
            "target_url": "https://shop.example/", "custom_key": "by-variant",
            "variants": [{ "target_url": "https://shop.example/a", "weight": 99 },
                         { "target_url": "https://phish.example/variant", "weight": 1 }],
        })),
        app.seed_with(json!({
            "target_url": "https://shop.example/", "custom_key": "by-expiry", "max_clicks": 1,
            "expired_url": "https://phish.example/after",
        })),
        app.seed_with(json!({ "target_url": "https://shop.example/?next=phish.example", "custom_key": "named" })),
    ]
}

/// The `phish.example` target of a listed link, and what sends visitors there.
fn phishing_target(link: &Value) -> (String, String) {
    let all = link["destinations"]
        .as_array()
        .unwrap_or_else(|| panic!("{link}"));
    let found = all
        .iter()
        .find(|d| d["target_url"].as_str().unwrap().contains("phish.example/"));
    let found = found.unwrap_or_else(|| panic!("no phish.example target: {link}"));
    (
        found["via"].as_str().unwrap().to_owned(),
        found["target_url"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn a_search_by_host_finds_every_link_that_can_send_visitors_there_and_shows_that_target() {
    let app = spawn_app();
    phishing_links(&app);
    let secret = moderation_secret(&app);

    let (status, json) = app.get_json(&format!("/moderate/{secret}?q=phish.example"));
    assert_eq!(status, Status::Ok);
    let mut found: Vec<(String, (String, String))> = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["key"].as_str().unwrap().to_owned(), phishing_target(l)))
        .collect();
    found.sort();
    let expected = [
        ("by-expiry", "expired", "https://phish.example/after"),
        ("by-rule", "rule 1", "https://login.phish.example/rule"),
        ("by-target", "default", "https://phish.example/own"),
        ("by-variant", "variant 2", "https://phish.example/variant"),
    ];
    let expected: Vec<(String, (String, String))> = expected
        .iter()
        .map(|(k, via, url)| (k.to_string(), (via.to_string(), url.to_string())))
        .collect();
    assert_eq!(
        found, expected,
        "the link that only names the host in a query is not one"
    );

    let html = app
        .get(
            &format!("/moderate/{secret}?q=phish.example"),
            Some(BROWSER),
        )
        .into_string()
        .unwrap();
    for (_, (_, url)) in &expected {
        assert!(
            html.contains(&format!(r#"href="{url}""#)),
            "{url} is shown: {html}"
        );
    }
    assert!(html.contains("Also sends visitors to"));
    assert!(html.contains("rule 1") && html.contains("variant 2") && html.contains("once expired"));
}

#[test]
fn reported_links_show_every_target_on_the_page_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_on(&dir.path().join("shortener.db"));
    let links = phishing_links(&app);
    for link in &links[1..4] {
        let (status, _) = report(
            &app,
            &link.key(),
            json!({ "reason": "phishing" }),
            "192.0.2.1:1",
        );
        assert_eq!(status, Status::Accepted);
    }
    let secret = moderation_secret(&app);
    let (_, json) = app.get_json(&format!("/moderate/{secret}"));
    let listed = json["links"].as_array().unwrap();
    assert_eq!(listed.len(), 3);
    for link in listed {
        let (via, _) = phishing_target(link);
        assert_ne!(via, "default", "{link}");
    }

    let table = stdout(&run(dir.path(), &["reports", "list"]));
    for line in [
        "also: rule 1 -> https://login.phish.example/rule",
        "also: variant 2 -> https://phish.example/variant",
        "also: expired -> https://phish.example/after",
    ] {
        assert!(table.contains(line), "{line}: {table}");
    }
    let listed: Value =
        serde_json::from_str(&stdout(&run(dir.path(), &["reports", "list", "--json"]))).unwrap();
    for link in listed["links"].as_array().unwrap() {
        phishing_target(link);
    }
}

#[test]
fn a_hundred_decoys_cannot_hide_a_newly_reported_link() {
    let app = spawn_app();
    app.set_clock("2026-12-01T10:00:00Z");
    for n in 0..100 {
        let decoy = app.seed(&format!("https://decoy.example/{n}"));
        for k in 0..3 {
            // 30 addresses, 10 reports each: within the per-address burst.
            let from = format!("198.51.100.{}:1", (n * 3 + k) / 10 + 1);
            let (status, _) = report(&app, &decoy.key(), json!({ "reason": "spam" }), &from);
            assert_eq!(status, Status::Accepted);
        }
    }
    app.set_clock("2026-12-01T10:05:00Z");
    let real = app.seed("https://phish.example/login");
    report(
        &app,
        &real.key(),
        json!({ "reason": "phishing" }),
        "192.0.2.9:1",
    );
    let secret = moderation_secret(&app);
    let keys = |json: &Value| -> Vec<String> {
        json["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["key"].as_str().unwrap().to_owned())
            .collect()
    };

    let (_, first) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(keys(&first).len(), 100);
    assert_eq!(first["page"], 1);
    assert_eq!(first["next_page"], 2, "{}", first["next_page"]);
    let (_, second) = app.get_json(&format!("/moderate/{secret}?page=2"));
    assert_eq!(keys(&second), [real.key()], "the list goes on");
    assert_eq!(second["previous_page"], 1);
    assert_eq!(second["next_page"], Value::Null);

    let (_, newest) = app.get_json(&format!("/moderate/{secret}?sort=newest"));
    assert_eq!(keys(&newest)[0], real.key(), "the newest report first");

    let html = app
        .get(&format!("/moderate/{secret}"), Some(BROWSER))
        .into_string()
        .unwrap();
    let next = format!(r#"href="/moderate/{secret}?page=2" rel="next""#);
    assert!(html.contains(&next), "{html}");
    let html = app
        .get(&format!("/moderate/{secret}?page=2"), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains(&real.key()));

    for bad in ["page=0", "page=x", "page=-1", "sort=oldest"] {
        let (status, json) = app.get_json(&format!("/moderate/{secret}?{bad}"));
        assert_eq!(status, Status::UnprocessableEntity, "{bad}: {json}");
        assert!(json["detail"].is_string());
    }
}
