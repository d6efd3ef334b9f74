//! A time rule switches visitors to another target later with no edit. It is shown
//! before it happens (peek, moderation), counted as a change once it has
//! (`target_changed_at`), and past `edit_lock_after_clicks` no time rule can be added
//! or changed.

use rocket::http::{Header, Method, Status};
use serde_json::{json, Value};

use super::reports::{moderation_secret, report};
use crate::helpers::{detail, spawn_app, spawn_app_with, BROWSER};

fn later(at: &str) -> Value {
    json!([{ "when": { "after": at }, "target_url": "https://phish.example/" }])
}

#[test]
fn peek_and_moderation_show_a_switch_to_come_and_it_counts_as_a_change_once_passed() {
    let app = spawn_app();
    app.set_clock("2030-12-01T10:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://shop.example/", "rules": later("2030-12-01T10:00:08Z"),
    }));
    report(
        &app,
        &link.key(),
        json!({ "reason": "phishing" }),
        "192.0.2.1:1",
    );
    let secret = moderation_secret(&app);
    let peek = format!("/peek/{}", link.key());

    let (_, before) = app.get_json(&peek);
    assert_eq!(before["target_url"], "https://shop.example/");
    assert_eq!(before["target_changed_at"], Value::Null);
    assert_eq!(before["next_switch_at"], "2030-12-01T10:00:08Z");
    let to_come = json!({ "via": "rule 1", "target_url": "https://phish.example/", "from": "2030-12-01T10:00:08Z" });
    assert_eq!(before["destinations"][1], to_come, "{before}");
    let html = app.get(&peek, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains(r#"href="https://phish.example/""#), "{html}");
    assert!(
        html.contains(r#"<time datetime="2030-12-01T10:00:08Z">Where it leads changes on"#),
        "{html}"
    );
    let (_, listed) = app.get_json(&format!("/moderate/{secret}"));
    let moderated = &listed["links"][0];
    assert_eq!(moderated["next_switch_at"], "2030-12-01T10:00:08Z");
    assert_eq!(moderated["destinations"][1], to_come);
    assert_eq!(moderated["target_changed_at"], Value::Null);
    let html = app
        .get(&format!("/moderate/{secret}"), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(
        html.contains("Next scheduled switch") && html.contains("https://phish.example/"),
        "{html}"
    );

    app.set_clock("2030-12-01T10:00:09Z");
    let res = app.get(&link.path(), None);
    assert_eq!(
        res.headers().get_one("Location"),
        Some("https://phish.example/"),
        "the switch happened"
    );
    let (_, after) = app.get_json(&peek);
    assert_eq!(
        after["target_changed_at"], "2030-12-01T10:00:08Z",
        "counted as a change"
    );
    assert_eq!(after["next_switch_at"], Value::Null);
    let (_, admin) = app.get_json(&link.admin_path());
    assert_eq!(admin["target_changed_at"], "2030-12-01T10:00:08Z");
    let (_, listed) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(
        listed["links"][0]["target_changed_at"],
        "2030-12-01T10:00:08Z"
    );
    let html = app.get(&peek, Some(BROWSER)).into_string().unwrap();
    assert!(
        html.contains(r#"<time datetime="2030-12-01T10:00:08Z">"#),
        "{html}"
    );
}

#[test]
fn a_time_boundary_from_before_the_link_was_made_is_no_change() {
    let app = spawn_app();
    app.set_clock("2030-12-01T10:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://shop.example/", "rules": later("2026-11-01T00:00:00Z"),
    }));
    let (_, peek) = app.get_json(&format!("/peek/{}", link.key()));
    assert_eq!(peek["target_url"], "https://phish.example/");
    assert_eq!(
        peek["target_changed_at"],
        Value::Null,
        "it has led there since it was made"
    );
    assert_eq!(peek["next_switch_at"], Value::Null);
}

#[test]
fn past_the_edit_lock_time_rules_are_refused_like_a_new_target() {
    let app = spawn_app_with(|f| f.merge(("edit_lock_after_clicks", 2)));
    app.set_clock("2030-12-01T10:00:00Z");
    let plain = app.seed("https://shop.example/");
    let timed = app.seed_with(json!({
        "target_url": "https://shop.example/", "rules": later("2030-12-24T00:00:00Z"),
    }));
    let patch = |admin: &str, body: Value| app.send_json(Method::Patch, admin, body);
    let ok = patch(
        &plain.admin_path(),
        json!({ "rules": later("2030-12-20T00:00:00Z") }),
    );
    assert_eq!(ok.status(), Status::Ok, "no clicks yet: allowed");
    patch(&plain.admin_path(), json!({ "rules": [] }));
    for link in [&plain, &timed] {
        for _ in 0..2 {
            app.client
                .get(link.path())
                .header(Header::new("Accept", BROWSER))
                .dispatch();
        }
    }

    let added = patch(
        &plain.admin_path(),
        json!({ "rules": later("2030-12-02T00:00:00Z") }),
    );
    assert_eq!(added.status(), Status::Conflict, "adding a time rule");
    assert_eq!(
        detail(added),
        "This link has 2 clicks; targets are locked after 2 clicks on this site"
    );
    let moved = patch(
        &timed.admin_path(),
        json!({ "rules": later("2030-12-02T00:00:00Z") }),
    );
    assert_eq!(
        moved.status(),
        Status::Conflict,
        "bringing a switch forward"
    );
    let (_, info) = app.get_json(&plain.admin_path());
    assert_eq!(info["rules"], json!([]));
    let (_, info) = app.get_json(&timed.admin_path());
    assert_eq!(info["rules"][0]["when"]["after"], "2030-12-24T00:00:00Z");
}
