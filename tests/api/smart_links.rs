//! Smart links: rules that send some visitors elsewhere by device, language, query
//! and time (the first rule whose conditions all hold decides), as they are given
//! and shown back. Refusals and changes: `smart_links_changes`; splits and counts:
//! `smart_links_split`; link scanners and the fallback after the end:
//! `smart_links_humans`; peek: `smart_links_peek`.

use rocket::http::{Header, Status};
use rocket::local::blocking::LocalResponse;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, TestApp};

pub(super) const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
pub(super) const WINDOWS_CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// Real browsers' User-Agents: the browser, the platform a device rule sees, the header.
const DEVICES: [(&str, &str, &str); 10] = [
    ("iPhone Safari", "ios", IPHONE_SAFARI),
    ("iPhone Chrome", "ios", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1"),
    ("iPad on iOS 12", "ios", "Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1"),
    ("Pixel Chrome", "android", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
    ("Samsung Internet", "android", "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36"),
    ("Firefox for Android", "android", "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"),
    ("Windows Chrome", "desktop", WINDOWS_CHROME),
    ("Windows Edge", "desktop", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
    ("macOS Safari", "desktop", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"),
    ("Linux Firefox", "desktop", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"),
];

/// A GET of `path` sending these headers.
pub(super) fn get_with<'a>(
    app: &'a TestApp,
    path: &str,
    headers: &[(&'static str, &str)],
) -> LocalResponse<'a> {
    let mut req = app.client.get(path.to_owned());
    for &(name, value) in headers {
        req = req.header(Header::new(name, value.to_owned()));
    }
    req.dispatch()
}

/// Where a visit sending these headers is forwarded, failing unless it is a 307.
pub(super) fn goes(app: &TestApp, path: &str, headers: &[(&'static str, &str)]) -> String {
    let res = get_with(app, path, headers);
    assert_eq!(
        res.status(),
        Status::TemporaryRedirect,
        "{path} with {headers:?}"
    );
    header(&res, "Location").to_owned()
}

/// A rule as the API takes it.
pub(super) fn rule(when: Value, target: &str) -> Value {
    json!({ "when": when, "target_url": target })
}

/// A returned rule's conditions, leaving out those it does not have (absent, null, `{}`).
pub(super) fn conditions(rule: &Value) -> Value {
    let when = rule["when"]
        .as_object()
        .unwrap_or_else(|| panic!("no `when` in {rule}"));
    let given = when
        .iter()
        .filter(|(_, v)| !v.is_null() && **v != json!({}));
    Value::Object(given.map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// The clicks of each of the link's `rules` or `variants`, in order.
pub(super) fn taken(info: &Value, list: &str) -> Vec<i64> {
    let each = info[list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {info}"));
    each.iter()
        .map(|one| {
            one["clicks"]
                .as_i64()
                .unwrap_or_else(|| panic!("no clicks in {one}"))
        })
        .collect()
}

#[test]
fn a_link_without_rules_or_variants_forwards_as_before_and_sets_no_cookie() {
    let app = spawn_app();
    let link = app.seed("https://example.com/plain");
    assert_eq!(link.0["rules"], json!([]));
    assert_eq!(link.0["variants"], json!([]));
    assert_eq!(link.0["expired_url"], Value::Null);
    assert_eq!(link.0["humans_only"], false);

    for ua in [IPHONE_SAFARI, WINDOWS_CHROME] {
        let headers = [
            ("User-Agent", ua),
            ("Accept-Language", "de-DE"),
            ("Cookie", "variant=2"),
        ];
        let res = get_with(&app, &format!("{}?src=mail", link.path()), &headers);
        assert_eq!(res.status(), Status::TemporaryRedirect);
        assert_eq!(header(&res, "Location"), "https://example.com/plain");
        assert_eq!(header(&res, "Set-Cookie"), "", "{ua}");
    }
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 2);
    assert_eq!(info["rules"], json!([]));
    assert_eq!(info["variants"], json!([]));
}

#[test]
fn a_created_smart_link_answers_its_rules_and_split_normalised_with_utc_times() {
    let app = spawn_app();
    app.set_clock("2026-11-01T10:00:00Z");
    let in_december = json!({
        "query": { "src": "a b" },
        "after": "2026-12-01T10:00:00+01:00",
        "before": "2026-12-31T23:00:00Z",
    });
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "rules": [
            rule(json!({ "device": "ios", "language": "de" }), "https://Apps.Apple.COM"),
            rule(in_december, "https://example.com/q"),
        ],
        "variants": [
            { "target_url": "https://Example.ORG", "weight": 70 },
            { "target_url": "https://example.org/b", "weight": 30 },
        ],
        "expired_url": "https://Example.NET",
    }));

    let (_, admin) = app.get_json(&link.admin_path());
    for (answer, info) in [("the 201", &link.0), ("the admin JSON", &admin)] {
        let rules = info["rules"]
            .as_array()
            .unwrap_or_else(|| panic!("{answer}: {info}"));
        assert_eq!(rules.len(), 2, "{answer}");
        assert_eq!(
            conditions(&rules[0]),
            json!({ "device": "ios", "language": "de" }),
            "{answer}"
        );
        assert_eq!(
            rules[0]["target_url"], "https://apps.apple.com/",
            "{answer}"
        );
        let times = json!({
            "query": { "src": "a b" },
            "after": "2026-12-01T09:00:00Z",
            "before": "2026-12-31T23:00:00Z",
        });
        assert_eq!(conditions(&rules[1]), times, "{answer}: times in UTC");
        assert_eq!(rules[1]["target_url"], "https://example.com/q", "{answer}");
        assert!(rules.iter().all(|r| r["clicks"] == 0), "{answer}: {info}");
        let variants = json!([
            { "target_url": "https://example.org/", "weight": 70, "clicks": 0 },
            { "target_url": "https://example.org/b", "weight": 30, "clicks": 0 },
        ]);
        assert_eq!(info["variants"], variants, "{answer}");
        assert_eq!(info["expired_url"], "https://example.net/", "{answer}");
        assert_eq!(info["humans_only"], false, "{answer}: no click limit");
        assert_eq!(info["target_url"], "https://example.com/home", "{answer}");
    }
}

#[test]
fn device_rules_send_real_browsers_to_their_platforms_target() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/other",
        "rules": [
            rule(json!({ "device": "ios" }), "https://example.com/ios"),
            rule(json!({ "device": "android" }), "https://example.com/android"),
            rule(json!({ "device": "desktop" }), "https://example.com/desktop"),
        ],
    }));

    for (browser, platform, ua) in DEVICES {
        let to = goes(&app, &link.path(), &[("User-Agent", ua)]);
        assert_eq!(to, format!("https://example.com/{platform}"), "{browser}");
    }
    app.flush_clicks();
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 10, "every redirect is a click");
    assert_eq!(taken(&info, "rules"), [3, 3, 4]);
}

#[test]
fn a_mobile_rule_takes_every_phone_and_tablet_and_no_computer() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/site",
        "rules": [rule(json!({ "device": "mobile" }), "https://m.example.com/")],
    }));

    for (browser, platform, ua) in DEVICES {
        let expected = match platform {
            "desktop" => "https://example.com/site",
            _ => "https://m.example.com/",
        };
        assert_eq!(
            goes(&app, &link.path(), &[("User-Agent", ua)]),
            expected,
            "{browser}"
        );
    }
}

