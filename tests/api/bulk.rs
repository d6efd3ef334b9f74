//! Many links at once: a JSON array answered item by item, and the home page's
//! one-URL-per-line box with a table of results.

use rocket::http::Status;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, spawn_app_with};

fn items(res: rocket::local::blocking::LocalResponse<'_>) -> Vec<Value> {
    let body: Value = res.into_json().expect("a JSON array");
    body.as_array().expect("an array").clone()
}

#[test]
fn an_array_creates_each_item_in_order_and_one_bad_item_fails_alone() {
    let app = spawn_app();

    let res = app.create_json(json!([
        { "target_url": "https://example.com/one" },
        { "target_url": "not a url" },
        { "target_url": "https://example.com/two", "custom_key": "two", "max_clicks": 2, "humans_only": false },
        "https://example.com/not-an-object",
    ]));

    assert_eq!(res.status(), Status::Ok);
    let results = items(res);
    assert_eq!(results.len(), 4);
    assert_eq!(results[0]["target_url"], "https://example.com/one");
    assert!(results[0]["admin_url"]
        .as_str()
        .unwrap()
        .starts_with("http://sho.rt/admin/"));
    assert_eq!(results[1]["status"], 400);
    assert!(results[1]["detail"]
        .as_str()
        .unwrap()
        .starts_with("Your provided URL is not valid"));
    assert_eq!(results[2]["url"], "http://sho.rt/two");
    assert_eq!(results[2]["max_clicks"], 2);
    assert_eq!(results[3]["status"], 422);
    assert_eq!(app.link_count(), 2);
    let follow = app.get("/two", None);
    assert_eq!(header(&follow, "Location"), "https://example.com/two");
}

#[test]
fn bulk_items_obey_the_custom_key_rules() {
    let app = spawn_app();
    app.seed_with(json!({ "target_url": "https://example.com/", "custom_key": "taken" }));

    let results = items(app.create_json(json!([
        { "target_url": "https://example.com/a", "custom_key": "same" },
        { "target_url": "https://example.com/b", "custom_key": "same" },
        { "target_url": "https://example.com/c", "custom_key": "taken" },
        { "target_url": "https://example.com/d", "custom_key": "admin" },
        { "target_url": "https://example.com/e", "custom_key": "x" },
    ])));

    let statuses: Vec<Value> = results
        .iter()
        .map(|r| r.get("status").cloned().unwrap_or(json!(201)))
        .collect();
    assert_eq!(
        statuses,
        [json!(201), json!(409), json!(409), json!(422), json!(422)]
    );
    assert_eq!(results[1]["detail"], "Custom key 'same' is already taken");
    assert_eq!(app.link_count(), 2);
}

#[test]
fn an_empty_array_or_one_over_100_items_is_refused_whole() {
    let app = spawn_app();
    let many: Vec<Value> = (0..101)
        .map(|i| json!({ "target_url": format!("https://example.com/{i}") }))
        .collect();

    for body in [json!([]), Value::Array(many)] {
        let res = app.create_json(body);
        assert_eq!(res.status(), Status::UnprocessableEntity);
    }
    assert_eq!(app.link_count(), 0);
    let hundred: Vec<Value> = (0..100)
        .map(|i| json!({ "target_url": format!("https://example.com/{i}") }))
        .collect();
    let results = items(app.create_json(Value::Array(hundred)));
    assert!(results.iter().all(|r| r.get("url").is_some()));
    assert_eq!(app.link_count(), 100);
}

