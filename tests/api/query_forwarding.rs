//! Query forwarding and campaign tags: a link with `forward_query` passes the
//! visitor's query on to its target (the visitor's value wins on a shared name);
//! `utm_*` fields at creation are added to the target before it is stored.

use rocket::http::{Method, Status};
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, TestApp, BROWSER};

fn location(app: &TestApp, path: &str) -> String {
    let res = app.get(path, None);
    assert_eq!(res.status(), Status::TemporaryRedirect, "{path}");
    header(&res, "Location").to_owned()
}

#[test]
fn without_forward_query_the_visitors_query_is_dropped() {
    let app = spawn_app();
    let link = app.seed("https://example.com/page?own=1");
    assert_eq!(link.0["forward_query"], false);
    assert_eq!(
        location(&app, &format!("{}?utm_source=mail", link.path())),
        "https://example.com/page?own=1"
    );
}

#[test]
fn with_forward_query_both_sides_parameters_are_kept_and_the_visitor_wins() {
    let app = spawn_app();
    let link = app.seed_with(
        json!({ "target_url": "https://example.com/p?a=1&b=2#top", "forward_query": true }),
    );
    assert_eq!(link.0["forward_query"], true);
    let path = link.path();
    assert_eq!(
        location(&app, &path),
        "https://example.com/p?a=1&b=2#top",
        "no query: the target as it is"
    );
    assert_eq!(
        location(&app, &format!("{path}?c=3")),
        "https://example.com/p?a=1&b=2&c=3#top"
    );
    assert_eq!(
        location(&app, &format!("{path}?b=visitor")),
        "https://example.com/p?a=1&b=visitor#top"
    );
    assert_eq!(
        location(&app, &format!("{path}?b=x&b=y")),
        "https://example.com/p?a=1&b=x&b=y#top"
    );
    let plain =
        app.seed_with(json!({ "target_url": "https://example.com/plain", "forward_query": true }));
    assert_eq!(
        location(&app, &format!("{}?utm_source=mail", plain.path())),
        "https://example.com/plain?utm_source=mail"
    );
    // Clicks count as usual.
    let (_, admin) = app.get_json(&link.admin_path());
    assert_eq!(admin["clicks"], 4);
}

#[test]
fn forwarded_queries_keep_their_encoding_and_stay_a_valid_location() {
    let app = spawn_app();
    let link = app
        .seed_with(json!({ "target_url": "https://example.com/s?q=old", "forward_query": true }));
    let path = link.path();
    assert_eq!(
        location(&app, &format!("{path}?q=a%20b&e=%C3%A9")),
        "https://example.com/s?q=a%20b&e=%C3%A9"
    );
    assert_eq!(
        location(&app, &format!("{path}?q=a+b")),
        "https://example.com/s?q=a+b",
        "+ is the visitor's space"
    );
    assert_eq!(
        location(&app, &format!("{path}?%71=encoded-name")),
        "https://example.com/s?%71=encoded-name",
        "names compare decoded"
    );
    let odd = location(&app, &format!("{path}?x=%22%3Cscript%3E"));
    assert_eq!(odd, "https://example.com/s?q=old&x=%22%3Cscript%3E");
    assert!(!odd.contains('<') && !odd.contains(' '));
}

#[test]
fn the_owner_turns_forwarding_on_and_off_in_json_and_on_the_admin_page() {
    let app = spawn_app();
    let link = app.seed("https://example.com/t");
    let path = format!("{}?ref=x", link.path());
    assert_eq!(
        location(&app, &path),
        "https://example.com/t",
        "cached without forwarding"
    );

    let res = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "forward_query": true }),
    );
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.into_json::<Value>().unwrap()["forward_query"], true);
    assert_eq!(
        location(&app, &path),
        "https://example.com/t?ref=x",
        "no stale cache"
    );

    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains(r#"name="forward_query" value="off""#));
    let res = app.post_form(&link.admin_path(), "_method=PATCH&forward_query=off");
    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(location(&app, &path), "https://example.com/t");
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(
        html.contains("no longer added"),
        "the notice says what changed"
    );

    for bad in [
        json!({ "forward_query": "yes" }),
        json!({ "forward_query": null }),
    ] {
        assert_eq!(
            app.send_json(Method::Patch, &link.admin_path(), bad.clone())
                .status(),
            Status::UnprocessableEntity,
            "{bad}"
        );
    }
    assert_eq!(
        app.post_form(&link.admin_path(), "_method=PATCH&forward_query=perhaps")
            .status(),
        Status::UnprocessableEntity
    );
    // Target and forwarding in one change.
    let both = json!({ "target_url": "https://example.org/both", "forward_query": true });
    let res = app.send_json(Method::Patch, &link.admin_path(), both);
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(location(&app, &path), "https://example.org/both?ref=x");
}