#[test]
fn a_language_rule_follows_the_language_the_visitor_ranks_highest() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/en",
        "rules": [rule(json!({ "language": "de" }), "https://example.com/de")],
    }));

    for (accept_language, expected) in [
        ("de-AT,en;q=0.8", "https://example.com/de"),
        ("en;q=0.5, de-CH;q=0.9", "https://example.com/de"),
        ("de", "https://example.com/de"),
        ("en-US,en;q=0.9,de;q=0.8", "https://example.com/en"),
        ("fr-CH, fr;q=0.9", "https://example.com/en"),
    ] {
        let headers = [
            ("User-Agent", WINDOWS_CHROME),
            ("Accept-Language", accept_language),
        ];
        assert_eq!(
            goes(&app, &link.path(), &headers),
            expected,
            "{accept_language}"
        );
    }
    let headers = [("User-Agent", WINDOWS_CHROME)];
    assert_eq!(
        goes(&app, &link.path(), &headers),
        "https://example.com/en",
        "no header"
    );
}

#[test]
fn query_rules_compare_decoded_values_and_need_every_parameter_they_name() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "rules": [
            rule(json!({ "query": { "src": "a b" } }), "https://example.com/space"),
            rule(json!({ "query": { "src": "mail", "ref": "x" } }), "https://example.com/both"),
        ],
    }));
    let path = link.path();

    for (query, expected) in [
        ("?src=a%20b", "https://example.com/space"),
        ("?src=a+b", "https://example.com/space"),
        ("?%73rc=a+b", "https://example.com/space"),
        ("?src=a%2Bb", "https://example.com/home"),
        ("?src=mail", "https://example.com/home"),
        ("?src=mail&ref=x", "https://example.com/both"),
        ("?ref=x&other=1&src=mail", "https://example.com/both"),
        ("?ref=x", "https://example.com/home"),
        ("", "https://example.com/home"),
    ] {
        assert_eq!(
            goes(&app, &format!("{path}{query}"), &[]),
            expected,
            "{query}"
        );
    }
}