#[test]
fn the_box_creates_one_link_per_line_and_shows_a_table() {
    let app = spawn_app();
    let lines = "https://example.com/one\r\n\r\n  not a url  \r\nhttps://example.com/two\r\n";

    let res = app.create_form(&format!("target_urls={}&max_clicks=5", urlencode(lines)));

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(
        header(&res, "Cache-Control"),
        "no-store",
        "the page lists admin links"
    );
    let html = res.into_string().unwrap();
    assert!(html.contains("2 of 3 created"));
    assert!(html.contains(r#"<td class="target">https://example.com/one</td>"#));
    assert!(html.contains(
        r#"<td colspan="2" class="error" data-status="400">Your provided URL is not valid"#
    ));
    assert_eq!(
        html.matches("http://sho.rt/admin/").count(),
        4,
        "two admin links, as text and href"
    );
    assert_eq!(app.link_count(), 2);
    assert_eq!(
        app.query_i64("select count(*) from link where max_clicks = 5"),
        2,
        "options apply to every line"
    );
}

#[test]
fn a_box_with_nothing_to_create_is_refused_beside_the_box() {
    let app = spawn_app();
    for (body, status, message) in [
        (
            "target_urls=%0D%0A%20%0D%0A",
            Status::UnprocessableEntity,
            "Give at least one URL",
        ),
        (
            "target_urls=nope%0D%0Aalso-nope",
            Status::BadRequest,
            "Your provided URL is not valid",
        ),
        (
            "target_urls=https://example.com/&custom_key=abc",
            Status::UnprocessableEntity,
            "A custom key can only be given to a single link",
        ),
    ] {
        let res = app.create_form(body);
        assert_eq!(res.status(), status, "{body}");
        assert!(res.into_string().unwrap().contains(message), "{body}");
    }
    let html = app.create_form("target_urls=").into_string().unwrap();
    assert!(html.contains(r#"aria-describedby="target_urls-error""#));
    assert_eq!(app.link_count(), 0);
}

#[test]
fn the_box_answers_json_when_asked() {
    let app = spawn_app();
    let res = app.post_url(
        Some(rocket::http::ContentType::Form),
        Some("application/json"),
        "target_urls=https%3A%2F%2Fexample.com%2Fa%0Ahttps%3A%2F%2Fexample.com%2Fb",
    );
    assert_eq!(res.status(), Status::Ok);
    let results = items(res);
    assert_eq!(results.len(), 2);
    assert_eq!(results[1]["target_url"], "https://example.com/b");
}

/// An app with the default create limit: 60 a minute, a burst of 20.
fn default_limit() -> crate::helpers::TestApp {
    spawn_app_with(|f| {
        f.merge(("rate_limit.per_minute", 60))
            .merge(("rate_limit.burst", 20))
    })
}

#[test]
fn a_bulk_of_100_passwords_is_cut_at_the_create_allowance() {
    let app = default_limit();
    let hundred: Vec<Value> = (0..100)
        .map(|i| json!({ "target_url": format!("https://example.com/{i}"), "password": "long enough" }))
        .collect();

    let res = app.create_json(Value::Array(hundred));

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(header(&res, "Retry-After"), "1");
    let results = items(res);
    assert_eq!(results.len(), 100);
    assert!(results[..20]
        .iter()
        .all(|r| r["password_protected"] == true));
    assert!(
        results[20..].iter().all(|r| r["status"] == 429),
        "{results:?}"
    );
    let refused = results[20]["detail"].as_str().unwrap();
    assert!(refused.starts_with("Too many links created"), "{refused}");
    assert_eq!(app.link_count(), 20, "20 hashes, not 100");
}

#[test]
fn the_box_counts_each_line_against_the_create_allowance() {
    let app = default_limit();
    let lines: Vec<String> = (0..25)
        .map(|i| format!("https://example.com/{i}"))
        .collect();

    let res = app.create_form(&format!("target_urls={}", urlencode(&lines.join("\n"))));

    assert_eq!(res.status(), Status::Ok);
    assert!(!header(&res, "Retry-After").is_empty());
    let html = res.into_string().unwrap();
    assert!(html.contains("20 of 25 created"), "{html}");
    assert_eq!(html.matches(r#"data-status="429""#).count(), 5);
    assert_eq!(app.link_count(), 20);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn the_bulk_answer_that_carries_admin_urls_is_kept_out_of_caches() {
    let app = spawn_app();

    let res = app.create_json(json!([{ "target_url": "https://example.com/one" }]));

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    assert!(items(res)[0]["admin_url"].is_string());
}
