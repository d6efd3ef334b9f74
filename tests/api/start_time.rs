//! A start time per link: before it, visitors get a 404 that says when (a page, or
//! `{"detail", "starts_at"}`), nothing is counted, and peek says when; from it on
//! the link forwards as any other. Set at creation (JSON and the form) and by the
//! owner (PATCH and the admin page's form); time rules keep their own times.

use rocket::http::{Accept, ContentType, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{detail, header, spawn_app, spawn_app_with, BROWSER};

#[test]
fn before_its_start_a_link_says_when_and_counts_nothing_then_forwards() {
    let app = spawn_app();
    app.set_clock("2030-03-01T09:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://example.com/launch",
        "starts_at": "2030-03-01T12:00:00+02:00",
    }));
    assert_eq!(link.str("starts_at"), "2030-03-01T10:00:00Z");

    let res = app.get(&link.path(), Some("application/json"));
    assert_eq!(res.status(), Status::NotFound);
    assert_eq!(header(&res, "Location"), "");
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    let body: Value = res.into_json().unwrap();
    assert_eq!(body["starts_at"], "2030-03-01T10:00:00Z");
    assert!(
        body["detail"].as_str().unwrap().contains("not live yet"),
        "{body}"
    );
    let page = app.get(&link.path(), Some(BROWSER));
    assert_eq!(page.status(), Status::NotFound);
    let html = page.into_string().unwrap();
    assert!(
        html.contains("not live yet") && html.contains("March 1, 2030, 10:00 UTC"),
        "{html}"
    );
    assert_eq!(
        app.client.head(link.path()).dispatch().status(),
        Status::NotFound
    );
    let (peek, said) = app.get_json(&format!("/peek/{}", link.key()));
    assert_eq!(peek, Status::NotFound);
    assert_eq!(said["starts_at"], "2030-03-01T10:00:00Z");
    let (later, seen) = app.get_json(&format!("/peek/{}?at=2030-03-01T10:00:00Z", link.key()));
    assert_eq!(later, Status::Ok, "peek at the start sees the target");
    assert_eq!(seen["target_url"], "https://example.com/launch");
    app.flush_clicks();
    let info = app.owner_view(&link.admin_path());
    assert_eq!(info["clicks"], 0, "nothing counted before the start");
    let admin = app.get(&link.admin_path(), Some(BROWSER));
    let admin = admin.into_string().unwrap();
    assert!(admin.contains("Not live yet"), "the owner sees the status");

    app.set_clock("2030-03-01T10:00:00Z");
    let res = app.get(&link.path(), None);
    assert_eq!(
        res.status(),
        Status::TemporaryRedirect,
        "live from the start"
    );
    assert_eq!(header(&res, "Location"), "https://example.com/launch");
    app.flush_clicks();
    assert_eq!(app.owner_view(&link.admin_path())["clicks"], 1);
}

#[test]
fn a_protected_or_limited_link_waits_for_its_start_before_asking_or_counting() {
    let app = spawn_app();
    app.set_clock("2030-03-01T09:00:00Z");
    let protected = app.seed_with(json!({
        "target_url": "https://example.com/secret",
        "starts_at": "2030-03-02T00:00:00Z",
        "password": "open sesame",
    }));
    let limited = app.seed_with(json!({
        "target_url": "https://example.com/once",
        "starts_at": "2030-03-02T00:00:00Z",
        "max_clicks": 1,
        "humans_only": false,
    }));
    let asked = app.get(&protected.path(), Some("application/json"));
    assert_eq!(asked.status(), Status::NotFound, "no password form yet");
    let unlock = app
        .client
        .post(protected.path())
        .header(ContentType::Form)
        .header(Accept::JSON)
        .body("password=open+sesame")
        .dispatch();
    assert_eq!(unlock.status(), Status::NotFound, "the right password too");
    for _ in 0..3 {
        assert_eq!(app.get(&limited.path(), None).status(), Status::NotFound);
    }

    app.set_clock("2030-03-02T00:00:01Z");
    assert_eq!(
        app.get(&limited.path(), None).status(),
        Status::TemporaryRedirect,
        "the visits before the start took none of the limit"
    );
    assert_eq!(app.get(&limited.path(), None).status(), Status::Gone);
    assert_eq!(
        app.get(&protected.path(), Some("application/json"))
            .status(),
        Status::Unauthorized
    );
}