#[test]
fn time_rules_hold_from_after_until_just_before_before() {
    let app = spawn_app();
    app.set_clock("2026-11-01T10:00:00Z");
    let christmas = json!({ "after": "2026-12-24T00:00:00Z", "before": "2026-12-27T00:00:00Z" });
    let link = app.seed_with(json!({
        "target_url": "https://example.com/shop",
        "rules": [
            rule(json!({ "before": "2026-12-01T00:00:00Z" }), "https://example.com/early"),
            rule(christmas, "https://example.com/christmas"),
            rule(json!({ "after": "2027-01-01T00:00:00Z" }), "https://example.com/new-year"),
        ],
    }));

    for (now, expected) in [
        ("2026-11-30T23:59:59Z", "https://example.com/early"),
        ("2026-12-01T00:00:00Z", "https://example.com/shop"),
        ("2026-12-23T23:59:59Z", "https://example.com/shop"),
        ("2026-12-24T00:00:00Z", "https://example.com/christmas"),
        ("2026-12-26T23:59:59Z", "https://example.com/christmas"),
        ("2026-12-27T00:00:00Z", "https://example.com/shop"),
        ("2026-12-31T23:59:59Z", "https://example.com/shop"),
        ("2027-01-01T00:00:00Z", "https://example.com/new-year"),
    ] {
        app.set_clock(now);
        assert_eq!(goes(&app, &link.path(), &[]), expected, "at {now}");
    }
}

#[test]
fn the_first_rule_whose_conditions_all_hold_decides() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/default",
        "rules": [
            rule(json!({ "device": "ios", "language": "de" }), "https://example.com/ios-de"),
            rule(json!({ "device": "ios" }), "https://example.com/ios"),
            rule(json!({ "language": "de" }), "https://example.com/de"),
            rule(json!({ "device": "ios", "language": "de", "query": { "x": "1" } }), "https://example.com/never"),
        ],
    }));

    for (ua, language, expected) in [
        (IPHONE_SAFARI, "de-DE", "https://example.com/ios-de"),
        (IPHONE_SAFARI, "en-GB", "https://example.com/ios"),
        (WINDOWS_CHROME, "de-DE", "https://example.com/de"),
        (WINDOWS_CHROME, "en-GB", "https://example.com/default"),
    ] {
        let headers = [("User-Agent", ua), ("Accept-Language", language)];
        let to = goes(&app, &format!("{}?x=1", link.path()), &headers);
        assert_eq!(to, expected, "{ua} {language}");
    }
}

#[test]
fn a_link_that_forwards_queries_adds_the_visitors_query_to_a_rules_target() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "forward_query": true,
        "rules": [rule(json!({ "query": { "src": "mail" } }), "https://example.com/mail?from=rule")],
    }));
    let path = link.path();

    let to = goes(&app, &format!("{path}?src=mail&id=7"), &[]);
    assert_eq!(to, "https://example.com/mail?from=rule&src=mail&id=7");
    assert_eq!(
        goes(&app, &format!("{path}?id=7"), &[]),
        "https://example.com/home?id=7"
    );
}
