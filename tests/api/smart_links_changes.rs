//! Smart links as owners give and change them: rules, splits and fallbacks that
//! cannot work are refused with 422 at creation and in a PATCH, which replaces or
//! removes each part alone or with the link's other fields.

use rocket::http::{Method, Status};
use serde_json::{json, Value};

use super::smart_links::{conditions, get_with, goes, rule, IPHONE_SAFARI, WINDOWS_CHROME};
use super::smart_links_split::{halves, A, B};
use crate::helpers::{detail, header, spawn_app};

#[test]
fn rules_splits_and_fallbacks_that_cannot_work_are_refused_with_422() {
    let app = spawn_app();
    let to = "https://example.com/x";
    let ios = || rule(json!({ "device": "ios" }), to);
    let variant = |weight: i64| json!({ "target_url": to, "weight": weight });
    let (at, later) = ("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
    let (too_many_rules, too_many_variants) = (vec![ios(); 21], vec![variant(10); 6]);
    let refused = [
        ("an empty when", json!({ "rules": [rule(json!({}), to)] })),
        ("21 rules", json!({ "rules": too_many_rules })),
        (
            "an unknown device",
            json!({ "rules": [rule(json!({ "device": "watch" }), to)] }),
        ),
        (
            "after = before",
            json!({ "rules": [rule(json!({ "after": at, "before": at }), to)] }),
        ),
        (
            "after > before",
            json!({ "rules": [rule(json!({ "after": later, "before": at }), to)] }),
        ),
        (
            "an unknown condition",
            json!({ "rules": [rule(json!({ "device": "ios", "os": "ios" }), to)] }),
        ),
        (
            "an unknown rule key",
            json!({ "rules": [{ "when": { "device": "ios" }, "target_url": to, "weight": 1 }] }),
        ),
        ("rules not a list", json!({ "rules": "ios" })),
        ("one variant", json!({ "variants": [variant(100)] })),
        ("six variants", json!({ "variants": too_many_variants })),
        ("weight 0", json!({ "variants": [variant(0), variant(50)] })),
        (
            "weight 101",
            json!({ "variants": [variant(101), variant(50)] }),
        ),
        (
            "expired_url not a URL",
            json!({ "expired_url": "not a url" }),
        ),
        (
            "expired_url not http",
            json!({ "expired_url": "ftp://example.com/file" }),
        ),
        (
            "expired_url to the shortener",
            json!({ "expired_url": "http://sho.rt/other" }),
        ),
    ];
    for (case, mut body) in refused {
        body["target_url"] = json!("https://example.com/home");
        let res = app.create_json(body.clone());
        assert_eq!(res.status(), Status::UnprocessableEntity, "{case}: {body}");
    }
    assert_eq!(app.link_count(), 0);

    let twenty = vec![ios(); 20];
    let most = json!({
        "target_url": "https://example.com/home",
        "rules": twenty,
        "variants": [variant(1), variant(100), variant(5), variant(5), variant(5)],
    });
    let made = app.seed_with(most);
    assert_eq!(made.0["rules"].as_array().unwrap().len(), 20);
    assert_eq!(made.0["variants"].as_array().unwrap().len(), 5);
}

#[test]
fn a_rule_target_that_is_not_a_valid_link_is_refused_with_the_rules_place() {
    let app = spawn_app();
    let ios = |target: &str| rule(json!({ "device": "ios" }), target);

    for (rules, start) in [
        (json!([ios("ftp://x")]), "Rule 1: "),
        (json!([ios("http://sho.rt/loop")]), "Rule 1: "),
        (
            json!([ios("https://example.com/fine"), ios("javascript:alert(1)")]),
            "Rule 2: ",
        ),
    ] {
        let res = app.create_json(json!({ "target_url": "https://example.com/", "rules": rules }));
        assert_eq!(res.status(), Status::UnprocessableEntity, "{rules}");
        let message = detail(res);
        assert!(message.starts_with(start), "{rules}: {message}");
    }
    assert_eq!(app.link_count(), 0);
}

#[test]
fn patch_replaces_and_removes_rules_split_fallback_and_humans_only() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "rules": [rule(json!({ "device": "ios" }), "https://example.com/ios")],
        "variants": halves(),
    }));
    let (path, admin_path) = (link.path(), link.admin_path());
    let patch = |body: Value| {
        let res = app.send_json(Method::Patch, &admin_path, body.clone());
        assert_eq!(res.status(), Status::Ok, "{body}");
        res.into_json::<Value>().expect("URLInfo")
    };
    let german = [("User-Agent", IPHONE_SAFARI), ("Accept-Language", "de-DE")];

    let info = patch(json!({
        "rules": [rule(json!({ "language": "de" }), "https://Example.DE")],
        "expired_url": "https://example.com/over",
        "humans_only": true,
    }));
    assert_eq!(info["rules"].as_array().unwrap().len(), 1);
    assert_eq!(conditions(&info["rules"][0]), json!({ "language": "de" }));
    assert_eq!(info["rules"][0]["target_url"], "https://example.de/");
    assert_eq!(
        info["variants"].as_array().unwrap().len(),
        2,
        "the split stays"
    );
    assert_eq!(info["expired_url"], "https://example.com/over");
    assert_eq!(info["humans_only"], true);
    assert_eq!(
        goes(&app, &path, &german),
        "https://example.de/",
        "no stale cache"
    );
    let old_rule = goes(&app, &path, &[("User-Agent", IPHONE_SAFARI)]);
    assert!(
        [A, B].contains(&old_rule.as_str()),
        "the ios rule is gone: {old_rule}"
    );
    let scanner = get_with(&app, &path, &[("User-Agent", "Twitterbot/1.0")]);
    assert_eq!(scanner.status(), Status::Ok, "humans only now");

    let info = patch(json!({ "variants": [] }));
    assert_eq!(info["variants"], json!([]));
    assert_eq!(info["rules"].as_array().unwrap().len(), 1, "the rules stay");
    let res = get_with(&app, &path, &[("User-Agent", WINDOWS_CHROME)]);
    assert_eq!(header(&res, "Location"), "https://example.com/home");
    assert_eq!(header(&res, "Set-Cookie"), "");

    let info = patch(json!({
        "target_url": "https://example.org/moved",
        "rules": [],
        "expired_url": null,
        "humans_only": false,
    }));
    let (_, shown) = app.get_json(&admin_path);
    for (answer, info) in [("the PATCH", &info), ("the admin JSON", &shown)] {
        assert_eq!(info["target_url"], "https://example.org/moved", "{answer}");
        assert_eq!(info["rules"], json!([]), "{answer}");
        assert_eq!(info["variants"], json!([]), "{answer}");
        assert_eq!(info["expired_url"], Value::Null, "{answer}");
        assert_eq!(info["humans_only"], false, "{answer}");
    }
    assert_eq!(goes(&app, &path, &german), "https://example.org/moved");
    let scanner = goes(&app, &path, &[("User-Agent", "Twitterbot/1.0")]);
    assert_eq!(scanner, "https://example.org/moved");
}

#[test]
fn refused_smart_changes_are_422_and_leave_the_link_as_it_was() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/home",
        "rules": [rule(json!({ "device": "ios" }), "https://example.com/ios")],
    }));
    let to = "https://example.com/x";

    for body in [
        json!({ "rules": [rule(json!({}), to)] }),
        json!({ "rules": [rule(json!({ "device": "watch" }), to)] }),
        json!({ "variants": [{ "target_url": to, "weight": 50 }] }),
        json!({ "expired_url": "ftp://example.com/" }),
        json!({ "humans_only": "yes" }),
    ] {
        let res = app.send_json(Method::Patch, &link.admin_path(), body.clone());
        assert_eq!(res.status(), Status::UnprocessableEntity, "{body}");
    }

    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["rules"].as_array().unwrap().len(), 1);
    assert_eq!(conditions(&info["rules"][0]), json!({ "device": "ios" }));
    assert_eq!(info["variants"], json!([]));
    assert_eq!(info["expired_url"], Value::Null);
    assert_eq!(info["humans_only"], false);
    let to = goes(&app, &link.path(), &[("User-Agent", IPHONE_SAFARI)]);
    assert_eq!(to, "https://example.com/ios");
}
