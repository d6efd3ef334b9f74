//! Checked targets: the server asks the target before creating the link, refuses
//! with the reason, and never reaches private or local addresses unless allowed.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

use rocket::http::Status;
use serde_json::json;

use crate::helpers::{detail, spawn_app, spawn_app_with, TestApp};

/// A loopback web server for target pages: `/ok`, `/missing` (404), `/broken` (503),
/// `/no-head` (405 to HEAD), `/hop/N` (N redirects), `/loop`, `/slow` (answers late).
fn target_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap_or(0);
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    line.clear();
                }
                let mut parts = request.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let (status, location) = match path {
                    "/ok" => ("200 OK", String::new()),
                    "/missing" => ("404 Not Found", String::new()),
                    "/broken" => ("503 Service Unavailable", String::new()),
                    "/no-head" if method == "HEAD" => ("405 Method Not Allowed", String::new()),
                    "/no-head" => ("200 OK", String::new()),
                    "/loop" => ("302 Found", "/loop".to_owned()),
                    "/slow" => {
                        std::thread::sleep(Duration::from_millis(900));
                        ("200 OK", String::new())
                    }
                    hop => match hop
                        .strip_prefix("/hop/")
                        .and_then(|n| n.parse::<u32>().ok())
                    {
                        Some(0) => ("200 OK", String::new()),
                        Some(n) => ("302 Found", format!("/hop/{}", n - 1)),
                        None => ("404 Not Found", String::new()),
                    },
                };
                let location = match location.is_empty() {
                    true => String::new(),
                    false => format!("Location: {location}\r\n"),
                };
                let mut stream = reader.into_inner();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\n{location}Content-Length: 0\r\nConnection: close\r\n\r\n"
                );
            });
        }
    });
    base
}

/// An app that may check loopback targets, with a short timeout so no test waits long.
fn checking_app() -> TestApp {
    spawn_app_with(|f| {
        f.merge(("allow_private_targets", true))
            .merge(("check_timeout_ms", 300))
    })
}

fn create_checked<'a>(app: &'a TestApp, url: &str) -> rocket::local::blocking::LocalResponse<'a> {
    app.create_json(json!({ "target_url": url, "check_target": true }))
}

#[test]
fn a_target_that_answers_well_is_created() {
    backend!();
    let server = target_server();
    let app = checking_app();
    for path in ["/ok", "/no-head", "/hop/3"] {
        let res = create_checked(&app, &format!("{server}{path}"));
        assert_eq!(res.status(), Status::Created, "{path}");
    }
}

#[test]
fn a_target_that_fails_the_check_is_refused_with_what_happened() {
    backend!();
    let server = target_server();
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/", listener.local_addr().unwrap())
    };
    let app = checking_app();
    for (url, why) in [
        (format!("{server}/missing"), "it answered 404 Not Found"),
        (
            format!("{server}/broken"),
            "it answered 503 Service Unavailable",
        ),
        (format!("{server}/loop"), "it redirects more than 3 times"),
        (format!("{server}/hop/4"), "it redirects more than 3 times"),
        (
            format!("{server}/slow"),
            "it did not answer within the time allowed",
        ),
        (closed, "it could not be reached"),
    ] {
        let res = create_checked(&app, &url);
        assert_eq!(res.status(), Status::BadRequest, "{url}");
        assert_eq!(
            detail(res),
            format!("The target URL could not be checked: {why}"),
            "{url}"
        );
    }
    assert_eq!(app.link_count(), 0);
}

#[test]
fn local_targets_are_never_checked_unless_the_operator_allows_them() {
    backend!();
    let server = target_server();
    let app = spawn_app();
    for url in [
        format!("{server}/ok"),
        "http://localhost/".to_owned(),
        "http://[::1]/".to_owned(),
    ] {
        let res = create_checked(&app, &url);
        assert_eq!(res.status(), Status::BadRequest, "{url}");
        assert_eq!(
            detail(res),
            "The target URL could not be checked: it is on a private or local network address"
        );
    }
    let unchecked = app.create_json(json!({ "target_url": format!("{server}/ok") }));
    assert_eq!(
        unchecked.status(),
        Status::Created,
        "only checked targets are requested"
    );
}

#[test]
fn the_forms_checkbox_checks_and_shows_the_reason_beside_the_url() {
    backend!();
    let server = target_server();
    let app = checking_app();

    let ok = app.create_form(&format!("target_url={server}/ok&check_target=true"));
    assert_eq!(ok.status(), Status::SeeOther);
    let res = app.create_form(&format!("target_url={server}/missing&check_target=true"));
    assert_eq!(res.status(), Status::BadRequest);
    let html = res.into_string().unwrap();
    assert!(html.contains(r#"<p class="error" id="target_url-error">The target URL could not be checked: it answered 404 Not Found</p>"#));
    assert!(html.contains(r#"name="check_target" type="checkbox" value="true" checked"#));
}
