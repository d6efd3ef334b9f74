//! Private mode: creating needs a creator token (Bearer or the browser's cookie);
//! revoked tokens and their links; the allowance per token.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use rocket::http::{Accept, ContentType, Cookie, Header, Status};
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, TestApp, BROWSER};

fn private_app() -> TestApp {
    spawn_app_with(|f| f.merge(("private", true)))
}

fn create_with(app: &TestApp, token: Option<&str>) -> (Status, Value) {
    let mut req = app
        .client
        .post("/url")
        .header(ContentType::JSON)
        .header(Accept::JSON)
        .body(json!({ "target_url": "https://example.com/" }).to_string());
    if let Some(token) = token {
        req = req.header(Header::new("Authorization", format!("Bearer {token}")));
    }
    let res = req.dispatch();
    (res.status(), res.into_json().unwrap_or(Value::Null))
}

#[test]
fn a_private_instance_creates_only_with_a_valid_token() {
    let app = private_app();
    let rocket = app.client.rocket();
    let (id, token) = rocket::execute(shortener::testing::creator_token(rocket, "Alice"));
    let refused = json!({ "detail": "This instance creates links only for people with a token" });
    assert_eq!(
        create_with(&app, None),
        (Status::Unauthorized, refused.clone())
    );
    assert_eq!(
        create_with(&app, Some("wrongwrongwrongwrongwrongwrong12")),
        (Status::Unauthorized, refused.clone())
    );
    let (status, info) = create_with(&app, Some(&token));
    assert_eq!(status, Status::Created);
    let key = info["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.get(&format!("/{key}"), None).status(),
        Status::TemporaryRedirect,
        "following needs no token"
    );
    assert_eq!(
        app.query_i64("select count(*) from link where token_id is not null"),
        1
    );

    let page = app.create_form("target_url=https%3A%2F%2Fexample.com%2F");
    assert_eq!(page.status(), Status::Unauthorized);
    assert!(
        page.into_string().unwrap().contains(r#"action="/token""#),
        "the page asks for the token"
    );

    rocket::execute(shortener::testing::revoke_token(rocket, id, false));
    assert_eq!(
        create_with(&app, Some(&token)).0,
        Status::Unauthorized,
        "revoked"
    );
    assert_eq!(
        app.get(&format!("/{key}"), None).status(),
        Status::TemporaryRedirect,
        "its links stay"
    );
    assert_eq!(app.link_count(), 1);
}

#[test]
fn the_browser_keeps_the_token_in_a_cookie() {
    let app = private_app();
    let home = app.get("/", Some(BROWSER)).into_string().unwrap();
    assert!(home.contains(r#"action="/token""#));
    assert!(
        !home.contains(r#"action="/url""#),
        "no create form before the token"
    );
    let (_, token) = rocket::execute(shortener::testing::creator_token(
        app.client.rocket(),
        "Bob",
    ));

    let wrong = app.post_form("/token", "token=nope");
    assert_eq!(wrong.status(), Status::Unauthorized);
    assert!(wrong.cookies().get("creator_token").is_none());
    let kept = app.post_form("/token", &format!("token={token}"));
    assert_eq!(kept.status(), Status::SeeOther);
    let cookie = kept.headers().get_one("Set-Cookie").unwrap().to_owned();
    assert!(
        cookie.starts_with(&format!("creator_token={token}")),
        "{cookie}"
    );
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "http base URL");

    let created = app
        .client
        .post("/url")
        .header(ContentType::Form)
        .header(Header::new("Accept", BROWSER))
        .cookie(Cookie::new("creator_token", token.clone()))
        .body("target_url=https%3A%2F%2Fexample.com%2Fmine")
        .dispatch();
    assert_eq!(created.status(), Status::SeeOther);
    let home = app
        .client
        .get("/")
        .header(Header::new("Accept", BROWSER))
        .cookie(Cookie::new("creator_token", token))
        .dispatch();
    assert!(home.into_string().unwrap().contains(r#"action="/url""#));

    let secure = spawn_app_with(|f| {
        f.merge(("private", true))
            .merge(("base_url", "https://sho.rt"))
    });
    let (_, token) = rocket::execute(shortener::testing::creator_token(
        secure.client.rocket(),
        "Carol",
    ));
    let kept = secure.post_form("/token", &format!("token={token}"));
    assert!(kept
        .headers()
        .get_one("Set-Cookie")
        .unwrap()
        .contains("Secure"));
}

#[test]
fn revoking_a_token_with_its_links_disables_them() {
    let app = private_app();
    let rocket = app.client.rocket();
    let (id, token) = rocket::execute(shortener::testing::creator_token(rocket, "Mallory"));
    let (_, kept) = rocket::execute(shortener::testing::creator_token(rocket, "Trent"));
    let (_, a) = create_with(&app, Some(&token));
    let (_, b) = create_with(&app, Some(&kept));
    let path = |info: &Value| {
        format!(
            "/{}",
            info["url"].as_str().unwrap().rsplit('/').next().unwrap()
        )
    };
    assert_eq!(app.get(&path(&a), None).status(), Status::TemporaryRedirect);

    let disabled = rocket::execute(shortener::testing::revoke_token(rocket, id, true));
    assert_eq!(disabled, 1);
    let started = Instant::now();
    while app.get(&path(&a), None).status() != Status::Gone {
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "still forwarding"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        app.get(&path(&b), None).status(),
        Status::TemporaryRedirect,
        "other tokens' links stay"
    );

    let secret = super::reports::moderation_secret(&app);
    let (_, found) = app.get_json(&format!("/moderate/{secret}?q=example.com"));
    let tokens: Vec<&str> = found["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["token"].as_str())
        .collect();
    assert_eq!(tokens.len(), 2);
    assert!(tokens.contains(&"Mallory") && tokens.contains(&"Trent"));
}

#[test]
fn creates_are_limited_per_token_as_well_as_per_address() {
    let app = spawn_app_with(|f| {
        f.merge(("private", true))
            .merge(("rate_limit.per_minute", 1))
            .merge(("rate_limit.burst", 2))
    });
    let (_, token) = rocket::execute(shortener::testing::creator_token(
        app.client.rocket(),
        "Eve",
    ));
    let (_, other) = rocket::execute(shortener::testing::creator_token(
        app.client.rocket(),
        "Frank",
    ));
    let create_from = |from: &str, token: &str| {
        app.client
            .post("/url")
            .header(ContentType::JSON)
            .header(Accept::JSON)
            .header(Header::new("Authorization", format!("Bearer {token}")))
            .remote(from.parse::<SocketAddr>().unwrap())
            .body(json!({ "target_url": "https://example.com/" }).to_string())
            .dispatch()
            .status()
    };
    assert_eq!(create_from("192.0.2.1:1", &token), Status::Created);
    assert_eq!(create_from("192.0.2.2:1", &token), Status::Created);
    assert_eq!(
        create_from("192.0.2.3:1", &token),
        Status::TooManyRequests,
        "a fresh address, the same token"
    );
    assert_eq!(
        create_from("192.0.2.3:1", &other),
        Status::Created,
        "another token"
    );
    assert_eq!(app.link_count(), 3);
}
