//! Bad input gets a clear 4xx in the asked-for format, and nothing is stored.

use rocket::http::{ContentType, Status};
use serde_json::json;

use crate::helpers::{detail, spawn_app, BASE};

const INVALID_TARGETS: &[&str] = &[
    "",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/file",
    "file:///etc/passwd",
    "example.com",
    "/relative",
    "http://",
    "https://exa mple.com/",
    "https://example.com/\tx",
    " https://example.com/",
    "http://sho.rt/abc",
    "https://SHO.RT/admin/x",
];

#[test]
fn invalid_target_urls_are_bad_requests_in_json() {
    backend!();
    let app = spawn_app();

    for target in INVALID_TARGETS {
        let res = app.create_json(json!({ "target_url": target }));

        assert_eq!(res.status(), Status::BadRequest, "{target:?}");
        let detail = detail(res);
        assert!(
            detail.starts_with("Your provided URL is not valid"),
            "{target:?}: {detail}"
        );
    }
    assert_eq!(app.link_count(), 0);
}

#[test]
fn over_long_targets_are_refused() {
    backend!();
    let app = spawn_app();
    let long = format!("https://example.com/{}", "a".repeat(2048));

    let res = app.create_json(json!({ "target_url": long }));

    assert_eq!(res.status(), Status::BadRequest);
    assert_eq!(
        detail(res),
        "Your provided URL is not valid: it is longer than 2048 characters"
    );
}

#[test]
fn a_link_to_the_shortener_itself_is_refused() {
    backend!();
    let app = spawn_app();

    let res = app.create_json(json!({ "target_url": format!("{BASE}/abcde") }));

    assert_eq!(res.status(), Status::BadRequest);
    assert_eq!(
        detail(res),
        "Your provided URL is not valid: it points back to this shortener"
    );
}

#[test]
fn the_form_comes_back_with_the_message_beside_the_field_and_the_typed_value() {
    backend!();
    let app = spawn_app();

    let res = app.create_form("target_url=ftp%3A%2F%2Fexample.com%2F&custom_key=mine");

    assert_eq!(res.status(), Status::BadRequest);
    assert_eq!(res.content_type(), Some(ContentType::HTML));
    let html = res.into_string().unwrap();
    assert!(html.contains(r#"value="ftp://example.com/""#));
    assert!(html.contains(r#"value="mine""#));
    assert!(html.contains(r#"aria-describedby="target_url-error""#));
    assert!(html.contains(r#"<p class="error" id="target_url-error">Your provided URL is not valid: it must start with http:// or https://</p>"#));
}

#[test]
fn a_script_in_a_target_is_escaped_on_every_page() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/<script>alert(1)</script>");

    let admin = app
        .get(&link.admin_path(), Some("text/html"))
        .into_string()
        .unwrap();
    let peek = app
        .get(&format!("/peek/{}", link.key()), Some("text/html"))
        .into_string()
        .unwrap();
    let form = app
        .create_form("target_url=javascript%3A%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .into_string()
        .unwrap();

    for html in [admin, peek, form] {
        assert!(!html.contains("<script>alert"), "raw script tag in page");
        assert!(html.contains("alert(1)"));
    }
}

#[test]
fn malformed_json_is_a_bad_request() {
    backend!();
    let app = spawn_app();

    for body in [r#"{"target_url": "#, "not json", ""] {
        let res = app.post_url(Some(ContentType::JSON), None, body);

        assert_eq!(res.status(), Status::BadRequest, "{body:?}");
        let detail = detail(res);
        assert!(detail.starts_with("Malformed JSON"), "{detail}");
    }
}

#[test]
fn json_of_the_wrong_shape_is_unprocessable() {
    backend!();
    let app = spawn_app();

    for body in [
        json!({}),
        json!({ "target_url": 42 }),
        json!({ "url": "x" }),
    ] {
        let res = app.create_json(body.clone());

        assert_eq!(res.status(), Status::UnprocessableEntity, "{body}");
        let detail = detail(res);
        assert!(detail.starts_with("Invalid request body"), "{detail}");
    }
}

#[test]
fn a_form_without_a_target_is_unprocessable() {
    backend!();
    let app = spawn_app();

    let res = app.post_url(
        Some(ContentType::Form),
        Some("application/json"),
        "custom_key=abc",
    );

    assert_eq!(res.status(), Status::UnprocessableEntity);
    let detail = detail(res);
    assert!(detail.contains("target_url"), "{detail}");
}

#[test]
fn other_body_types_are_unsupported() {
    backend!();
    let app = spawn_app();

    let plain = app.post_url(Some(ContentType::Plain), None, "https://example.com/");
    let none = app.post_url(None, None, "target_url=https://example.com/");
    let xml = app.post_url(Some(ContentType::XML), Some("application/json"), "<a/>");

    assert_eq!(plain.status(), Status::UnsupportedMediaType);
    assert_eq!(none.status(), Status::UnsupportedMediaType);
    assert_eq!(xml.status(), Status::UnsupportedMediaType);
    assert!(detail(xml).contains("application/json"));
    assert_eq!(app.link_count(), 0);
}

#[test]
fn over_size_bodies_are_too_large() {
    backend!();
    let app = spawn_app();
    let huge = "a".repeat(300 * 1024);

    let json = app.create_json(json!({ "target_url": format!("https://example.com/{huge}") }));
    let form = app.post_url(
        Some(ContentType::Form),
        Some("application/json"),
        format!("target_url=https://example.com/{huge}"),
    );

    assert_eq!(json.status(), Status::PayloadTooLarge);
    assert_eq!(detail(json), "The JSON body is too large");
    assert_eq!(form.status(), Status::PayloadTooLarge);
    assert_eq!(detail(form), "The form is too large");
    assert_eq!(app.link_count(), 0);
}

#[test]
fn refused_input_leaves_stored_links_untouched() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/keep");
    app.get(&link.path(), None);

    app.create_json(json!({ "target_url": "javascript:x", "custom_key": link.key() }));
    app.create_json(json!({ "target_url": "https://evil.example/", "custom_key": link.key() }));
    app.post_url(Some(ContentType::JSON), None, "{");

    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["target_url"], "https://example.com/keep");
    assert_eq!(info["clicks"], 1);
    assert_eq!(app.link_count(), 1);
}
