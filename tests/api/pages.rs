//! Page chrome: security headers, robots.txt, static files, error pages in the layout.

use rocket::http::{ContentType, Status};

use crate::helpers::{header, spawn_app, BROWSER};

#[test]
fn pages_carry_the_security_headers() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");

    for path in [
        "/".to_owned(),
        link.admin_path(),
        format!("/peek/{}", link.key()),
        "/missing".into(),
    ] {
        let res = app.get(&path, Some(BROWSER));

        assert_eq!(header(&res, "X-Content-Type-Options"), "nosniff", "{path}");
        assert_eq!(header(&res, "X-Frame-Options"), "DENY", "{path}");
        let csp = header(&res, "Content-Security-Policy");
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(
            csp.contains("style-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
    }
}

#[test]
fn robots_stay_out_of_admin_pages() {
    let app = spawn_app();

    let res = app.get("/robots.txt", None);

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::Plain));
    assert!(res.into_string().unwrap().contains("Disallow: /admin/"));
}

#[test]
fn the_stylesheet_script_and_icon_are_served_by_the_app() {
    let app = spawn_app();

    for (path, kind) in [
        ("/static/style.css", ContentType::CSS),
        ("/static/app.js", ContentType::JavaScript),
        ("/static/favicon.svg", ContentType::SVG),
        ("/favicon.ico", ContentType::SVG),
    ] {
        let res = app.get(path, None);
        assert_eq!(res.status(), Status::Ok, "{path}");
        assert_eq!(res.content_type(), Some(kind), "{path}");
    }
    assert_eq!(app.get("/static/nope.css", None).status(), Status::NotFound);
    assert_eq!(
        app.get("/static/..%2FCargo.toml", None).status(),
        Status::NotFound
    );
}

#[test]
fn error_pages_keep_the_layout() {
    let app = spawn_app();

    let res = app.get("/admin/not-a-secret", Some(BROWSER));

    assert_eq!(res.status(), Status::NotFound);
    let html = res.into_string().unwrap();
    assert!(html.contains(r#"<link rel="stylesheet" href="/static/style.css">"#));
    assert!(html.contains("404 · Not Found"));
    assert!(html.contains(r#"<a href="/">Go to the home page</a>"#));
}

#[test]
fn the_deleted_page_stands_on_its_own() {
    let app = spawn_app();

    let res = app.get("/deleted", Some(BROWSER));

    assert_eq!(res.status(), Status::Ok);
    assert!(res.into_string().unwrap().contains("The link was deleted."));
}
