//! Bad input gets a clear 4xx in the asked-for format, and nothing is stored.

use rocket::http::{Accept, ContentType, Method, Status};
use serde_json::json;

use crate::helpers::{detail, header, spawn_app, spawn_app_with, BASE, BROWSER};

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
fn the_password_and_the_edit_in_another_body_type_are_unsupported() {
    let app = spawn_app();
    let link =
        app.seed_with(json!({"target_url": "https://example.com/", "password": "open sesame"}));

    for (method, path) in [
        (Method::Post, link.path()),
        (Method::Patch, link.admin_path()),
    ] {
        for body_type in [Some(ContentType::Plain), None] {
            let mut req = app.client.req(method, path.clone()).header(Accept::JSON);
            if let Some(body_type) = body_type {
                req = req.header(body_type);
            }
            let res = req.body("x").dispatch();
            assert_eq!(
                res.status(),
                Status::UnsupportedMediaType,
                "{method} {path}"
            );
            assert!(detail(res).contains("application/x-www-form-urlencoded"));
        }
    }
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(
        info["target_url"], "https://example.com/",
        "nothing changed"
    );
}

#[test]
fn malformed_json_to_the_password_report_and_moderation_routes_is_a_400() {
    let app = spawn_app();
    let link =
        app.seed_with(json!({"target_url": "https://example.com/", "password": "open sesame"}));
    let secret = rocket::execute(shortener::testing::moderation_secret(app.client.rocket()));
    let paths = [
        link.path(),
        format!("/report/{}", link.key()),
        format!("/moderate/{secret}/{}", link.key()),
        "/token".to_owned(),
    ];
    for path in paths {
        let res = app
            .client
            .post(path.clone())
            .header(ContentType::JSON)
            .header(Accept::JSON)
            .body("{\"password\": ")
            .dispatch();
        assert_eq!(res.status(), Status::BadRequest, "{path}");
        assert!(detail(res).starts_with("Malformed JSON"), "{path}");
    }
    assert_eq!(app.query_i64("select count(*) from report"), 0);
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::Unauthorized,
        "still protected, not disabled"
    );
}

