//! Links that expire, by time or by clicks: 410 Gone with its own message, never
//! forwarded again, keys never reused, admin pages still working.

use rocket::http::{Header, Status};
use rocket::local::asynchronous::Client;
use serde_json::json;

use crate::helpers::{detail, figment, header, spawn_app, Link, BROWSER};

#[test]
fn a_link_past_its_expiry_answers_410_and_is_never_forwarded() {
    let app = spawn_app();
    app.set_clock("2026-11-28T10:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://example.com/sale",
        "expires_at": "2026-11-28T12:00:00+01:00",
    }));
    assert_eq!(link.0["expires_at"], "2026-11-28T11:00:00Z");
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );

    app.set_clock("2026-11-28T11:00:00Z");

    let res = app.get(&link.path(), Some("application/json"));
    assert_eq!(res.status(), Status::Gone);
    assert_eq!(header(&res, "Location"), "");
    assert_eq!(detail(res), "This link has expired");
    let page = app.get(&link.path(), Some(BROWSER));
    assert_eq!(page.status(), Status::Gone);
    assert!(page
        .into_string()
        .unwrap()
        .contains("This link has expired"));
    assert_eq!(
        app.client.head(link.path()).dispatch().status(),
        Status::Gone
    );
    let (peek, _) = app.get_json(&format!("/peek/{}", link.key()));
    assert_eq!(peek, Status::Gone);
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 1, "the refused visit is not a click");
    assert_eq!(info["is_expired"], true);
}

#[test]
fn the_form_takes_a_browser_date_time_as_utc() {
    let app = spawn_app();
    app.set_clock("2026-11-28T10:00:00Z");
    let res = app.create_form("target_url=https://example.com/&expires_at=2026-12-01T09%3A30");
    assert_eq!(res.status(), Status::SeeOther);
    let admin = header(&res, "Location").to_owned();

    let (_, info) = app.get_json(&admin);
    assert_eq!(info["expires_at"], "2026-12-01T09:30:00Z");
    let html = app.get(&admin, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains("December 1, 2026, 09:30 UTC"));
}

#[test]
fn a_past_or_unreadable_expiry_is_refused_beside_its_field() {
    let app = spawn_app();
    app.set_clock("2026-11-28T10:00:00Z");
    for (expiry, message) in [
        ("2026-11-28T09:59:59Z", "expires_at must be in the future"),
        (
            "tomorrow",
            "expires_at must be a date and time such as 2026-12-31T23:59:00Z",
        ),
        (
            "2026-02-30T10:00:00Z",
            "expires_at must be a date and time such as 2026-12-31T23:59:00Z",
        ),
    ] {
        let res =
            app.create_json(json!({ "target_url": "https://example.com/", "expires_at": expiry }));
        assert_eq!(res.status(), Status::UnprocessableEntity, "{expiry}");
        assert_eq!(detail(res), message);
    }
    let res = app.create_form("target_url=https://example.com/&expires_at=2020-01-01T00%3A00");
    assert_eq!(res.status(), Status::UnprocessableEntity);
    let html = res.into_string().unwrap();
    assert!(html.contains(r#"aria-describedby="expires_at-error""#));
    assert!(html.contains(
        r#"<p class="error" id="expires_at-error">expires_at must be in the future</p>"#
    ));
    assert_eq!(app.link_count(), 0);
}

#[test]
fn max_clicks_forwards_exactly_that_many_then_410() {
    let app = spawn_app();
    let link = app.seed_with(
        json!({ "target_url": "https://example.com/", "max_clicks": 3, "humans_only": false }),
    );
    assert_eq!(link.0["max_clicks"], 3);

    let statuses: Vec<u16> = (0..5)
        .map(|_| app.get(&link.path(), None).status().code)
        .collect();

    assert_eq!(statuses, [307, 307, 307, 410, 410]);
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 3);
    assert_eq!(info["is_expired"], true);
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains("3 (0 left)"), "remaining clicks shown");
    assert!(html.contains("Expired"));
}

#[rocket::async_test]
async fn fifty_parallel_visits_to_a_link_limited_to_10_give_exactly_10_redirects() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::tracked(shortener::build(figment(&dir.path().join("m.db"))))
        .await
        .unwrap();
    let res = client
        .post("/url")
        .header(rocket::http::ContentType::JSON)
        .body(
            json!({ "target_url": "https://example.com/", "max_clicks": 10, "humans_only": false })
                .to_string(),
        )
        .dispatch()
        .await;
    let link = Link(res.into_json().await.unwrap());
    let path = link.path();

    let visits = (0..50).map(|_| client.get(path.clone()).dispatch());
    let statuses: Vec<u16> = futures::future::join_all(visits)
        .await
        .iter()
        .map(|r| r.status().code)
        .collect();

    assert_eq!(statuses.iter().filter(|s| **s == 307).count(), 10);
    assert_eq!(statuses.iter().filter(|s| **s == 410).count(), 40);
    let info: serde_json::Value = client
        .get(link.admin_path())
        .header(Header::new("Accept", "application/json"))
        .dispatch()
        .await
        .into_json()
        .await
        .unwrap();
    assert_eq!(info["clicks"], 10);
}

#[test]
fn an_expired_links_admin_page_still_shows_its_history() {
    let app = spawn_app();
    app.set_clock("2026-11-27T10:00:00Z");
    let link = app.seed_with(
        json!({ "target_url": "https://example.com/", "expires_at": "2026-11-28T00:00:00Z" }),
    );
    for _ in 0..2 {
        app.get(&link.path(), None);
    }
    app.set_clock("2026-11-29T10:00:00Z");
    assert_eq!(app.get(&link.path(), None).status(), Status::Gone);

    let (status, info) = app.get_json(&format!("{}?days=7", link.admin_path()));
    assert_eq!(status, Status::Ok);
    assert_eq!(info["clicks"], 2);
    assert_eq!(
        info["history"][4],
        json!({ "day": "2026-11-27", "clicks": 2 })
    );
    let page = app.get(&link.admin_path(), Some(BROWSER));
    assert_eq!(page.status(), Status::Ok);
    assert!(page.into_string().unwrap().contains("Expired"));
}

#[test]
fn the_key_of_an_expired_link_is_never_handed_out_again() {
    let app = spawn_app();
    let used = app.seed_with(
        json!({ "target_url": "https://example.com/", "custom_key": "once", "max_clicks": 1, "humans_only": false }),
    );
    app.get(&used.path(), None);
    assert_eq!(app.get(&used.path(), None).status(), Status::Gone);

    let again =
        app.create_json(json!({ "target_url": "https://example.org/", "custom_key": "once" }));

    assert_eq!(again.status(), Status::Conflict);
    assert_eq!(app.get(&used.path(), None).status(), Status::Gone);
}

#[test]
fn a_click_limit_must_be_a_positive_whole_number() {
    let app = spawn_app();
    let refused = [
        json!(0),
        json!(-1),
        json!(1.5),
        json!("ten"),
        json!(""),
        json!("5"),
        json!(true),
    ];
    for max in refused {
        let res =
            app.create_json(json!({ "target_url": "https://example.com/", "max_clicks": max }));
        assert_eq!(res.status(), Status::UnprocessableEntity, "{max}");
    }
    let res = app.create_form("target_url=https://example.com/&max_clicks=0");
    assert_eq!(res.status(), Status::UnprocessableEntity);
    assert!(res
        .into_string()
        .unwrap()
        .contains(r#"id="max_clicks-error""#));
    assert_eq!(app.link_count(), 0);
}