#[test]
fn the_form_takes_a_start_time_as_utc_and_refuses_one_not_before_the_expiry() {
    let app = spawn_app();
    app.set_clock("2030-03-01T09:00:00Z");
    let res = app.create_form("target_url=https://example.com/&starts_at=2030-03-05T08%3A30");
    assert_eq!(res.status(), Status::SeeOther);
    let admin = header(&res, "Location").to_owned();
    let info = app.owner_view(&admin);
    assert_eq!(info["starts_at"], "2030-03-05T08:30:00Z");
    let html = app.get(&admin, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains("March 5, 2030, 08:30 UTC"), "{html}");

    let cases = [
        (
            "starts_at=2030-04-01T00%3A00&expires_at=2030-04-01T00%3A00",
            "before expires_at",
        ),
        ("starts_at=tomorrow", "date and time"),
        ("starts_at=9999-12-31T23%3A59%3A59-01%3A00", "year 10000"),
    ];
    for (fields, said) in cases {
        let page = app.post_form("/url", &format!("target_url=https://example.com/&{fields}"));
        assert_eq!(page.status(), Status::UnprocessableEntity, "{fields}");
        let html = page.into_string().unwrap();
        assert!(
            html.contains("id=\"starts_at-error\""),
            "beside the field: {fields}"
        );
        assert!(html.contains(said), "{fields}: {said}");
    }
    let before = app.link_count();
    let json = app.create_json(json!({
        "target_url": "https://example.com/",
        "starts_at": "2030-05-01T00:00:00Z",
        "expires_at": "2030-04-01T00:00:00Z",
    }));
    assert_eq!(json.status(), Status::UnprocessableEntity);
    assert!(detail(json).contains("starts_at must come before expires_at"));
    assert_eq!(app.link_count(), before, "nothing stored");
}

#[test]
fn an_owner_sets_moves_and_removes_the_start_time() {
    let app = spawn_app_with(|f| f.merge(("owner_rate_limit.per_minute", 0)));
    app.set_clock("2030-03-01T09:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://example.com/",
        "expires_at": "2030-06-01T00:00:00Z",
    }));
    assert_eq!(link.0["starts_at"], Value::Null);
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect,
        "cached as live"
    );

    let admin = link.admin_path();
    let res = app.send_json(
        Method::Patch,
        &admin,
        json!({ "starts_at": "2030-04-01T00:00:00Z" }),
    );
    assert_eq!(res.status(), Status::Ok);
    let info: Value = res.into_json().unwrap();
    assert_eq!(info["starts_at"], "2030-04-01T00:00:00Z");
    assert_eq!(info["expires_at"], "2030-06-01T00:00:00Z", "the rest stays");
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::NotFound,
        "the cached target follows the change"
    );

    let late = app.send_json(
        Method::Patch,
        &admin,
        json!({ "starts_at": "2030-07-01T00:00:00Z" }),
    );
    assert_eq!(late.status(), Status::UnprocessableEntity);
    assert!(detail(late).contains("before expires_at"));
    for bad in [json!(5), json!("soon"), json!([])] {
        let res = app.send_json(Method::Patch, &admin, json!({ "starts_at": bad }));
        assert_eq!(res.status(), Status::UnprocessableEntity, "{bad}");
    }
    assert_eq!(
        app.owner_view(&admin)["starts_at"],
        "2030-04-01T00:00:00Z",
        "nothing refused changed it"
    );

    let form = |body: &str| app.admin_form(&admin, body);
    let refused = form("_method=PATCH&schedule=1&starts_at=2030-07-01T00%3A00");
    assert_eq!(refused.status(), Status::UnprocessableEntity);
    let html = refused.into_string().unwrap();
    assert!(
        html.contains("id=\"new_starts_at-error\"") && !html.contains("id=\"new_target-error\""),
        "the message is beside the start time"
    );
    let moved = form("_method=PATCH&schedule=1&starts_at=2030-03-15T12%3A00");
    assert_eq!(moved.status(), Status::SeeOther);
    let page = app.get(&admin, Some(BROWSER)).into_string().unwrap();
    assert!(
        page.contains("Saved: the start time."),
        "the notice says what"
    );
    assert!(
        page.contains("value=\"2030-03-15T12:00:00\""),
        "the field shows it"
    );
    assert_eq!(app.owner_view(&admin)["starts_at"], "2030-03-15T12:00:00Z");

    let cleared = form("_method=PATCH&schedule=1&starts_at=");
    assert_eq!(cleared.status(), Status::SeeOther);
    assert_eq!(app.owner_view(&admin)["starts_at"], Value::Null);
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );
    app.send_json(
        Method::Patch,
        &admin,
        json!({ "starts_at": "2030-04-01T00:00:00Z" }),
    );
    let res = app.send_json(Method::Patch, &admin, json!({ "starts_at": null }));
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.into_json::<Value>().unwrap()["starts_at"], Value::Null);
}

#[test]
fn time_rules_keep_their_own_times_on_a_link_with_a_start() {
    let app = spawn_app();
    app.set_clock("2030-03-01T09:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://example.com/early",
        "starts_at": "2030-03-02T00:00:00Z",
        "rules": [{ "when": { "after": "2030-03-03T00:00:00Z" }, "target_url": "https://example.com/late" }],
    }));
    assert_eq!(app.get(&link.path(), None).status(), Status::NotFound);
    app.set_clock("2030-03-02T12:00:00Z");
    let res = app.get(&link.path(), None);
    assert_eq!(header(&res, "Location"), "https://example.com/early");
    app.set_clock("2030-03-03T00:00:00Z");
    let res = app.get(&link.path(), None);
    assert_eq!(header(&res, "Location"), "https://example.com/late");
}
