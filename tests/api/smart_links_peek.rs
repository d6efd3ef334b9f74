//! Peek on smart links: which rule or variant would decide a visit (for a device,
//! language, query and time of the asker's choosing, else the asker's own), and the
//! fallback after the end, without counting anything.

use rocket::http::{ContentType, Status};
use serde_json::{json, Value};

use super::smart_links::{get_with, goes, rule, taken, IPHONE_SAFARI, WINDOWS_CHROME};
use super::smart_links_humans::clicks;
use crate::helpers::{spawn_app, Link, TestApp, BROWSER};

/// `GET /peek/<key><query>` in JSON, sending these headers too.
fn peek(
    app: &TestApp,
    link: &Link,
    query: &str,
    headers: &[(&'static str, &str)],
) -> (Status, Value) {
    let mut sent: Vec<(&'static str, &str)> = vec![("Accept", "application/json")];
    sent.extend_from_slice(headers);
    let res = get_with(app, &format!("/peek/{}{query}", link.key()), &sent);
    (res.status(), res.into_json().unwrap_or(Value::Null))
}

/// A link with a rule of each kind, made at a fixed time.
fn ruled(app: &TestApp) -> Link {
    app.set_clock("2026-11-01T10:00:00Z");
    let christmas = json!({ "after": "2026-12-24T00:00:00Z", "before": "2026-12-27T00:00:00Z" });
    app.seed_with(json!({
        "target_url": "https://example.com/home",
        "rules": [
            rule(json!({ "device": "ios" }), "https://example.com/ios"),
            rule(json!({ "language": "de" }), "https://example.com/de"),
            rule(json!({ "query": { "src": "a b" } }), "https://example.com/src"),
            rule(christmas, "https://example.com/christmas"),
        ],
    }))
}

#[test]
fn peek_says_which_rule_would_decide_for_the_visitor_described() {
    let app = spawn_app();
    let link = ruled(&app);

    for (query, target, decided_by) in [
        ("?device=ios", "https://example.com/ios", "rule 1"),
        (
            "?device=android&language=de",
            "https://example.com/de",
            "rule 2",
        ),
        (
            "?device=desktop&src=a%20b",
            "https://example.com/src",
            "rule 3",
        ),
        ("?src=a+b", "https://example.com/src", "rule 3"),
        (
            "?at=2026-12-25T08%3A00%3A00Z",
            "https://example.com/christmas",
            "rule 4",
        ),
        (
            "?at=2026-12-27T00%3A00%3A00Z",
            "https://example.com/home",
            "default",
        ),
        (
            "?device=android&language=en&src=other",
            "https://example.com/home",
            "default",
        ),
        ("", "https://example.com/home", "default"),
    ] {
        let (status, answer) = peek(&app, &link, query, &[]);
        assert_eq!(status, Status::Ok, "{query}");
        let expected = json!({
            "target_url": target,
            "url": link.str("url"),
            "target_changed_at": null,
            "decided_by": decided_by,
        });
        let fields = ["target_url", "url", "target_changed_at", "decided_by"];
        let answered: serde_json::Map<String, Value> = fields
            .iter()
            .map(|f| (f.to_string(), answer[f].clone()))
            .collect();
        assert_eq!(Value::Object(answered), expected, "{query}");
        assert_eq!(
            answer["destinations"].as_array().map(Vec::len),
            Some(5),
            "{answer}"
        );
    }
}

#[test]
fn peek_without_device_or_language_asks_as_the_request_itself() {
    let app = spawn_app();
    let link = ruled(&app);

    for (query, headers, decided_by) in [
        ("", &[("User-Agent", IPHONE_SAFARI)][..], "rule 1"),
        (
            "",
            &[
                ("User-Agent", WINDOWS_CHROME),
                ("Accept-Language", "de-CH, en;q=0.5"),
            ][..],
            "rule 2",
        ),
        (
            "?device=desktop",
            &[("User-Agent", IPHONE_SAFARI)][..],
            "default",
        ),
        (
            "?language=en",
            &[("User-Agent", WINDOWS_CHROME), ("Accept-Language", "de")][..],
            "default",
        ),
    ] {
        let (status, answer) = peek(&app, &link, query, headers);
        assert_eq!(status, Status::Ok, "{query} {headers:?}");
        assert_eq!(answer["decided_by"], decided_by, "{query} {headers:?}");
    }
}

#[test]
fn peek_of_a_split_names_the_variant_it_drew() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "variants": [
            { "target_url": "https://example.com/a", "weight": 50 },
            { "target_url": "https://example.com/b", "weight": 50 },
        ],
    }));

    for _ in 0..20 {
        let (_, answer) = peek(&app, &link, "", &[]);
        let target = match answer["decided_by"].as_str() {
            Some("variant 1") => "https://example.com/a",
            Some("variant 2") => "https://example.com/b",
            _ => panic!("{answer}"),
        };
        assert_eq!(answer["target_url"], target);
    }
}

