//! Running a public instance: the blocklist (file and built-in shorteners), abuse
//! reports, the moderation page, disabled links, the edit lock, and private mode.

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use rocket::http::{Accept, ContentType, Cookie, Header, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{detail, spawn_app, spawn_app_with, TestApp, BROWSER};

/// An app whose blocklist is the file `list` in a directory of its own.
fn with_blocklist(dir: &Path, list: &str) -> TestApp {
    let file = dir.join("blocklist.txt");
    std::fs::write(&file, list).unwrap();
    spawn_app_with(|f| f.merge(("blocklist", file.to_str().unwrap().to_owned())))
}

fn moderation_secret(app: &TestApp) -> String {
    rocket::execute(shortener::testing::moderation_secret(app.client.rocket()))
}

fn report(app: &TestApp, key: &str, body: Value, from: &str) -> (Status, Value) {
    let res = app
        .client
        .post(format!("/report/{key}"))
        .header(ContentType::JSON)
        .header(Accept::JSON)
        .remote(from.parse::<SocketAddr>().unwrap())
        .body(body.to_string())
        .dispatch();
    (res.status(), res.into_json().unwrap_or(Value::Null))
}

fn decide(app: &TestApp, secret: &str, key: &str, body: Value) -> (Status, Value) {
    let path = format!("/moderate/{secret}/{key}");
    let res = app.send_json(Method::Post, &path, body);
    (res.status(), res.into_json().unwrap_or(Value::Null))
}

#[test]
fn a_blocked_host_is_refused_in_every_spelling_and_on_its_subdomains() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let app = with_blocklist(dir.path(), "# phishing\nevil.example\nbücher.test\n");
    for target in [
        "https://evil.example/login",
        "https://login.evil.example/",
        "https://EVIL.Example./x",
        "https://www.xn--bcher-kva.test/",
        "https://BÜCHER.test/",
    ] {
        let res = app.create_json(json!({ "target_url": target }));
        assert_eq!(res.status(), Status::Forbidden, "{target}");
        let message = detail(res);
        assert!(
            message.starts_with("Links to ") && message.ends_with(" are not allowed here"),
            "{message}"
        );
        let host = &message["Links to ".len()..message.len() - " are not allowed here".len()];
        assert!(!host.contains(char::is_uppercase) && !host.ends_with('.'), "{host}");
        assert!(host.is_ascii(), "punycode: {host}");
    }
    let res = app.create_json(json!({ "target_url": "https://EVIL.example./" }));
    assert_eq!(detail(res), "Links to evil.example are not allowed here");
    assert_eq!(app.seed("https://notevil.example/").str("target_url"), "https://notevil.example/");
    assert_eq!(app.link_count(), 1, "nothing refused was stored");

    let page = app.create_form("target_url=https%3A%2F%2Fa.evil.example%2F&custom_key=kept");
    assert_eq!(page.status(), Status::Forbidden);
    let html = page.into_string().unwrap();
    assert!(html.contains(r#"id="target_url-error">Links to a.evil.example are not allowed here"#), "{html}");
    assert!(html.contains(r#"value="kept""#), "the form keeps what was typed");
}

#[test]
fn an_edit_to_a_blocked_host_is_refused_and_the_target_kept() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let app = with_blocklist(dir.path(), "evil.example\n");
    let link = app.seed("https://example.com/harmless");
    let res = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "target_url": "https://www.Evil.example/" }),
    );
    assert_eq!(res.status(), Status::Forbidden);
    assert_eq!(detail(res), "Links to www.evil.example are not allowed here");
    let form = app.post_form(
        &link.admin_path(),
        "_method=PATCH&target_url=https%3A%2F%2Fevil.example%2F",
    );
    assert_eq!(form.status(), Status::Forbidden);
    assert!(form.into_string().unwrap().contains("Links to evil.example are not allowed here"));
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["target_url"], "https://example.com/harmless");
    assert_eq!(info["target_changed_at"], Value::Null);
}

