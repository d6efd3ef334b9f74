//! Abuse reports and the operator's moderation: the report form and its limits, the
//! moderation page and its decisions, and what a disabled link answers everywhere.

use std::net::SocketAddr;

use rocket::http::{Accept, ContentType, Header, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{detail, spawn_app, spawn_app_with, TestApp, BROWSER};

pub(super) fn moderation_secret(app: &TestApp) -> String {
    rocket::execute(shortener::testing::moderation_secret(app.client.rocket()))
}

pub(super) fn report(app: &TestApp, key: &str, body: Value, from: &str) -> (Status, Value) {
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
fn a_report_is_taken_and_stores_nothing_about_its_sender() {
    let app = spawn_app();
    let link = app.seed("https://example.com/phish");
    let (status, json) = report(
        &app,
        &link.key(),
        json!({ "reason": "phishing", "details": "Asks for my bank login" }),
        "192.0.2.7:5000",
    );
    assert_eq!(status, Status::Accepted);
    assert_eq!(
        json,
        json!({ "detail": "Thank you. The report was received." })
    );

    let columns = match crate::backend::on_sqlite() {
        true => "select count(*) from pragma_table_info('report')",
        false => {
            "select count(*) from information_schema.columns \
                  where table_name = 'report' and table_schema = current_schema()"
        }
    };
    assert_eq!(
        app.query_i64(columns),
        6,
        "id, link_id, reason, details, created_at, open"
    );
    let row: String = crate::helpers::query_scalar(
        &app.db_path,
        "select reason || '|' || details || '|' || link_id from report",
    );
    assert_eq!(row, "phishing|Asks for my bank login|1");
    for column in ["reason", "details", "created_at"] {
        let text: String =
            crate::helpers::query_scalar(&app.db_path, &format!("select {column} from report"));
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
    assert!(form
        .into_string()
        .unwrap()
        .contains("Thank you. The report was received."));
    assert_eq!(
        app.query_i64("select count(*) from report where details is null"),
        1
    );
}

#[test]
fn a_report_needs_a_known_reason_short_details_and_an_existing_link() {
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
    assert_eq!(
        app.get("/report/nosuchkey", Some(BROWSER)).status(),
        Status::NotFound
    );
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
    assert!(
        html.contains(">what I saw</textarea>"),
        "the form keeps the text"
    );
}

#[test]
fn reports_are_limited_per_client_and_ipv6_per_network() {
    let app = spawn_app_with(|f| {
        f.merge(("report_rate_limit.per_minute", 1))
            .merge(("report_rate_limit.burst", 2))
    });
    let link = app.seed("https://example.com/");
    let spam = json!({ "reason": "spam" });
    assert_eq!(
        report(&app, &link.key(), spam.clone(), "[2001:db8:1:1::1]:1").0,
        Status::Accepted
    );
    assert_eq!(
        report(&app, &link.key(), spam.clone(), "[2001:db8:1:1::2]:1").0,
        Status::Accepted
    );
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
    assert_eq!(
        report(&app, &link.key(), spam, "[2001:db8:1:2::1]:1").0,
        Status::Accepted
    );
    assert_eq!(app.query_i64("select count(*) from report"), 3);
}

#[test]
fn the_peek_page_has_the_report_form_and_other_landing_pages_link_to_it() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let html = app
        .get(&format!("/peek/{}", link.key()), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(
        html.contains(&format!(r#"action="/report/{}""#, link.key())),
        "{html}"
    );
    assert!(html.contains(r#"name="reason" type="radio" value="phishing""#));

    let locked =
        app.seed_with(json!({ "target_url": "https://example.com/", "password": "open sesame" }));
    let html = app
        .get(&locked.path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(
        html.contains(&format!(r#"href="/report/{}""#, locked.key())),
        "{html}"
    );

    let limited = app.seed_with(
        json!({ "target_url": "https://example.com/", "max_clicks": 1, "humans_only": false }),
    );
    app.get(&limited.path(), None);
    let gone = app.get(&limited.path(), Some(BROWSER));
    assert_eq!(gone.status(), Status::Gone);
    let html = gone.into_string().unwrap();
    assert!(html.contains("This link has expired"));
    assert!(html.contains(&format!(r#"href="/report/{}""#, limited.key())));

    let (status, json) = app.get_json(&format!("/report/{}", link.key()));
    assert_eq!(status, Status::Ok);
    assert_eq!(
        json["reasons"],
        json!(["phishing", "malware", "spam", "illegal", "other"])
    );
}

#[test]
fn the_moderation_page_lists_the_most_reported_first_and_searches() {
    let app = spawn_app();
    let once = app.seed("https://one.example/");
    let thrice = app.seed("https://three.example/");
    let never = app.seed("https://sub.quiet.example/");
    let from = "192.0.2.1:1";
    report(&app, &once.key(), json!({ "reason": "spam" }), from);
    for (reason, details) in [
        ("phishing", "fake bank"),
        ("phishing", ""),
        ("malware", "an .exe"),
    ] {
        report(
            &app,
            &thrice.key(),
            json!({ "reason": reason, "details": details }),
            from,
        );
    }
    let secret = moderation_secret(&app);

    let (status, json) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(status, Status::Ok);
    let keys: Vec<&str> = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, [thrice.key(), once.key()]);
    let top = &json["links"][0];
    assert_eq!(top["reports"], 3);
    assert_eq!(top["by_reason"]["phishing"], 2);
    assert_eq!(top["by_reason"]["malware"], 1);
    assert_eq!(top["by_reason"]["spam"], 0);
    assert_eq!(top["details"][0]["details"], "an .exe", "newest first");
    assert_eq!(
        top["details"].as_array().unwrap().len(),
        2,
        "empty texts left out"
    );
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

    assert_eq!(
        app.get_json("/moderate/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").0,
        Status::NotFound
    );
    let newer = moderation_secret(&app);
    assert_eq!(
        app.get_json(&format!("/moderate/{secret}")).0,
        Status::NotFound,
        "replaced"
    );
    assert_eq!(app.get_json(&format!("/moderate/{newer}")).0, Status::Ok);
}

#[test]
fn the_operator_disables_with_a_reason_enables_and_dismisses() {
    let app = spawn_app();
    let link = app.seed("https://example.com/bad");
    let other = app.seed("https://example.com/meh");
    let from = "192.0.2.1:1";
    report(&app, &link.key(), json!({ "reason": "phishing" }), from);
    report(&app, &other.key(), json!({ "reason": "spam" }), from);
    let secret = moderation_secret(&app);
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );

    let (status, _) = decide(&app, &secret, &link.key(), json!({ "action": "disable" }));
    assert_eq!(status, Status::UnprocessableEntity, "a reason is required");
    let page = app.post_form(
        &format!("/moderate/{secret}/{}", link.key()),
        "action=disable&reason=+",
    );
    assert_eq!(page.status(), Status::UnprocessableEntity);
    assert!(page.into_string().unwrap().contains("Give a reason"));
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect,
        "still forwarding"
    );

    let (status, json) = decide(
        &app,
        &secret,
        &link.key(),
        json!({ "action": "disable", "reason": "Phishing a bank" }),
    );
    assert_eq!(status, Status::Ok, "{json}");
    let (status, json) = app.get_json(&link.path());
    assert_eq!(status, Status::Gone);
    assert_eq!(
        json["detail"],
        "This link was disabled by the operator: Phishing a bank"
    );
    let (_, list) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(
        list["links"].as_array().unwrap().len(),
        1,
        "its reports were closed"
    );

    let res = app.post_form(
        &format!("/moderate/{secret}/{}", other.key()),
        "action=dismiss",
    );
    assert_eq!(res.status(), Status::SeeOther);
    let (_, list) = app.get_json(&format!("/moderate/{secret}"));
    assert_eq!(list["links"], json!([]));
    assert_eq!(
        app.get(&other.path(), None).status(),
        Status::TemporaryRedirect,
        "dismissing changes nothing else"
    );

    let (status, _) = decide(&app, &secret, &link.key(), json!({ "action": "enable" }));
    assert_eq!(status, Status::Ok);
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );
    assert_eq!(
        decide(&app, &secret, "nosuchkey", json!({ "action": "enable" })).0,
        Status::NotFound
    );
    assert_eq!(
        decide(&app, &secret, &link.key(), json!({ "action": "explode" })).0,
        Status::UnprocessableEntity
    );
}

#[test]
fn a_disabled_link_answers_410_on_every_route_and_its_owner_cannot_change_it() {
    let app = spawn_app();
    let link = app.seed("https://example.com/x");
    let locked =
        app.seed_with(json!({ "target_url": "https://example.com/y", "password": "open sesame" }));
    let secret = moderation_secret(&app);
    for l in [&link, &locked] {
        decide(
            &app,
            &secret,
            &l.key(),
            json!({ "action": "disable", "reason": "Malware" }),
        );
    }
    let message = "This link was disabled by the operator: Malware";
    for path in [
        link.path(),
        format!("/peek/{}", link.key()),
        locked.path(),
        format!("/peek/{}", locked.key()),
    ] {
        let (status, json) = app.get_json(&path);
        assert_eq!(status, Status::Gone, "{path}");
        assert_eq!(json["detail"], message);
        let html = app.get(&path, Some(BROWSER));
        assert_eq!(html.status(), Status::Gone);
        let html = html.into_string().unwrap();
        assert!(
            html.contains("This link was disabled by the operator of this site"),
            "{path}"
        );
        assert!(html.contains("Malware"));
    }
    assert_eq!(
        app.client.head(link.path()).dispatch().status(),
        Status::Gone
    );
    let unlock = app.send_json(
        Method::Post,
        &locked.path(),
        json!({ "password": "open sesame" }),
    );
    assert_eq!(unlock.status(), Status::Gone);

    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["disabled_reason"], "Malware");
    let page = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(page.contains("Disabled by the operator of this site: Malware"));
    assert!(!page.contains(r#"id="new_target""#), "no edit form");
    let edit = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "target_url": "https://example.com/z" }),
    );
    assert_eq!(edit.status(), Status::Conflict);
    assert!(detail(edit).contains("disabled by the operator"));
}