#[test]
fn peek_after_the_expiry_shows_the_expired_url_or_answers_410() {
    let app = spawn_app();
    app.set_clock("2026-11-28T10:00:00Z");
    let mut sale =
        json!({ "target_url": "https://example.com/sale", "expires_at": "2026-12-01T00:00:00Z" });
    let without = app.seed_with(sale.clone());
    sale["expired_url"] = json!("https://example.com/over");
    let with = app.seed_with(sale);
    let (before, after) = (
        "?at=2026-11-30T23%3A59%3A59Z",
        "?at=2026-12-01T00%3A00%3A01Z",
    );

    let (status, answer) = peek(&app, &with, after, &[]);
    assert_eq!(status, Status::Ok);
    assert_eq!(answer["decided_by"], "expired");
    assert_eq!(answer["target_url"], "https://example.com/over");
    for link in [&with, &without] {
        let (status, answer) = peek(&app, link, before, &[]);
        assert_eq!(status, Status::Ok);
        assert_eq!(answer["decided_by"], "default");
        assert_eq!(answer["target_url"], "https://example.com/sale");
    }
    assert_eq!(peek(&app, &without, after, &[]).0, Status::Gone);

    let used_up = app.seed_with(json!({
        "target_url": "https://example.com/seat",
        "max_clicks": 1,
        "expired_url": "https://example.com/sold-out",
    }));
    let person = [(
        "User-Agent",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    )];
    assert_eq!(
        goes(&app, &used_up.path(), &person),
        "https://example.com/seat"
    );
    let (_, answer) = peek(&app, &used_up, "", &[]);
    assert_eq!(answer["decided_by"], "expired");
    assert_eq!(answer["target_url"], "https://example.com/sold-out");
}

#[test]
fn peek_refuses_a_device_or_time_it_cannot_be() {
    let app = spawn_app();
    let link = ruled(&app);

    for query in [
        "?device=phone",
        "?device=windows",
        "?at=tomorrow",
        "?at=2026-13-01T00%3A00%3A00Z",
    ] {
        let (status, answer) = peek(&app, &link, query, &[]);
        assert_eq!(status, Status::UnprocessableEntity, "{query}");
        let detail = answer["detail"]
            .as_str()
            .unwrap_or_else(|| panic!("{query}: {answer}"));
        assert!(!detail.is_empty(), "{query}");
    }
}

#[test]
fn peek_counts_nothing_and_its_page_shows_what_decided() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "rules": [rule(json!({ "device": "ios" }), "https://example.com/ios")],
        "variants": [
            { "target_url": "https://example.com/a", "weight": 50 },
            { "target_url": "https://example.com/b", "weight": 50 },
        ],
    }));
    for query in ["?device=ios", "", "?device=desktop", "?src=x"] {
        assert_eq!(
            peek(&app, &link, query, &[("User-Agent", IPHONE_SAFARI)]).0,
            Status::Ok
        );
    }

    let page = app.get(&format!("/peek/{}?device=ios", link.key()), Some(BROWSER));
    assert_eq!(page.status(), Status::Ok);
    assert_eq!(page.content_type(), Some(ContentType::HTML));
    let html = page.into_string().unwrap();
    assert!(html.contains("https://example.com/ios"), "{html}");
    assert!(html.contains("rule 1"), "what decided is shown: {html}");

    assert_eq!(clicks(&app, &link), 0);
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(taken(&info, "rules"), [0]);
    assert_eq!(taken(&info, "variants"), [0, 0]);
}
