//! Page chrome: security headers, robots.txt, static files, error pages in the layout.

use rocket::http::{ContentType, Header, Status};
use rocket::local::blocking::LocalResponse;

use crate::helpers::{header, spawn_app, BROWSER};

fn assert_security_headers(res: &LocalResponse<'_>, what: &str) {
    assert_eq!(header(res, "X-Content-Type-Options"), "nosniff", "{what}");
    assert_eq!(header(res, "X-Frame-Options"), "DENY", "{what}");
    let csp = header(res, "Content-Security-Policy");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{what}: {csp}"
    );
    assert!(
        csp.contains("style-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{what}: {csp}"
    );
}

#[test]
fn every_kind_of_page_carries_the_security_headers() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let big = format!("target_url={}", "a".repeat(300_000));
    let form = |body: &str| {
        app.client
            .post("/url")
            .header(ContentType::Form)
            .header(Header::new("Accept", BROWSER))
            .body(body)
            .dispatch()
    };

    let pages = [
        ("home", app.get("/", Some(BROWSER))),
        ("admin", app.get(&link.admin_path(), Some(BROWSER))),
        (
            "peek",
            app.get(&format!("/peek/{}", link.key()), Some(BROWSER)),
        ),
        ("deleted", app.get("/deleted", Some(BROWSER))),
        ("404", app.get("/missing", Some(BROWSER))),
        ("400 form", form("target_url=ftp%3A%2F%2Fx")),
        (
            "409 form",
            form(&format!(
                "target_url=https%3A%2F%2Fx.example&custom_key={}",
                link.key()
            )),
        ),
        ("413 form", form(&big)),
        (
            "415",
            app.client
                .post("/url")
                .header(ContentType::Plain)
                .header(Header::new("Accept", BROWSER))
                .dispatch(),
        ),
        (
            "json",
            app.get(&link.admin_path(), Some("application/json")),
        ),
    ];
    for (what, res) in &pages {
        assert_security_headers(res, what);
    }
    let statuses: Vec<u16> = pages.iter().map(|(_, res)| res.status().code).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 404, 400, 409, 413, 415, 200]);
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

#[test]
fn a_wrong_method_on_a_known_path_is_405_with_allow() {
    let app = spawn_app();

    for (res, allow) in [
        (app.client.put("/url").dispatch(), "POST"),
        (app.client.delete("/abcde").dispatch(), "GET, HEAD, POST"),
        (app.client.post("/peek/abcde").dispatch(), "GET, HEAD"),
        (
            app.client.put("/admin/abcde").dispatch(),
            "GET, HEAD, POST, PATCH, DELETE",
        ),
    ] {
        assert_eq!(res.status(), Status::MethodNotAllowed);
        assert_eq!(header(&res, "Allow"), allow);
    }
    assert_eq!(
        app.client.put("/a/b/c").dispatch().status(),
        Status::NotFound
    );
}

#[test]
fn the_allowed_methods_cover_every_mounted_route() {
    let app = spawn_app();

    for route in app.client.rocket().routes() {
        let path: String = route
            .uri
            .path()
            .split('/')
            .map(|s| if s.starts_with('<') { "x" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        if path == "/" {
            continue;
        }
        let allowed =
            shortener::testing::allowed_methods(&path).unwrap_or_else(|| panic!("{path}"));
        assert!(
            allowed.contains(route.method.as_str()),
            "{} {path} not in {allowed}",
            route.method
        );
    }
}