#[test]
fn campaign_tags_at_creation_are_added_to_the_stored_target() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/landing?utm_source=old&keep=1",
        "utm_source": "newsletter",
        "utm_medium": "email",
        "utm_campaign": "spring sale",
        "utm_term": "",
        "utm_content": null
    }));
    let expected = "https://example.com/landing?keep=1&utm_source=newsletter&utm_medium=email&utm_campaign=spring+sale";
    assert_eq!(link.str("target_url"), expected);
    assert_eq!(location(&app, &link.path()), expected);

    let res = app.create_form(
        "target_url=https%3A%2F%2Fexample.com%2Fform&utm_source=poster&utm_content=A%2FB",
    );
    assert_eq!(res.status(), Status::SeeOther);
    let admin = header(&res, "Location").to_owned();
    let (_, info) = app.get_json(&admin);
    assert_eq!(
        info["target_url"],
        "https://example.com/form?utm_source=poster&utm_content=A%2FB"
    );
    let home = app.get("/", Some(BROWSER)).into_string().unwrap();
    for tag in [
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
    ] {
        assert!(
            home.contains(&format!(r#"name="{tag}""#)),
            "{tag} under More options"
        );
    }
}

#[test]
fn campaign_tags_that_are_too_long_or_hold_control_characters_are_refused() {
    let app = spawn_app();
    let before = app.link_count();
    for bad in [json!("x".repeat(101)), json!("line\nbreak"), json!(5)] {
        let res =
            app.create_json(json!({ "target_url": "https://example.com/", "utm_campaign": bad }));
        assert_eq!(res.status(), Status::UnprocessableEntity, "{bad}");
    }
    let res = app.create_form(&format!(
        "target_url=https%3A%2F%2Fexample.com%2F&utm_term={}",
        "y".repeat(101)
    ));
    assert_eq!(res.status(), Status::UnprocessableEntity);
    let html = res.into_string().unwrap();
    assert!(
        html.contains(r#"id="utm_term-error""#),
        "the message beside the field"
    );
    assert!(
        html.contains("<details class=\"options\" open>"),
        "More options open on the refused field"
    );
    let res = app.create_json(json!({ "target_url": "not a url", "utm_source": "x" }));
    assert_eq!(
        res.status(),
        Status::BadRequest,
        "the target is still checked"
    );
    assert_eq!(app.link_count(), before);
}

#[test]
fn a_protected_link_passes_the_query_on_once_its_password_is_given() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/doc?v=2",
        "password": "open sesame",
        "forward_query": true,
    }));
    let path = format!("{}?utm_source=poster", link.path());
    let page = app.get(&path, Some(BROWSER));
    assert_eq!(page.status(), Status::Unauthorized);
    let html = page.into_string().unwrap();
    assert!(
        html.contains(&format!("{path}\"")),
        "the form posts to the link with the query: {html}"
    );
    let opened = app
        .client
        .post(path)
        .header(rocket::http::ContentType::Form)
        .header(rocket::http::Header::new("Accept", BROWSER))
        .body("password=open+sesame")
        .dispatch();
    assert_eq!(opened.status(), Status::SeeOther);
    assert_eq!(
        header(&opened, "Location"),
        "https://example.com/doc?v=2&utm_source=poster"
    );
    let json = app
        .client
        .post(format!("{}?utm_source=app", link.path()))
        .header(rocket::http::ContentType::JSON)
        .body(r#"{"password": "open sesame"}"#)
        .dispatch();
    assert_eq!(
        header(&json, "Location"),
        "https://example.com/doc?v=2&utm_source=app"
    );
}
