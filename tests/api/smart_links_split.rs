//! Smart links' splits: visits no rule took are shared between variants by weight,
//! each visitor kept on one by a cookie. And the clicks each rule and variant took,
//! over the admin window, across restarts, and afresh once they are changed.

use std::path::Path;

use rocket::http::{Accept, ContentType, Cookie, Header, Method, Status};
use rocket::local::blocking::Client;
use serde_json::{json, Value};

use super::smart_links::{goes, rule, taken, IPHONE_SAFARI, WINDOWS_CHROME};
use crate::helpers::{figment, header, spawn_app, spawn_app_on, Link, TestApp};

pub(super) const A: &str = "https://example.com/a";
pub(super) const B: &str = "https://example.com/b";

/// An even split between `A` and `B`.
pub(super) fn halves() -> Value {
    json!([{ "target_url": A, "weight": 50 }, { "target_url": B, "weight": 50 }])
}

/// An app on `dir` whose client keeps no cookies, so every visit carries only the
/// `Cookie` header the test gives it, as a new visitor's browser would; and a link on it.
fn forgetful(dir: &Path, body: Value) -> (Client, Link) {
    let rocket = shortener::build(figment(&dir.join("split.db")));
    let client = Client::untracked(rocket).expect("valid rocket");
    let res = client
        .post("/url")
        .header(ContentType::JSON)
        .header(Accept::JSON)
        .body(body.to_string())
        .dispatch();
    assert_eq!(res.status(), Status::Created, "creating {body}");
    let link = Link(res.into_json().expect("URLInfo"));
    (client, link)
}

/// A visit to `path` sending `cookie` (if any): where it went, and the cookie it set.
fn draw(client: &Client, path: &str, cookie: Option<&str>) -> (String, Option<Cookie<'static>>) {
    let mut req = client.get(path.to_owned());
    if let Some(cookie) = cookie {
        req = req.header(Header::new("Cookie", cookie.to_owned()));
    }
    let res = req.dispatch();
    assert_eq!(res.status(), Status::TemporaryRedirect, "{cookie:?}");
    let set = Some(header(&res, "Set-Cookie")).filter(|raw| !raw.is_empty());
    let set = set.map(|raw| Cookie::parse(raw.to_owned()).expect("a cookie"));
    (header(&res, "Location").to_owned(), set)
}

/// `n` visits from a computer no rule takes: how many went to `A` and to `B`.
fn split_visits(app: &TestApp, path: &str, n: usize) -> [i64; 2] {
    let mut went = [0, 0];
    for _ in 0..n {
        match goes(app, path, &[("User-Agent", WINDOWS_CHROME)]).as_str() {
            A => went[0] += 1,
            B => went[1] += 1,
            other => panic!("a split visit went to {other}"),
        }
    }
    went
}

/// The admin JSON over the last `days` days.
fn admin(app: &TestApp, link: &Link, days: u32) -> Value {
    let (status, info) = app.get_json(&format!("{}?days={days}", link.admin_path()));
    assert_eq!(status, Status::Ok);
    info
}

#[test]
fn visits_no_rule_took_are_split_in_proportion_to_the_weights() {
    let dir = tempfile::tempdir().unwrap();
    let (client, link) = forgetful(
        dir.path(),
        json!({
            "target_url": "https://example.com/default",
            "variants": [
                { "target_url": "https://example.com/seventy", "weight": 70 },
                { "target_url": "https://example.com/thirty", "weight": 30 },
            ],
        }),
    );
    const DRAWS: u32 = 2_000;

    let mut seventy = 0;
    for _ in 0..DRAWS {
        let (to, cookie) = draw(&client, &link.path(), None);
        let cookie = cookie.expect("a new visitor is given the variant drawn");
        match to.as_str() {
            "https://example.com/seventy" => {
                assert_eq!(cookie.value(), "1");
                seventy += 1;
            }
            "https://example.com/thirty" => assert_eq!(cookie.value(), "2"),
            other => panic!("went to {other}"),
        }
    }

    // 2,000 draws: each share's standard deviation is sqrt(0.7 * 0.3 / 2000) ≈ 1
    // percentage point, so ±5 points is 5 standard deviations.
    let share = |n: u32| f64::from(n) * 100.0 / f64::from(DRAWS);
    let (first, second) = (share(seventy), share(DRAWS - seventy));
    assert!(
        (65.0..=75.0).contains(&first),
        "{first:.1}% to the variant of weight 70"
    );
    assert!(
        (25.0..=35.0).contains(&second),
        "{second:.1}% to the variant of weight 30"
    );
}