#[test]
fn over_size_bodies_are_too_large() {
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

#[test]
fn a_target_with_a_user_name_or_password_is_refused() {
    let app = spawn_app();
    let link = app.seed("https://example.com/keep");

    for target in [
        "https://paypal.com@evil.example/",
        "https://user:secret@example.com/",
        "https://:secret@example.com/",
    ] {
        let created = app.create_json(json!({ "target_url": target }));
        let edited = app.send_json(
            Method::Patch,
            &link.admin_path(),
            json!({ "target_url": target }),
        );

        for res in [created, edited] {
            assert_eq!(res.status(), Status::UnprocessableEntity, "{target}");
            assert_eq!(
                detail(res),
                "The target URL must not contain a user name or password"
            );
        }
    }
    assert_eq!(app.link_count(), 1);
    assert_eq!(
        app.get_json(&link.admin_path()).1["target_url"],
        "https://example.com/keep"
    );
}

#[test]
fn a_target_is_stored_shown_and_sent_as_a_browser_reads_it() {
    let app = spawn_app();

    for (typed, normalised) in [
        (
            r"https://evil.example\@paypal.com/",
            "https://evil.example/@paypal.com/",
        ),
        ("https://Example.COM", "https://example.com/"),
        (
            "https://example.com/?q=<b>",
            "https://example.com/?q=%3Cb%3E",
        ),
        ("HTTP://EXAMPLE.com:80/a/../b", "http://example.com/b"),
    ] {
        let link = app.seed(typed);
        let follow = app.get(&link.path(), None);
        let peek = app
            .get(&format!("/peek/{}", link.key()), Some(BROWSER))
            .into_string()
            .unwrap();

        assert_eq!(link.str("target_url"), normalised, "{typed}");
        assert_eq!(header(&follow, "Location"), normalised, "{typed}");
        assert!(
            peek.contains(&format!(r#"<a href="{normalised}""#)),
            "{typed}: {peek}"
        );
    }
}

/// An app whose links are on `base_url`, listening where Rocket's defaults say.
fn app_on(base_url: &str) -> crate::helpers::TestApp {
    let base_url = base_url.to_owned();
    spawn_app_with(|f| f.merge(("base_url", base_url)))
}

fn assert_loop(app: &crate::helpers::TestApp, target: &str) {
    let res = app.create_json(json!({ "target_url": target }));
    assert_eq!(res.status(), Status::BadRequest, "{target}");
    assert_eq!(
        detail(res),
        "Your provided URL is not valid: it points back to this shortener",
        "{target}"
    );
}

#[test]
fn every_spelling_of_a_loopback_app_is_refused_as_a_loop() {
    let app = app_on("http://127.0.0.1:8000");

    for target in [
        "http://127.0.0.1:8000/abcde",
        "http://localhost:8000/abcde",
        "http://LOCALHOST.:8000/abcde",
        "http://[::ffff:127.0.0.1]:8000/abcde",
        "http://127.1:8000/abcde",
        "http://0x7f.1:8000/abcde",
        "http://2130706433:8000/abcde",
        "http://[::1]:8000/abcde",
    ] {
        assert_loop(&app, target);
    }
    assert_eq!(app.link_count(), 0);
}

#[test]
fn every_spelling_of_the_apps_name_is_refused_as_a_loop() {
    let app = app_on("https://Bücher.example");

    for target in [
        "https://bücher.example/abcde",
        "https://BÜCHER.EXAMPLE./abcde",
        "https://xn--bcher-kva.example/abcde",
    ] {
        assert_loop(&app, target);
    }
    let other = app.seed("https://other.bücher.example/");
    assert_eq!(
        other.str("target_url"),
        "https://other.xn--bcher-kva.example/"
    );
}

#[test]
fn the_listening_address_is_the_app_on_its_port() {
    let app = spawn_app_with(|f| f.merge(("address", "127.0.0.1")).merge(("port", 8123)));

    for target in [
        "http://localhost:8123/abcde",
        "http://[::1]:8123/abcde",
        "http://127.1:8123/abcde",
    ] {
        assert_loop(&app, target);
    }
    let elsewhere = app.seed("http://localhost:8124/");
    assert_eq!(elsewhere.str("target_url"), "http://localhost:8124/");
}

/// A time that is the year 10000 once in UTC: each route that reads a time refuses
/// it with a 422 that says so, beside its field on a page, and never panics.
#[test]
fn a_time_past_the_year_9999_in_utc_is_a_422_on_every_route_that_reads_a_time() {
    let app = spawn_app();
    let edge = "9999-12-31T23:59:59-01:00";
    let encoded = "9999-12-31T23%3A59%3A59-01%3A00";
    let link = app.seed("https://example.com/");
    let admin = link.admin_path();
    let rule = |when: serde_json::Value| json!([{ "when": when, "target_url": "https://example.com/later" }]);

    let mut refused: Vec<(String, rocket::local::blocking::LocalResponse<'_>)> = Vec::new();
    for at in ["/peek/anything".to_owned(), format!("/peek/{}", link.key())] {
        refused.push((
            format!("peek {at} (JSON)"),
            app.client
                .get(format!("{at}?at={encoded}"))
                .header(Accept::JSON)
                .dispatch(),
        ));
        refused.push((
            format!("peek {at} (page)"),
            app.get(&format!("{at}?at={encoded}"), Some(BROWSER)),
        ));
    }
    let target = "https://example.com/x";
    for field in ["after", "before"] {
        refused.push((
            format!("rule {field} (JSON create)"),
            app.create_json(json!({ "target_url": target, "rules": rule(json!({ field: edge })) })),
        ));
        refused.push((
            format!("rule {field} (JSON edit)"),
            app.send_json(
                Method::Patch,
                &admin,
                json!({ "rules": rule(json!({ field: edge })) }),
            ),
        ));
        let row: String = ["device", "language", "query", "after", "before"]
            .iter()
            .map(|f| match *f == field {
                true => format!("rule%5B0%5D.{f}={encoded}&"),
                false => format!("rule%5B0%5D.{f}=&"),
            })
            .collect();
        let row = format!("{row}rule%5B0%5D.target_url=https%3A%2F%2Fa.example%2F");
        refused.push((
            format!("rule {field} (form create)"),
            app.create_form(&format!("target_url=https%3A%2F%2Fexample.com%2F&{row}")),
        ));
        refused.push((
            format!("rule {field} (form edit)"),
            app.post_form(&admin, &format!("_method=PATCH&smart=on&{row}")),
        ));
    }
    refused.push((
        "expires_at (JSON)".into(),
        app.create_json(json!({ "target_url": target, "expires_at": edge })),
    ));
    refused.push((
        "expires_at (form)".into(),
        app.create_form(&format!(
            "target_url=https%3A%2F%2Fexample.com%2F&expires_at={encoded}"
        )),
    ));

    for (case, res) in refused {
        assert_eq!(res.status(), Status::UnprocessableEntity, "{case}");
        let json = res.content_type() == Some(ContentType::JSON);
        let body = res.into_string().unwrap_or_default();
        assert!(
            body.contains("10000") || body.contains("9999"),
            "{case}: {body}"
        );
        if case.contains("form") && case.contains("expires_at") {
            assert!(body.contains(r#"id="expires_at-error""#), "{case}: {body}");
        }
        if case.contains("form") && case.contains("rule") {
            assert!(body.contains(r#"id="rules-error""#), "{case}: {body}");
        }
        if case.contains("JSON") {
            assert!(json, "{case}");
        }
    }
    assert_eq!(app.link_count(), 1);
    let (status, info) = app.get_json(&admin);
    assert_eq!(status, Status::Ok);
    assert!(
        info.get("rules")
            .map_or(true, |r| r == &json!([]) || r.is_null()),
        "{info}"
    );
}

#[test]
fn a_form_field_given_twice_is_refused_beside_it_not_dropped() {
    let app = spawn_app();
    let target = "target_url=https%3A%2F%2Fexample.com%2F";

    for field in [
        "custom_key",
        "expired_url",
        "expires_at",
        "max_clicks",
        "target_url",
    ] {
        let body = format!("{target}&{field}=first&{field}=second");
        let json = app
            .client
            .post("/url")
            .header(ContentType::Form)
            .header(Accept::JSON)
            .body(&body)
            .dispatch();
        assert_eq!(json.status(), Status::UnprocessableEntity, "{field}");
        let said = detail(json);
        assert!(
            said.contains(field) && said.contains("more than once"),
            "{said}"
        );

        let page = app.post_form("/url", &body);
        assert_eq!(page.status(), Status::UnprocessableEntity, "{field}");
        let html = page.into_string().unwrap();
        assert!(html.contains(field), "the page names the field: {field}");
    }
    assert_eq!(app.link_count(), 0, "nothing is stored");
}

#[test]
fn an_admin_form_reads_its_own_fields_once_and_ignores_the_others() {
    let app = spawn_app_with(|f| f.merge(("owner_rate_limit.per_minute", 0)));
    let link = app.seed("https://example.com/");
    let admin = link.admin_path();
    let form = |body: &str| {
        app.client
            .post(admin.clone())
            .header(ContentType::Form)
            .header(Accept::JSON)
            .body(body)
            .dispatch()
    };

    // The stats buttons' form, with other forms' fields about it, each given twice
    // and some not what their own form would take.
    let noisy = "_method=PATCH&stats=off&starts_at=&starts_at=soon&humans_only=maybe\
                 &title=a&title=b&target_url=ftp%3A%2F%2Fx&target_url=y";
    let res = form(noisy);
    assert_eq!(res.status(), Status::Ok, "the stats form is read alone");
    let info: serde_json::Value = res.into_json().unwrap();
    assert_eq!(info["stats_url"], serde_json::Value::Null);
    assert_eq!(
        info["target_url"], "https://example.com/",
        "the target stays"
    );
    assert_eq!(info["title"], serde_json::Value::Null);

    for (body, field) in [
        ("_method=PATCH&stats=off&stats=new", "stats"),
        ("_method=PATCH&target_url=https%3A%2F%2Fa.example%2F&target_url=https%3A%2F%2Fb.example%2F", "target_url"),
        ("_method=PATCH&schedule=1&starts_at=&starts_at=2030-01-01T00%3A00", "starts_at"),
    ] {
        let res = form(body);
        assert_eq!(res.status(), Status::UnprocessableEntity, "{body}");
        let said = detail(res);
        assert!(said.contains(field) && said.contains("more than once"), "{said}");
    }
    let res = form("_method=DELETE&stats=off&stats=new&humans_only=maybe");
    assert_eq!(res.status(), Status::Ok, "a delete reads no other field");
}
