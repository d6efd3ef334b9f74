//! Reports sent in bulk: a link keeps a bounded number of them, counts every one,
//! and the moderation page costs the same however many arrived.

use rocket::http::Status;
use serde_json::json;

use super::reports::{moderation_secret, report};
use crate::helpers::{spawn_app, BROWSER};

/// Most open report rows a link keeps (`KEPT_REPORTS`).
const KEPT: i64 = 20;

#[test]
fn a_flood_of_reports_keeps_a_bounded_number_of_rows_and_counts_every_one() {
    let app = spawn_app();
    let link = app.seed("https://example.com/flooded");
    let quiet = app.seed("https://example.com/quiet");
    let text = "x".repeat(990);
    for n in 0..2000 {
        // 200 addresses, 10 reports each: the default burst of the per-address limit.
        let from = format!("198.51.{}.{}:1", n % 200 / 100, n % 100 + 1);
        let reason = if n % 4 == 0 { "phishing" } else { "spam" };
        let body = json!({ "reason": reason, "details": format!("{n} {text}") });
        let (status, json) = report(&app, &link.key(), body, &from);
        assert_eq!(status, Status::Accepted, "report {n}: {json}");
    }
    report(
        &app,
        &quiet.key(),
        json!({ "reason": "other" }),
        "192.0.2.1:1",
    );

    let rows = app.query_i64("select count(*) from report");
    assert!(rows <= KEPT + 1, "{rows} report rows kept");
    let stored = app.query_i64("select coalesce(sum(length(details)), 0) from report");
    assert!(
        stored <= (KEPT + 1) * 1000,
        "{stored} bytes of report text kept"
    );

    let secret = moderation_secret(&app);
    let res = app.get(&format!("/moderate/{secret}"), Some("application/json"));
    assert_eq!(res.status(), Status::Ok);
    let body = res.into_string().unwrap();
    assert!(
        body.len() < 16 * 1024,
        "the JSON list is {} bytes",
        body.len()
    );
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let top = &json["links"][0];
    assert_eq!(top["key"], link.key().as_str());
    assert_eq!(top["reports"], 2000, "every report counted");
    assert_eq!(top["by_reason"]["phishing"], 500);
    assert_eq!(top["by_reason"]["spam"], 1500);
    let details = top["details"].as_array().unwrap();
    assert_eq!(details.len(), 5);
    assert!(
        details[0]["details"].as_str().unwrap().starts_with("1999 "),
        "newest first"
    );
    assert_eq!(json["links"][1]["reports"], 1);

    let html = app
        .get(&format!("/moderate/{secret}"), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.len() < 64 * 1024, "the page is {} bytes", html.len());
    assert!(html.contains("2,000"), "the count is shown");

    let dismissed = app.post_form(
        &format!("/moderate/{secret}/{}", link.key()),
        "action=dismiss",
    );
    assert_eq!(dismissed.status(), Status::SeeOther);
    let (_, json) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(
        json["links"].as_array().unwrap().len(),
        1,
        "only the quiet link is left"
    );
    report(
        &app,
        &link.key(),
        json!({ "reason": "malware" }),
        "192.0.2.2:1",
    );
    let (_, json) = app.get_json(&format!("/moderate/{secret}?q={}", link.key()));
    assert_eq!(
        json["links"][0]["reports"], 1,
        "counted afresh after dismissing"
    );
    assert_eq!(json["links"][0]["by_reason"]["spam"], 0);
}