#[test]
fn a_drawn_variant_is_kept_in_a_cookie_for_the_links_path_and_followed() {
    let dir = tempfile::tempdir().unwrap();
    let body = json!({ "target_url": "https://example.com/default", "variants": halves() });
    let (client, link) = forgetful(dir.path(), body);

    let (to, cookie) = draw(&client, &link.path(), None);
    let cookie = cookie.expect("the variant drawn is kept");
    assert_eq!(cookie.name(), "variant");
    assert_eq!(
        cookie.value(),
        if to == A { "1" } else { "2" },
        "went to {to}"
    );
    assert_eq!(cookie.path(), Some(link.path().as_str()));

    // Ten visits each: a visitor who kept a cookie never lands on the other variant.
    for (sent, expected) in [
        ("variant=2", B),
        ("variant=1", A),
        ("theme=dark; variant=2", B),
    ] {
        for _ in 0..10 {
            let (to, set) = draw(&client, &link.path(), Some(sent));
            assert_eq!(to, expected, "{sent}");
            assert!(set.is_none(), "{sent}: no new cookie, got {set:?}");
        }
    }
}

#[test]
fn a_variant_cookie_out_of_range_or_garbled_is_ignored_and_a_variant_drawn_again() {
    let dir = tempfile::tempdir().unwrap();
    let body = json!({ "target_url": "https://example.com/default", "variants": halves() });
    let (client, link) = forgetful(dir.path(), body);

    for sent in [
        "variant=3",
        "variant=0",
        "variant=-1",
        "variant=abc",
        "variant=1.5",
        "variant=",
    ] {
        let (to, set) = draw(&client, &link.path(), Some(sent));
        let set = set.unwrap_or_else(|| panic!("{sent}: a new cookie"));
        assert_eq!(set.name(), "variant", "{sent}");
        let expected = match set.value() {
            "1" => A,
            "2" => B,
            other => panic!("{sent}: cookie variant={other}"),
        };
        assert_eq!(to, expected, "{sent}");
    }
}

#[test]
fn a_rule_that_holds_decides_before_the_split_and_sets_no_cookie() {
    let dir = tempfile::tempdir().unwrap();
    let body = json!({
        "target_url": "https://example.com/default",
        "rules": [rule(json!({ "query": { "src": "mail" } }), "https://example.com/mail")],
        "variants": halves(),
    });
    let (client, link) = forgetful(dir.path(), body);

    let mail = format!("{}?src=mail", link.path());
    for cookie in [None, Some("variant=2")] {
        let (to, set) = draw(&client, &mail, cookie);
        assert_eq!(to, "https://example.com/mail", "{cookie:?}");
        assert!(
            set.is_none(),
            "{cookie:?}: no variant was drawn, yet {set:?}"
        );
    }
    let (to, set) = draw(&client, &link.path(), None);
    assert!([A, B].contains(&to.as_str()), "{to}");
    assert!(set.is_some(), "without the query the split decides");
}

