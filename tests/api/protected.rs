//! Password-protected links: a form (HTML) or 401 (JSON) until the right password is
//! POSTed to the link; only an argon2 hash is stored; guessing is rate limited.

use std::net::SocketAddr;

use rocket::http::{ContentType, Header, Method, Status};
use rocket::local::blocking::LocalResponse;
use serde_json::json;

use crate::helpers::{
    detail, header, query_scalar, spawn_app, spawn_app_with, Link, TestApp, BROWSER,
};
use crate::server::{free_port, send, send_from, Server};

const PASSWORD: &str = "correct horse";

fn protected(app: &TestApp) -> Link {
    app.seed_with(json!({ "target_url": "https://example.com/secret-doc", "password": PASSWORD }))
}

/// The password form's POST, from `ip`.
fn unlock<'a>(app: &'a TestApp, link: &Link, password: &str, ip: &str) -> LocalResponse<'a> {
    app.client
        .post(link.path())
        .remote(format!("{ip}:5000").parse::<SocketAddr>().unwrap())
        .header(ContentType::Form)
        .header(Header::new("Accept", BROWSER))
        .body(format!("password={}", password.replace(' ', "+")))
        .dispatch()
}

#[test]
fn a_protected_link_asks_for_its_password_and_forwards_nowhere() {
    let app = spawn_app();
    let link = protected(&app);
    assert_eq!(link.0["password_protected"], true);

    let page = app.get(&link.path(), Some(BROWSER));
    assert_eq!(page.status(), Status::Unauthorized);
    assert_eq!(header(&page, "Location"), "");
    let html = page.into_string().unwrap();
    assert!(html.contains(r#"type="password""#));
    assert!(!html.contains("secret-doc"));
    let res = app.get(&link.path(), Some("application/json"));
    assert_eq!(res.status(), Status::Unauthorized);
    assert_eq!(detail(res), "This link is protected by a password");
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 0);
}

#[test]
fn the_password_form_posts_to_the_link_itself_however_its_path_was_spelt() {
    let app = spawn_app();
    let link = protected(&app);
    let short = link.str("url").to_owned();

    for path in [link.path(), format!("/{}", link.path())] {
        let html = app.get(&path, Some(BROWSER)).into_string().unwrap();
        assert!(
            html.contains(&format!(r#"action="{short}""#)),
            "{path}: the form must post to {short}: {html}"
        );
    }
}

#[test]
fn the_right_password_forwards_with_303_and_counts_a_click() {
    let app = spawn_app();
    let link = protected(&app);

    let res = unlock(&app, &link, PASSWORD, "192.0.2.1");
    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(header(&res, "Location"), "https://example.com/secret-doc");
    let res = app.send_json(Method::Post, &link.path(), json!({ "password": PASSWORD }));
    assert_eq!(res.status(), Status::SeeOther);

    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 2);
}

#[test]
fn a_wrong_password_is_401_with_the_message_beside_the_field() {
    let app = spawn_app();
    let link = protected(&app);

    let res = unlock(&app, &link, "wrong horse", "192.0.2.1");
    assert_eq!(res.status(), Status::Unauthorized);
    let html = res.into_string().unwrap();
    assert!(html.contains(r#"aria-describedby="password-error""#));
    assert!(html.contains(r#"<p class="error" id="password-error">Wrong password</p>"#));
    let res = app.send_json(Method::Post, &link.path(), json!({ "password": "nope" }));
    assert_eq!(res.status(), Status::Unauthorized);
    assert_eq!(detail(res), "Wrong password");
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 0);
}

#[test]
fn wrong_passwords_are_rate_limited_per_client() {
    let app = spawn_app_with(|f| {
        f.merge(("unlock_rate_limit.per_minute", 60))
            .merge(("unlock_rate_limit.burst", 3))
    });
    let link = protected(&app);
    for _ in 0..3 {
        assert_eq!(
            unlock(&app, &link, "guess", "192.0.2.7").status(),
            Status::Unauthorized
        );
    }

    let limited = unlock(&app, &link, PASSWORD, "192.0.2.7");
    assert_eq!(limited.status(), Status::TooManyRequests);
    assert_eq!(header(&limited, "Retry-After"), "1");
    assert!(limited
        .into_string()
        .unwrap()
        .contains("Too many password attempts"));
    assert_eq!(
        unlock(&app, &link, PASSWORD, "192.0.2.8").status(),
        Status::SeeOther
    );
}

#[test]
fn only_an_argon2_hash_of_the_password_is_stored() {
    let app = spawn_app();
    protected(&app);
    app.flush_clicks();

    let hash: String = query_scalar(&app.db_path, "select password_hash from link");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    if !crate::backend::on_sqlite() {
        return; // the column holds the hash; the bytes check below reads SQLite's files
    }
    let mut bytes = std::fs::read(&app.db_path).unwrap();
    let wal = app.db_path.with_extension("db-wal");
    bytes.extend(std::fs::read(wal).unwrap_or_default());
    assert!(!bytes
        .windows(PASSWORD.len())
        .any(|w| w == PASSWORD.as_bytes()));
}

#[test]
fn peek_and_head_do_not_reveal_a_protected_target() {
    let app = spawn_app();
    let link = protected(&app);

    let peek = app.get(&format!("/peek/{}", link.key()), Some("application/json"));
    assert_eq!(peek.status(), Status::Unauthorized);
    assert!(!peek.into_string().unwrap().contains("secret-doc"));
    let head = app.client.head(link.path()).dispatch();
    assert_eq!(head.status(), Status::Unauthorized);
    assert_eq!(header(&head, "Location"), "");
}

#[test]
fn a_protected_link_can_be_edited_and_deleted_by_its_owner() {
    let app = spawn_app();
    let link = protected(&app);

    let res = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "target_url": "https://example.org/moved" }),
    );
    assert_eq!(res.status(), Status::Ok);
    let res = unlock(&app, &link, PASSWORD, "192.0.2.1");
    assert_eq!(header(&res, "Location"), "https://example.org/moved");

    let res = app.send_json(Method::Delete, &link.admin_path(), json!({}));
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(
        unlock(&app, &link, PASSWORD, "192.0.2.1").status(),
        Status::NotFound
    );
}

#[test]
fn passwords_shorter_than_eight_characters_are_refused() {
    let app = spawn_app();
    for short in ["abc", "1234", "abcdefg", "ääääääa"] {
        let body = json!({ "target_url": "https://example.com/", "password": short });
        let res = app.create_json(body);
        assert_eq!(res.status(), Status::UnprocessableEntity, "{short}");
        assert_eq!(detail(res), "The password must have at least 8 characters");
        let res = app.create_form(&format!(
            "target_url=https://example.com/&password={}",
            short.replace('ä', "%C3%A4")
        ));
        assert_eq!(res.status(), Status::UnprocessableEntity, "{short}");
        let html = res.into_string().unwrap();
        assert!(html.contains(r#"id="password-error""#), "{short}");
        assert!(html.contains("at least 8 characters"), "{short}");
    }
    assert_eq!(app.link_count(), 0);
    app.seed_with(json!({ "target_url": "https://example.com/", "password": "12345678" }));
}

#[test]
fn clients_in_one_ipv6_slash_64_share_the_guessing_allowance() {
    let app = spawn_app_with(|f| {
        f.merge(("unlock_rate_limit.per_minute", 1))
            .merge(("unlock_rate_limit.burst", 3))
    });
    let link = protected(&app);
    for host in 1..=3 {
        let ip = format!("[2001:db8::{host}]");
        assert_eq!(
            unlock(&app, &link, "guess guess", &ip).status(),
            Status::Unauthorized
        );
    }

    let rotated = unlock(&app, &link, PASSWORD, "[2001:db8::4]");
    assert_eq!(rotated.status(), Status::TooManyRequests);
    let html = rotated.into_string().unwrap();
    assert!(html.contains("Too many password attempts from your address"));
    assert_eq!(
        unlock(&app, &link, PASSWORD, "[2001:db8:0:1::1]").status(),
        Status::SeeOther,
        "another /64 is another client"
    );
}

#[test]
fn wrong_passwords_from_many_addresses_brake_the_link_before_any_check() {
    let app = spawn_app_with(|f| {
        f.merge(("password_brake.free_attempts", 3))
            .merge(("password_brake.max_wait_seconds", 1))
    });
    let link = protected(&app);
    for host in 1..=3 {
        let ip = format!("192.0.2.{host}");
        assert_eq!(
            unlock(&app, &link, "guess guess", &ip).status(),
            Status::Unauthorized
        );
    }

    let braked = unlock(&app, &link, PASSWORD, "192.0.2.4");
    assert_eq!(braked.status(), Status::TooManyRequests, "not even checked");
    assert_eq!(header(&braked, "Retry-After"), "1");
    let html = braked.into_string().unwrap();
    assert!(
        html.contains("Too many wrong passwords for this link"),
        "{html}"
    );
    assert!(html.contains(r#"type="password""#), "the form stays");
    let res = app.send_json(Method::Post, &link.path(), json!({ "password": PASSWORD }));
    assert_eq!(res.status(), Status::TooManyRequests);
    assert!(detail(res).starts_with("Too many wrong passwords for this link"));
    let other = protected(&app);
    assert_eq!(
        unlock(&app, &other, PASSWORD, "192.0.2.4").status(),
        Status::SeeOther,
        "only the guessed link is braked"
    );

    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(
        unlock(&app, &link, PASSWORD, "192.0.2.5").status(),
        Status::SeeOther,
        "a delay, not a lockout"
    );
    for host in 6..=8 {
        let ip = format!("192.0.2.{host}");
        let res = unlock(&app, &link, "guess guess", &ip);
        assert_eq!(res.status(), Status::Unauthorized, "the brake was released");
    }
}

#[test]
fn a_brake_wait_longer_than_a_day_stops_the_launch() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shortener.db");
    for wait in [86_401, u64::MAX] {
        let figment = crate::helpers::figment(&db).merge(("password_brake.max_wait_seconds", wait));
        let client = rocket::local::blocking::Client::tracked(shortener::build(figment));
        let error = client
            .err()
            .unwrap_or_else(|| panic!("max_wait_seconds = {wait} was accepted"));
        // Inspecting the error marks it handled (Rocket panics on an unhandled one).
        assert!(
            matches!(error.kind(), rocket::error::ErrorKind::FailedFairings(_)),
            "max_wait_seconds = {wait}: {error}"
        );
    }
}

#[test]
fn a_guesser_rotating_source_addresses_is_braked_by_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _server = Server::start(dir.path(), port, &[]);
    let password = "00000042"; // the 43rd guess
    let body = json!({ "target_url": "https://example.com/vault", "password": password });
    let created = send(
        port,
        "POST",
        "/url",
        &[("Content-Type", "application/json")],
        &body.to_string(),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let key = created.json()["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let json = [
        ("Content-Type", "application/json"),
        ("Accept", "application/json"),
    ];
    let guess = |host: u8, guess: &str| {
        let body = json!({ "password": guess }).to_string();
        let source = std::net::Ipv4Addr::new(127, 0, 0, host);
        send_from(source, port, "POST", &format!("/{key}"), &json, &body)
    };

    let replies: Vec<_> = (2..=50u8)
        .map(|host| guess(host, &format!("{:08}", host - 2)))
        .collect();

    let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    assert!(
        !statuses.contains(&303),
        "the password was found: {statuses:?}"
    );
    let checked = statuses.iter().filter(|&&s| s == 401).count();
    assert!(
        (5..=7).contains(&checked),
        "{checked} guesses checked: {statuses:?}"
    );
    let braked: Vec<_> = replies.iter().filter(|r| r.status == 429).collect();
    assert_eq!(braked.len(), 49 - checked, "{statuses:?}");
    assert!(braked[0].json()["detail"]
        .as_str()
        .unwrap()
        .starts_with("Too many wrong passwords for this link"));
    let wait: u64 = braked
        .last()
        .unwrap()
        .header("retry-after")
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=8).contains(&wait), "Retry-After: {wait}");
    std::thread::sleep(std::time::Duration::from_secs(wait));
    assert_eq!(
        guess(51, password).status,
        303,
        "the owner's visitors get in"
    );
}

#[test]
fn a_protected_link_with_a_click_limit_counts_unlocked_visits() {
    let app = spawn_app();
    let link = app.seed_with(
        json!({ "target_url": "https://example.com/", "password": PASSWORD, "max_clicks": 1 }),
    );

    assert_eq!(
        unlock(&app, &link, PASSWORD, "192.0.2.1").status(),
        Status::SeeOther
    );
    assert_eq!(
        unlock(&app, &link, PASSWORD, "192.0.2.1").status(),
        Status::Gone
    );
}