#[test]
fn url_shorteners_are_refused_unless_the_setting_is_off() {
    backend!();
    let app = spawn_app();
    let res = app.create_json(json!({ "target_url": "https://bit.ly/3abcdef" }));
    assert_eq!(res.status(), Status::Forbidden);
    assert_eq!(detail(res), "Links to bit.ly are not allowed here");
    let res = app.create_json(json!({ "target_url": "https://www.TinyURL.com./x" }));
    assert_eq!(detail(res), "Links to www.tinyurl.com are not allowed here");

    let open = spawn_app_with(|f| f.merge(("refuse_shorteners", false)));
    let link = open.seed("https://bit.ly/3abcdef");
    assert_eq!(link.str("target_url"), "https://bit.ly/3abcdef");
}

#[test]
fn a_host_added_to_the_file_while_serving_stops_its_stored_links() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let app = with_blocklist(dir.path(), "other.example\n");
    let link = app.seed("https://later.example/page");
    let other = app.seed("https://fine.example/");
    assert_eq!(app.get(&link.path(), None).status(), Status::TemporaryRedirect);

    std::fs::write(dir.path().join("blocklist.txt"), "other.example\nlater.example\n").unwrap();
    let started = Instant::now();
    while app.get(&link.path(), None).status() != Status::Gone {
        assert!(started.elapsed() < Duration::from_secs(5), "still forwarding");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, json) = app.get_json(&link.path());
    assert_eq!(status, Status::Gone);
    assert_eq!(
        json["detail"],
        "This link was disabled by the operator: Links to later.example are not allowed here"
    );
    assert_eq!(app.get(&other.path(), None).status(), Status::TemporaryRedirect);
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["disabled_reason"], "Links to later.example are not allowed here");

    std::fs::write(dir.path().join("blocklist.txt"), "# empty again\n").unwrap();
    let started = Instant::now();
    while app.get(&link.path(), None).status() != Status::TemporaryRedirect {
        assert!(started.elapsed() < Duration::from_secs(5), "never forwarded again");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_report_is_taken_and_stores_nothing_about_its_sender() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/phish");
    let (status, json) = report(
        &app,
        &link.key(),
        json!({ "reason": "phishing", "details": "Asks for my bank login" }),
        "192.0.2.7:5000",
    );
    assert_eq!(status, Status::Accepted);
    assert_eq!(json, json!({ "detail": "Thank you. The report was received." }));

    let columns = match crate::backend::on_sqlite() {
        true => "select count(*) from pragma_table_info('report')",
        false => "select count(*) from information_schema.columns \
                  where table_name = 'report' and table_schema = current_schema()",
    };
    assert_eq!(app.query_i64(columns), 6, "id, link_id, reason, details, created_at, open");
    let row: String = crate::helpers::query_scalar(
        &app.db_path,
        "select reason || '|' || details || '|' || link_id from report",
    );
    assert_eq!(row, "phishing|Asks for my bank login|1");
    for column in ["reason", "details", "created_at"] {
        let text: String = crate::helpers::query_scalar(
            &app.db_path,
            &format!("select {column} from report"),
        );
        assert!(!text.contains("192.0.2"), "{column} holds the address");
    }

    let form = app
        .client
        .post(format!("/report/{}", link.key()))
        .header(ContentType::Form)
        .header(Header::new("Accept", BROWSER))
        .header(Header::new("User-Agent", "Sender/1.0"))
        .body("reason=spam&details=")
        .dispatch();
    assert_eq!(form.status(), Status::Accepted);
    assert!(form.into_string().unwrap().contains("Thank you. The report was received."));
    assert_eq!(app.query_i64("select count(*) from report where details is null"), 1);
}