#[test]
fn each_rule_and_variant_counts_what_it_decided_over_the_window_and_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("choices.db");
    let app = spawn_app_on(&db);
    app.set_clock("2026-11-01T10:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "rules": [
            rule(json!({ "query": { "src": "mail" } }), "https://example.com/mail"),
            rule(json!({ "device": "ios" }), "https://example.com/ios"),
        ],
        "variants": halves(),
    }));
    let (path, mail) = (link.path(), format!("{}?src=mail", link.path()));
    for _ in 0..3 {
        assert_eq!(
            goes(&app, &mail, &[("User-Agent", IPHONE_SAFARI)]),
            "https://example.com/mail"
        );
    }
    assert_eq!(
        goes(&app, &path, &[("User-Agent", IPHONE_SAFARI)]),
        "https://example.com/ios"
    );
    let first_day = split_visits(&app, &path, 4);
    app.flush_clicks();
    app.set_clock("2026-11-20T10:00:00Z");
    for _ in 0..2 {
        assert_eq!(goes(&app, &mail, &[]), "https://example.com/mail");
    }
    let last_day = split_visits(&app, &path, 2);
    let both = [first_day[0] + last_day[0], first_day[1] + last_day[1]];

    let expect = |app: &TestApp, when: &str| {
        let week = admin(app, &link, 7);
        assert_eq!(taken(&week, "rules"), [2, 0], "{when}: the last 7 days");
        assert_eq!(
            taken(&week, "variants"),
            last_day,
            "{when}: the last 7 days"
        );
        let month = admin(app, &link, 30);
        assert_eq!(taken(&month, "rules"), [3 + 2, 1], "{when}: 30 days");
        assert_eq!(taken(&month, "variants"), both, "{when}: 30 days");
        assert_eq!(month["clicks"], 12, "{when}: every redirect is a click");
    };
    app.flush_clicks();
    expect(&app, "written");
    let other = spawn_app_on(&db);
    other.set_clock("2026-11-20T12:00:00Z");
    expect(&other, "read from the database by another instance");
    drop(other);
    app.stop();
    let again = spawn_app_on(&db);
    again.set_clock("2026-11-20T12:00:00Z");
    expect(&again, "after a restart");
}

#[test]
fn new_rules_start_their_counts_afresh_and_a_new_split_its_own() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "rules": [rule(json!({ "query": { "src": "mail" } }), "https://example.com/mail")],
        "variants": halves(),
    }));
    let (path, admin_path) = (link.path(), link.admin_path());
    let mail = format!("{path}?src=mail");
    for _ in 0..3 {
        assert_eq!(goes(&app, &mail, &[]), "https://example.com/mail");
    }
    let split = split_visits(&app, &path, 4);
    app.flush_clicks();
    assert_eq!(
        goes(&app, &mail, &[]),
        "https://example.com/mail",
        "not written yet when the rules change"
    );
    let new_rules = json!({ "rules": [rule(json!({ "query": { "src": "post" } }), "https://example.com/post")] });

    let res = app.send_json(Method::Patch, &admin_path, new_rules);
    assert_eq!(res.status(), Status::Ok);

    app.flush_clicks();
    let (_, info) = app.get_json(&admin_path);
    assert_eq!(
        taken(&info, "rules"),
        [0],
        "the new rule took nothing yet, written or pending"
    );
    assert_eq!(taken(&info, "variants"), split, "the split did not change");
    assert_eq!(info["clicks"], 8, "the link keeps its clicks");
    assert_eq!(
        goes(&app, &format!("{path}?src=post"), &[]),
        "https://example.com/post"
    );
    app.flush_clicks();
    assert_eq!(taken(&app.get_json(&admin_path).1, "rules"), [1]);

    let new_split = json!({ "variants": [{ "target_url": A, "weight": 50 }, { "target_url": "https://example.com/c", "weight": 50 }] });
    let res = app.send_json(Method::Patch, &admin_path, new_split);
    assert_eq!(res.status(), Status::Ok);
    let (_, info) = app.get_json(&admin_path);
    assert_eq!(
        taken(&info, "variants"),
        [0, 0],
        "a new split starts afresh"
    );
    assert_eq!(taken(&info, "rules"), [1], "the rules did not change");
}
