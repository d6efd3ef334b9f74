//! One set of routes, HTML or JSON depending on `Accept` and the body's type.

use rocket::http::{ContentType, Status};
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, BROWSER};

#[test]
fn the_home_page_is_html_for_browsers_star_and_no_accept() {
    let app = spawn_app();

    for accept in [Some(BROWSER), Some("*/*"), Some("text/html"), None] {
        let res = app.get("/", accept);

        assert_eq!(res.status(), Status::Ok, "{accept:?}");
        assert_eq!(res.content_type(), Some(ContentType::HTML), "{accept:?}");
        assert_eq!(header(&res, "Vary"), "Accept, Accept-Language, Cookie");
        let html = res.into_string().unwrap();
        assert!(html.contains(r#"<form class="card" method="post" action="/url">"#));
        assert!(html.contains(r#"<label for="target_url">"#));
        assert!(html.contains(r#"<label for="custom_key">"#));
    }
}

#[test]
fn the_home_page_is_the_tutorials_welcome_in_json() {
    let app = spawn_app();

    let res = app.get("/", Some("application/json"));

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::JSON));
    assert_eq!(header(&res, "Vary"), "Accept, Accept-Language, Cookie");
    let body: Value = res.into_json().unwrap();
    assert_eq!(body["detail"], "Welcome to the URL shortener API :)");
    assert!(body["endpoints"].as_array().is_some_and(|e| e.len() == 5));
}

#[test]
fn json_wins_when_accept_ranks_it_first() {
    let app = spawn_app();

    let res = app.get("/", Some("text/html;q=0.5, application/json"));

    assert_eq!(res.content_type(), Some(ContentType::JSON));
}

#[test]
fn a_json_body_with_star_or_no_accept_gets_json_back() {
    let app = spawn_app();

    for accept in [Some("*/*"), None] {
        let body = json!({ "target_url": "https://example.com/" }).to_string();
        let res = app.post_url(Some(ContentType::JSON), accept, body);

        assert_eq!(res.status(), Status::Created, "{accept:?}");
        assert_eq!(res.content_type(), Some(ContentType::JSON));
        assert_eq!(header(&res, "Vary"), "Accept, Accept-Language, Cookie");
    }
}

#[test]
fn a_form_body_with_star_or_no_accept_gets_the_html_redirect() {
    let app = spawn_app();

    for accept in [Some("*/*"), None] {
        let body = "target_url=https%3A%2F%2Fexample.com%2F";
        let res = app.post_url(Some(ContentType::Form), accept, body);

        assert_eq!(res.status(), Status::SeeOther, "{accept:?}");
        assert!(header(&res, "Location").starts_with("/admin/"));
        assert_eq!(
            header(&res, "Vary"),
            "Accept, Accept-Language, Cookie",
            "JSON would get a 201 here"
        );
    }
}

#[test]
fn a_form_body_asking_for_json_gets_json() {
    let app = spawn_app();

    let body = "target_url=https%3A%2F%2Fexample.com%2Fform";
    let res = app.post_url(Some(ContentType::Form), Some("application/json"), body);

    assert_eq!(res.status(), Status::Created);
    let body: Value = res.into_json().unwrap();
    assert_eq!(body["target_url"], "https://example.com/form");
}

#[test]
fn errors_are_negotiated_too() {
    let app = spawn_app();

    let json = app.get("/nope", Some("application/json"));
    assert_eq!(json.status(), Status::NotFound);
    assert_eq!(json.content_type(), Some(ContentType::JSON));
    assert_eq!(header(&json, "Vary"), "Accept, Accept-Language, Cookie");

    for accept in [Some(BROWSER), Some("*/*"), None] {
        let html = app.get("/nope", accept);
        assert_eq!(html.status(), Status::NotFound);
        assert_eq!(html.content_type(), Some(ContentType::HTML), "{accept:?}");
        assert_eq!(header(&html, "Vary"), "Accept, Accept-Language, Cookie");
    }
}
