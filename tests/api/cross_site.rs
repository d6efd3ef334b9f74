//! State-changing requests a browser sends from another site's page are refused
//! (403) before they do anything; the app's own pages and programs are not affected.

use rocket::http::{ContentType, Header, Method, Status};
use rocket::local::blocking::LocalResponse;
use serde_json::json;

use crate::helpers::{detail, header, spawn_app, TestApp, BROWSER};

const EVIL: &str = "https://evil.example";

/// A form POST as a browser sends it, with the given provenance headers.
fn form_post<'a>(
    app: &'a TestApp,
    method: Method,
    path: &str,
    body: &str,
    headers: &[(&'static str, &'static str)],
) -> LocalResponse<'a> {
    let mut req = app
        .client
        .req(method, path.to_owned())
        .header(ContentType::Form)
        .header(Header::new("Accept", BROWSER));
    for (name, value) in headers {
        req = req.header(Header::new(*name, *value));
    }
    req.body(body).dispatch()
}

fn refused_page(res: LocalResponse<'_>) {
    assert_eq!(res.status(), Status::Forbidden);
    assert_eq!(res.content_type(), Some(ContentType::HTML));
    let html = res.into_string().unwrap();
    assert!(
        html.contains("Cross-site form posts are not accepted"),
        "{html}"
    );
}

const CREATE: &str = "target_url=https%3A%2F%2Fexample.com%2F&custom_key=planted";

#[test]
fn a_cross_site_form_post_creates_nothing() {
    let app = spawn_app();
    for headers in [
        &[("Sec-Fetch-Site", "cross-site"), ("Origin", EVIL)][..],
        &[
            ("Sec-Fetch-Site", "same-site"),
            ("Origin", "http://user.sho.rt"),
        ][..],
        &[("Origin", EVIL)][..],
        &[("Origin", "null")][..],
        &[("Origin", "http://sho.rt.evil.example")][..],
    ] {
        refused_page(form_post(&app, Method::Post, "/url", CREATE, headers));
    }

    let bulk = "target_urls=https%3A%2F%2Fexample.com%2Fa";
    refused_page(form_post(
        &app,
        Method::Post,
        "/url",
        bulk,
        &[("Origin", "null")],
    ));
    assert_eq!(app.link_count(), 0);
    assert_eq!(app.get("/planted", None).status(), Status::NotFound);
}

#[test]
fn the_app_s_own_pages_and_programs_still_post() {
    let app = spawn_app();
    let own = form_post(
        &app,
        Method::Post,
        "/url",
        CREATE,
        &[
            ("Sec-Fetch-Site", "same-origin"),
            ("Origin", "http://sho.rt"),
        ],
    );
    assert_eq!(own.status(), Status::SeeOther);
    let by_host = form_post(
        &app,
        Method::Post,
        "/url",
        "target_url=https%3A%2F%2Fexample.com%2F",
        &[
            ("Origin", "http://localhost:8000"),
            ("Host", "localhost:8000"),
        ],
    );
    assert_eq!(
        by_host.status(),
        Status::SeeOther,
        "Origin is the Host asked"
    );
    let typed = form_post(
        &app,
        Method::Post,
        "/url",
        "target_url=https%3A%2F%2Fexample.com%2F",
        &[("Sec-Fetch-Site", "none")],
    );
    assert_eq!(typed.status(), Status::SeeOther);

    let program = app.create_json(json!({ "target_url": "https://example.com/" }));
    assert_eq!(
        program.status(),
        Status::Created,
        "no headers: not a browser"
    );
    assert_eq!(app.link_count(), 4);
}

#[test]
fn json_clients_get_the_refusal_as_json() {
    let app = spawn_app();
    let res = app
        .client
        .post("/url")
        .header(ContentType::JSON)
        .header(Header::new("Accept", "application/json"))
        .header(Header::new("Origin", EVIL))
        .body(json!({ "target_url": "https://example.com/" }).to_string())
        .dispatch();

    assert_eq!(res.status(), Status::Forbidden);
    assert_eq!(detail(res), "Cross-site form posts are not accepted");
    assert_eq!(app.link_count(), 0);
}

#[test]
fn owner_changes_from_another_site_change_nothing() {
    let app = spawn_app();
    let link = app.seed("https://example.com/mine");
    let admin = link.admin_path();
    let cross = &[("Sec-Fetch-Site", "cross-site"), ("Origin", EVIL)][..];

    let edit = "_method=PATCH&target_url=https%3A%2F%2Fevil.example%2F";
    refused_page(form_post(&app, Method::Post, &admin, edit, cross));
    let edit = "target_url=https%3A%2F%2Fevil.example%2F&_method=PATCH";
    refused_page(form_post(&app, Method::Post, &admin, edit, cross));
    refused_page(form_post(
        &app,
        Method::Post,
        &admin,
        "_method=DELETE",
        cross,
    ));
    for method in [Method::Patch, Method::Delete] {
        let res = app
            .client
            .req(method, admin.clone())
            .header(ContentType::JSON)
            .header(Header::new("Origin", "null"))
            .body(json!({ "target_url": "https://evil.example/" }).to_string())
            .dispatch();
        assert_eq!(res.status(), Status::Forbidden, "{method}");
    }

    let hop = app.get(&link.path(), None);
    assert_eq!(header(&hop, "Location"), "https://example.com/mine");
    let own = form_post(
        &app,
        Method::Post,
        &admin,
        "_method=DELETE",
        &[("Sec-Fetch-Site", "same-origin")],
    );
    assert_eq!(own.status(), Status::SeeOther, "the owner's own page works");
    assert_eq!(app.get(&link.path(), None).status(), Status::NotFound);
}

#[test]
fn password_guesses_from_another_site_are_not_checked() {
    let app = spawn_app();
    let body = json!({ "target_url": "https://example.com/doc", "password": "right one" });
    let link = app.seed_with(body);
    let cross = &[("Sec-Fetch-Site", "cross-site")][..];

    refused_page(form_post(
        &app,
        Method::Post,
        &link.path(),
        "password=right+one",
        cross,
    ));
    let res = app
        .client
        .post(link.path())
        .header(ContentType::JSON)
        .header(Header::new("Accept", "application/json"))
        .header(Header::new("Origin", EVIL))
        .body(json!({ "password": "right one" }).to_string())
        .dispatch();
    assert_eq!(res.status(), Status::Forbidden);

    let own = form_post(
        &app,
        Method::Post,
        &link.path(),
        "password=right+one",
        &[
            ("Sec-Fetch-Site", "same-origin"),
            ("Origin", "http://sho.rt"),
        ],
    );
    assert_eq!(own.status(), Status::SeeOther);
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(
        info["clicks"], 1,
        "only the same-origin unlock went through"
    );
}