#[test]
fn a_report_needs_a_known_reason_short_details_and_an_existing_link() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let from = "192.0.2.8:5000";
    for body in [
        json!({}),
        json!({ "reason": "boring" }),
        json!({ "reason": "spam", "details": "x".repeat(1001) }),
    ] {
        let (status, json) = report(&app, &link.key(), body.clone(), from);
        assert_eq!(status, Status::UnprocessableEntity, "{body}");
        assert!(json["detail"].is_string());
    }
    let (status, _) = report(&app, "nosuchkey", json!({ "reason": "spam" }), from);
    assert_eq!(status, Status::NotFound);
    assert_eq!(app.get("/report/nosuchkey", Some(BROWSER)).status(), Status::NotFound);
    assert_eq!(app.query_i64("select count(*) from report"), 0);

    let page = app
        .client
        .post(format!("/report/{}", link.key()))
        .header(ContentType::Form)
        .header(Header::new("Accept", BROWSER))
        .body("details=what+I+saw")
        .dispatch();
    assert_eq!(page.status(), Status::UnprocessableEntity);
    let html = page.into_string().unwrap();
    assert!(html.contains(r#"id="reason-error""#), "{html}");
    assert!(html.contains(">what I saw</textarea>"), "the form keeps the text");
}

#[test]
fn reports_are_limited_per_client_and_ipv6_per_network() {
    backend!();
    let app = spawn_app_with(|f| {
        f.merge(("report_rate_limit.per_minute", 1))
            .merge(("report_rate_limit.burst", 2))
    });
    let link = app.seed("https://example.com/");
    let spam = json!({ "reason": "spam" });
    assert_eq!(report(&app, &link.key(), spam.clone(), "[2001:db8:1:1::1]:1").0, Status::Accepted);
    assert_eq!(report(&app, &link.key(), spam.clone(), "[2001:db8:1:1::2]:1").0, Status::Accepted);
    let res = app
        .client
        .post(format!("/report/{}", link.key()))
        .header(ContentType::JSON)
        .header(Accept::JSON)
        .remote("[2001:db8:1:1:ffff::9]:1".parse::<SocketAddr>().unwrap())
        .body(spam.to_string())
        .dispatch();
    assert_eq!(res.status(), Status::TooManyRequests, "the same /64");
    assert!(res.headers().get_one("Retry-After").is_some());
    assert_eq!(report(&app, &link.key(), spam, "[2001:db8:1:2::1]:1").0, Status::Accepted);
    assert_eq!(app.query_i64("select count(*) from report"), 3);
}

#[test]
fn the_peek_page_has_the_report_form_and_other_landing_pages_link_to_it() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let html = app.get(&format!("/peek/{}", link.key()), Some(BROWSER)).into_string().unwrap();
    assert!(html.contains(&format!(r#"action="/report/{}""#, link.key())), "{html}");
    assert!(html.contains(r#"name="reason" type="radio" value="phishing""#));

    let locked = app.seed_with(json!({ "target_url": "https://example.com/", "password": "open sesame" }));
    let html = app.get(&locked.path(), Some(BROWSER)).into_string().unwrap();
    assert!(html.contains(&format!(r#"href="/report/{}""#, locked.key())), "{html}");

    let limited = app.seed_with(json!({ "target_url": "https://example.com/", "max_clicks": 1 }));
    app.get(&limited.path(), None);
    let gone = app.get(&limited.path(), Some(BROWSER));
    assert_eq!(gone.status(), Status::Gone);
    let html = gone.into_string().unwrap();
    assert!(html.contains("This link has expired"));
    assert!(html.contains(&format!(r#"href="/report/{}""#, limited.key())));

    let (status, json) = app.get_json(&format!("/report/{}", link.key()));
    assert_eq!(status, Status::Ok);
    assert_eq!(json["reasons"], json!(["phishing", "malware", "spam", "illegal", "other"]));
}

#[test]
fn the_moderation_page_lists_the_most_reported_first_and_searches() {
    backend!();
    let app = spawn_app();
    let once = app.seed("https://one.example/");
    let thrice = app.seed("https://three.example/");
    let never = app.seed("https://sub.quiet.example/");
    let from = "192.0.2.1:1";
    report(&app, &once.key(), json!({ "reason": "spam" }), from);
    for (reason, details) in [("phishing", "fake bank"), ("phishing", ""), ("malware", "an .exe")] {
        report(&app, &thrice.key(), json!({ "reason": reason, "details": details }), from);
    }
    let secret = moderation_secret(&app);

    let (status, json) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(status, Status::Ok);
    let keys: Vec<&str> = json["links"].as_array().unwrap().iter().map(|l| l["key"].as_str().unwrap()).collect();
    assert_eq!(keys, [thrice.key(), once.key()]);
    let top = &json["links"][0];
    assert_eq!(top["reports"], 3);
    assert_eq!(top["by_reason"]["phishing"], 2);
    assert_eq!(top["by_reason"]["malware"], 1);
    assert_eq!(top["by_reason"]["spam"], 0);
    assert_eq!(top["details"][0]["details"], "an .exe", "newest first");
    assert_eq!(top["details"].as_array().unwrap().len(), 2, "empty texts left out");
    assert_eq!(top["target_url"], "https://three.example/");

    let (_, found) = app.get_json(&format!("/moderate/{secret}?q=quiet.example"));
    assert_eq!(found["links"][0]["key"], never.key().as_str());
    assert_eq!(found["links"].as_array().unwrap().len(), 1);
    let (_, found) = app.get_json(&format!("/moderate/{secret}?q={}", once.key()));
    assert_eq!(found["links"][0]["key"], once.key().as_str());

    let html = app.get(&format!("/moderate/{secret}"), Some(BROWSER));
    assert_eq!(html.headers().get_one("Cache-Control"), Some("no-store"));
    assert_eq!(html.headers().get_one("X-Robots-Tag"), Some("noindex"));
    let html = html.into_string().unwrap();
    assert!(html.find(&thrice.key()).unwrap() < html.find(&once.key()).unwrap());
    assert!(html.contains("fake bank"));

    assert_eq!(app.get_json("/moderate/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").0, Status::NotFound);
    let newer = moderation_secret(&app);
    assert_eq!(app.get_json(&format!("/moderate/{secret}")).0, Status::NotFound, "replaced");
    assert_eq!(app.get_json(&format!("/moderate/{newer}")).0, Status::Ok);
}

#[test]
fn the_operator_disables_with_a_reason_enables_and_dismisses() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/bad");
    let other = app.seed("https://example.com/meh");
    let from = "192.0.2.1:1";
    report(&app, &link.key(), json!({ "reason": "phishing" }), from);
    report(&app, &other.key(), json!({ "reason": "spam" }), from);
    let secret = moderation_secret(&app);
    assert_eq!(app.get(&link.path(), None).status(), Status::TemporaryRedirect);

    let (status, _) = decide(&app, &secret, &link.key(), json!({ "action": "disable" }));
    assert_eq!(status, Status::UnprocessableEntity, "a reason is required");
    let page = app.post_form(&format!("/moderate/{secret}/{}", link.key()), "action=disable&reason=+");
    assert_eq!(page.status(), Status::UnprocessableEntity);
    assert!(page.into_string().unwrap().contains("Give a reason"));
    assert_eq!(app.get(&link.path(), None).status(), Status::TemporaryRedirect, "still forwarding");

    let (status, json) = decide(&app, &secret, &link.key(), json!({ "action": "disable", "reason": "Phishing a bank" }));
    assert_eq!(status, Status::Ok, "{json}");
    let (status, json) = app.get_json(&link.path());
    assert_eq!(status, Status::Gone);
    assert_eq!(json["detail"], "This link was disabled by the operator: Phishing a bank");
    let (_, list) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(list["links"].as_array().unwrap().len(), 1, "its reports were closed");

    let res = app.post_form(&format!("/moderate/{secret}/{}", other.key()), "action=dismiss");
    assert_eq!(res.status(), Status::SeeOther);
    let (_, list) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(list["links"], json!([]));
    assert_eq!(app.get(&other.path(), None).status(), Status::TemporaryRedirect, "dismissing changes nothing else");

    let (status, _) = decide(&app, &secret, &link.key(), json!({ "action": "enable" }));
    assert_eq!(status, Status::Ok);
    assert_eq!(app.get(&link.path(), None).status(), Status::TemporaryRedirect);
    assert_eq!(decide(&app, &secret, "nosuchkey", json!({ "action": "enable" })).0, Status::NotFound);
    assert_eq!(decide(&app, &secret, &link.key(), json!({ "action": "explode" })).0, Status::UnprocessableEntity);
}

#[test]
fn a_disabled_link_answers_410_on_every_route_and_its_owner_cannot_change_it() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/x");
    let locked = app.seed_with(json!({ "target_url": "https://example.com/y", "password": "open sesame" }));
    let secret = moderation_secret(&app);
    for l in [&link, &locked] {
        decide(&app, &secret, &l.key(), json!({ "action": "disable", "reason": "Malware" }));
    }
    let message = "This link was disabled by the operator: Malware";
    for path in [link.path(), format!("/peek/{}", link.key()), locked.path(), format!("/peek/{}", locked.key())] {
        let (status, json) = app.get_json(&path);
        assert_eq!(status, Status::Gone, "{path}");
        assert_eq!(json["detail"], message);
        let html = app.get(&path, Some(BROWSER));
        assert_eq!(html.status(), Status::Gone);
        let html = html.into_string().unwrap();
        assert!(html.contains("This link was disabled by the operator of this site"), "{path}");
        assert!(html.contains("Malware"));
    }
    assert_eq!(app.client.head(link.path()).dispatch().status(), Status::Gone);
    let unlock = app.send_json(Method::Post, &locked.path(), json!({ "password": "open sesame" }));
    assert_eq!(unlock.status(), Status::Gone);

    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["disabled_reason"], "Malware");
    let page = app.get(&link.admin_path(), Some(BROWSER)).into_string().unwrap();
    assert!(page.contains("Disabled by the operator of this site: Malware"));
    assert!(!page.contains(r#"name="_method" value="PATCH""#), "no edit form");
    let edit = app.send_json(Method::Patch, &link.admin_path(), json!({ "target_url": "https://example.com/z" }));
    assert_eq!(edit.status(), Status::Conflict);
    assert!(detail(edit).contains("disabled by the operator"));
}

#[test]
fn the_peek_shows_when_the_target_last_changed() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/first");
    let (_, peek) = app.get_json(&format!("/peek/{}", link.key()));
    assert_eq!(peek["target_changed_at"], Value::Null);
    app.set_clock("2026-12-01T10:00:00Z");
    let res = app.send_json(Method::Patch, &link.admin_path(), json!({ "target_url": "https://example.com/second" }));
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.into_json::<Value>().unwrap()["target_changed_at"], "2026-12-01T10:00:00Z");
    let (_, peek) = app.get_json(&format!("/peek/{}", link.key()));
    assert_eq!(peek["target_changed_at"], "2026-12-01T10:00:00Z");
    let html = app.get(&format!("/peek/{}", link.key()), Some(BROWSER)).into_string().unwrap();
    assert!(html.contains(r#"<time datetime="2026-12-01T10:00:00Z">"#));
}

#[test]
fn edits_are_refused_once_a_link_has_the_locking_number_of_clicks() {
    backend!();
    let app = spawn_app_with(|f| f.merge(("edit_lock_after_clicks", 2)));
    let link = app.seed("https://example.com/a");
    app.get(&link.path(), None);
    let edit = |to: &str| app.send_json(Method::Patch, &link.admin_path(), json!({ "target_url": to }));
    assert_eq!(edit("https://example.com/b").status(), Status::Ok, "one click: not yet");
    app.get(&link.path(), None);
    let res = edit("https://example.com/c");
    assert_eq!(res.status(), Status::Conflict, "two clicks, pending ones counted");
    assert_eq!(detail(res), "This link has 2 clicks; targets are locked after 2 clicks on this site");
    let form = app.post_form(&link.admin_path(), "_method=PATCH&target_url=https%3A%2F%2Fexample.com%2Fd");
    assert_eq!(form.status(), Status::Conflict);
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["target_url"], "https://example.com/b");
    let delete = app.client.delete(link.admin_path()).header(Accept::JSON).dispatch();
    assert_eq!(delete.status(), Status::Ok, "deleting stays possible");
}

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
    backend!();
    let app = private_app();
    let rocket = app.client.rocket();
    let (id, token) = rocket::execute(shortener::testing::creator_token(rocket, "Alice"));
    let refused = json!({ "detail": "This instance creates links only for people with a token" });
    assert_eq!(create_with(&app, None), (Status::Unauthorized, refused.clone()));
    assert_eq!(create_with(&app, Some("wrongwrongwrongwrongwrongwrong12")), (Status::Unauthorized, refused.clone()));
    let (status, info) = create_with(&app, Some(&token));
    assert_eq!(status, Status::Created);
    let key = info["url"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
    assert_eq!(app.get(&format!("/{key}"), None).status(), Status::TemporaryRedirect, "following needs no token");
    assert_eq!(app.query_i64("select count(*) from link where token_id is not null"), 1);

    let page = app.create_form("target_url=https%3A%2F%2Fexample.com%2F");
    assert_eq!(page.status(), Status::Unauthorized);
    assert!(page.into_string().unwrap().contains(r#"action="/token""#), "the page asks for the token");

    rocket::execute(shortener::testing::revoke_token(rocket, id, false));
    assert_eq!(create_with(&app, Some(&token)).0, Status::Unauthorized, "revoked");
    assert_eq!(app.get(&format!("/{key}"), None).status(), Status::TemporaryRedirect, "its links stay");
    assert_eq!(app.link_count(), 1);
}

#[test]
fn the_browser_keeps_the_token_in_a_cookie() {
    backend!();
    let app = private_app();
    let home = app.get("/", Some(BROWSER)).into_string().unwrap();
    assert!(home.contains(r#"action="/token""#));
    assert!(!home.contains(r#"action="/url""#), "no create form before the token");
    let (_, token) = rocket::execute(shortener::testing::creator_token(app.client.rocket(), "Bob"));

    let wrong = app.post_form("/token", "token=nope");
    assert_eq!(wrong.status(), Status::Unauthorized);
    assert!(wrong.cookies().get("creator_token").is_none());
    let kept = app.post_form("/token", &format!("token={token}"));
    assert_eq!(kept.status(), Status::SeeOther);
    let cookie = kept.headers().get_one("Set-Cookie").unwrap().to_owned();
    assert!(cookie.starts_with(&format!("creator_token={token}")), "{cookie}");
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
    let home = app.client.get("/").header(Header::new("Accept", BROWSER)).cookie(Cookie::new("creator_token", token)).dispatch();
    assert!(home.into_string().unwrap().contains(r#"action="/url""#));

    let secure = spawn_app_with(|f| f.merge(("private", true)).merge(("base_url", "https://sho.rt")));
    let (_, token) = rocket::execute(shortener::testing::creator_token(secure.client.rocket(), "Carol"));
    let kept = secure.post_form("/token", &format!("token={token}"));
    assert!(kept.headers().get_one("Set-Cookie").unwrap().contains("Secure"));
}

#[test]
fn revoking_a_token_with_its_links_disables_them() {
    backend!();
    let app = private_app();
    let rocket = app.client.rocket();
    let (id, token) = rocket::execute(shortener::testing::creator_token(rocket, "Mallory"));
    let (_, kept) = rocket::execute(shortener::testing::creator_token(rocket, "Trent"));
    let (_, a) = create_with(&app, Some(&token));
    let (_, b) = create_with(&app, Some(&kept));
    let path = |info: &Value| format!("/{}", info["url"].as_str().unwrap().rsplit('/').next().unwrap());
    assert_eq!(app.get(&path(&a), None).status(), Status::TemporaryRedirect);

    let disabled = rocket::execute(shortener::testing::revoke_token(rocket, id, true));
    assert_eq!(disabled, 1);
    let started = Instant::now();
    while app.get(&path(&a), None).status() != Status::Gone {
        assert!(started.elapsed() < Duration::from_secs(1), "still forwarding");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(app.get(&path(&b), None).status(), Status::TemporaryRedirect, "other tokens' links stay");

    let secret = moderation_secret(&app);
    let (_, found) = app.get_json(&format!("/moderate/{secret}?q=example.com"));
    let tokens: Vec<&str> = found["links"].as_array().unwrap().iter().filter_map(|l| l["token"].as_str()).collect();
    assert_eq!(tokens.len(), 2);
    assert!(tokens.contains(&"Mallory") && tokens.contains(&"Trent"));
}

#[test]
fn creates_are_limited_per_token_as_well_as_per_address() {
    backend!();
    let app = spawn_app_with(|f| {
        f.merge(("private", true))
            .merge(("rate_limit.per_minute", 1))
            .merge(("rate_limit.burst", 2))
    });
    let (_, token) = rocket::execute(shortener::testing::creator_token(app.client.rocket(), "Eve"));
    let (_, other) = rocket::execute(shortener::testing::creator_token(app.client.rocket(), "Frank"));
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
    assert_eq!(create_from("192.0.2.3:1", &other), Status::Created, "another token");
    assert_eq!(app.link_count(), 3);
}
