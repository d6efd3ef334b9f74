//! Checked targets: the server asks the target before creating the link, refuses
//! with one generic text whatever went wrong, never reaches addresses that are not
//! global unless allowed, nor ports other than 80 and 443 unless allowed, and never
//! asks a target more than a few times at once nor follows more than 3 redirects.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rocket::http::{ContentType, Status};
use rocket::local::asynchronous::Client;
use serde_json::{json, Value};

use crate::helpers::{detail, figment, spawn_app_with, TestApp};

/// The one answer to every failed check.
const REFUSED: &str = "The target URL could not be checked";

/// What a target server saw: every request line, and the most answered at once.
#[derive(Default)]
struct Seen {
    requests: Mutex<Vec<String>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Seen {
    fn paths(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

/// A loopback web server for target pages: `/ok`, `/missing` (404), `/broken` (503),
/// `/no-head` (405 to HEAD), `/hop/N` (N redirects), `/loop`, `/slow` (answers late),
/// `/busy` (answers after 50 ms), `/sleep/MS/..` (answers after MS ms), `/to-port/P` (redirects to `/ok` on port P).
struct TargetServer {
    base: String,
    port: u16,
    seen: Arc<Seen>,
}

fn target_server() -> TargetServer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Seen::default());
    let counts = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = counts.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap_or(0);
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    line.clear();
                }
                let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                seen.max_in_flight.fetch_max(now, Ordering::SeqCst);
                let mut parts = request.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                seen.requests.lock().unwrap().push(path.to_owned());
                let (status, location) = answer(method, path);
                let location = match location.is_empty() {
                    true => String::new(),
                    false => format!("Location: {location}\r\n"),
                };
                seen.in_flight.fetch_sub(1, Ordering::SeqCst);
                let mut stream = reader.into_inner();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\n{location}Content-Length: 0\r\nConnection: close\r\n\r\n"
                );
            });
        }
    });
    TargetServer {
        base: format!("http://127.0.0.1:{port}"),
        port,
        seen,
    }
}

fn answer(method: &str, path: &str) -> (&'static str, String) {
    let hop = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|n| n.parse::<u32>().ok())
    };
    match path {
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
        sleep if sleep.starts_with("/sleep/") => {
            let ms = sleep
                .trim_start_matches("/sleep/")
                .split('/')
                .next()
                .unwrap_or("");
            std::thread::sleep(Duration::from_millis(ms.parse().unwrap_or(0)));
            ("200 OK", String::new())
        }
        busy if busy.starts_with("/busy/") => {
            std::thread::sleep(Duration::from_millis(50));
            ("200 OK", String::new())
        }
        _ => match (hop("/hop/"), hop("/to-port/")) {
            (Some(0), _) => ("200 OK", String::new()),
            (Some(n), _) => ("302 Found", format!("/hop/{}", n - 1)),
            (_, Some(port)) => ("302 Found", format!("http://127.0.0.1:{port}/ok")),
            _ => ("404 Not Found", String::new()),
        },
    }
}

/// An app that may check loopback targets on `ports` (and 80, 443), with a short
/// timeout so no test waits long.
fn checking_app(ports: &[u16]) -> TestApp {
    let ports: Vec<u16> = [80, 443].iter().chain(ports).copied().collect();
    spawn_app_with(|f| {
        f.merge(("allow_private_targets", true))
            .merge(("check_timeout_ms", 300))
            .merge(("check_ports", ports))
    })
}

fn create_checked<'a>(app: &'a TestApp, url: &str) -> rocket::local::blocking::LocalResponse<'a> {
    app.create_json(json!({ "target_url": url, "check_target": true }))
}

#[test]
fn a_target_that_answers_well_is_created() {
    let server = target_server();
    let app = checking_app(&[server.port]);
    for path in ["/ok", "/no-head", "/hop/3"] {
        let res = create_checked(&app, &format!("{}{path}", server.base));
        assert_eq!(res.status(), Status::Created, "{path}");
    }
}

#[test]
fn every_failed_check_gets_the_same_answer_so_it_tells_nothing() {
    let server = target_server();
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    let app = checking_app(&[server.port, closed_port]);
    for url in [
        format!("{}/missing", server.base),
        format!("{}/broken", server.base),
        format!("{}/loop", server.base),
        format!("{}/hop/4", server.base),
        format!("{}/slow", server.base),
        format!("http://127.0.0.1:{closed_port}/"),
        "http://no-such-name.invalid/".to_owned(),
    ] {
        let res = create_checked(&app, &url);
        assert_eq!(res.status(), Status::BadRequest, "{url}");
        assert_eq!(detail(res), REFUSED, "{url}");
    }
    assert_eq!(app.link_count(), 0);
}

#[test]
fn local_targets_are_never_checked_unless_the_operator_allows_them() {
    let server = target_server();
    let app = spawn_app_with(|f| f.merge(("check_ports", [80, 443, server.port])));
    for url in [
        format!("{}/ok", server.base),
        "http://localhost/".to_owned(),
        "http://[::1]/".to_owned(),
        "http://[::ffff:127.0.0.1]/".to_owned(),
        "http://[64:ff9b::7f00:1]/".to_owned(),
        "http://[2002:7f00:1::]/".to_owned(),
        "http://[::127.0.0.1]/".to_owned(),
        "http://[fec0::1]/".to_owned(),
        "http://198.18.0.1/".to_owned(),
        "http://192.0.0.1/".to_owned(),
        "http://240.0.0.1/".to_owned(),
    ] {
        let res = create_checked(&app, &url);
        assert_eq!(res.status(), Status::BadRequest, "{url}");
        assert_eq!(detail(res), REFUSED, "{url}");
    }
    assert!(server.seen.paths().is_empty(), "no request reached it");
    let unchecked = app.create_json(json!({ "target_url": format!("{}/ok", server.base) }));
    assert_eq!(
        unchecked.status(),
        Status::Created,
        "only checked targets are requested"
    );
}

#[test]
fn only_ports_80_and_443_are_checked_unless_more_are_allowed() {
    let server = target_server();
    let url = format!("{}/ok", server.base);

    let default_ports = spawn_app_with(|f| f.merge(("allow_private_targets", true)));
    let refused = create_checked(&default_ports, &url);
    assert_eq!(refused.status(), Status::BadRequest);
    assert_eq!(detail(refused), REFUSED);
    assert!(server.seen.paths().is_empty(), "the port was never asked");

    let allowed = checking_app(&[server.port]);
    assert_eq!(create_checked(&allowed, &url).status(), Status::Created);
}

#[test]
fn a_redirect_to_a_port_that_is_not_allowed_is_not_followed() {
    let server = target_server();
    let other = target_server();
    let app = checking_app(&[server.port]);

    let res = create_checked(&app, &format!("{}/to-port/{}", server.base, other.port));

    assert_eq!(res.status(), Status::BadRequest);
    assert_eq!(detail(res), REFUSED);
    assert!(
        other.seen.paths().is_empty(),
        "the redirect was never followed"
    );
}

#[test]
fn no_more_than_three_redirects_are_ever_followed() {
    let server = target_server();
    let app = checking_app(&[server.port]);

    let res = create_checked(&app, &format!("{}/hop/10", server.base));

    assert_eq!(res.status(), Status::BadRequest);
    assert_eq!(
        server.seen.paths(),
        ["/hop/10", "/hop/9", "/hop/8", "/hop/7"],
        "the first request and three redirects, then nothing"
    );
}

#[test]
fn a_bulk_request_checks_at_most_two_targets_at_once() {
    let server = target_server();
    let app = checking_app(&[server.port]);
    let items: Vec<Value> = (0..100)
        .map(|i| json!({ "target_url": format!("{}/busy/{i}", server.base), "check_target": true }))
        .collect();

    let res = app.create_json(Value::Array(items));

    assert_eq!(
        server.seen.max_in_flight(),
        2,
        "two checks at once, never more"
    );
    assert_eq!(res.status(), Status::Ok);
    let results: Vec<Value> = res.into_json().unwrap();
    assert!(
        results.iter().all(|r| r.get("url").is_some()),
        "all created"
    );
    assert_eq!(server.seen.paths().len(), 100);
}

#[test]
fn a_bulk_requests_checks_stop_at_its_deadline_and_the_rest_are_refused() {
    let server = target_server();
    let app = spawn_app_with(|f| {
        f.merge(("allow_private_targets", true))
            .merge(("check_timeout_ms", 3000))
            .merge(("check_deadline_ms", 500))
            .merge(("check_ports", [80, 443, server.port]))
    });
    // 40 checks of 50 ms, two at a time: a second at least, twice the deadline.
    let items: Vec<Value> = (0..40)
        .map(|i| json!({ "target_url": format!("{}/busy/{i}", server.base), "check_target": true }))
        .collect();

    let res = app.create_json(Value::Array(items));

    assert_eq!(res.status(), Status::Ok);
    let results: Vec<Value> = res.into_json().unwrap();
    let created = results.iter().filter(|r| r.get("url").is_some()).count();
    let refused: Vec<&Value> = results.iter().filter(|r| r.get("url").is_none()).collect();
    assert!(created > 0, "checks within the deadline pass");
    assert!(!refused.is_empty(), "all 40 were checked");
    for item in refused {
        assert_eq!(item["detail"], REFUSED);
        assert_eq!(item["status"], 400);
    }
}

#[rocket::async_test]
async fn a_create_waiting_for_a_check_slot_gives_up_at_the_deadline() {
    let server = target_server();
    let dir = tempfile::tempdir().unwrap();
    let figment = figment(&dir.path().join("c.db"))
        .merge(("allow_private_targets", true))
        .merge(("check_timeout_ms", 3000))
        .merge(("check_deadline_ms", 600))
        .merge(("check_ports", [80, 443, server.port]));
    let client = Client::tracked(shortener::build(figment)).await.unwrap();
    // Eight creates at once, each target answering after 400 ms: four take the
    // app's slots, the other four wait 400 ms for one and cannot finish by 600 ms.
    let create = |n: usize| {
        let url = format!("{}/sleep/400/{n}", server.base);
        client
            .post("/url")
            .header(ContentType::JSON)
            .body(json!({ "target_url": url, "check_target": true }).to_string())
            .dispatch()
    };

    let responses = futures::future::join_all((0..8).map(create)).await;

    let mut refused = 0;
    for res in responses {
        if res.status() != Status::Created {
            assert_eq!(res.status(), Status::BadRequest);
            let body: Value = res.into_json().await.unwrap();
            assert_eq!(body["detail"], REFUSED);
            refused += 1;
        }
    }
    assert!(refused >= 4, "{refused} of 8 refused");
}

#[rocket::async_test]
async fn the_whole_app_checks_at_most_four_targets_at_once() {
    let server = target_server();
    let dir = tempfile::tempdir().unwrap();
    let figment = figment(&dir.path().join("c.db"))
        .merge(("allow_private_targets", true))
        .merge(("check_ports", [80, 443, server.port]));
    let client = Client::tracked(shortener::build(figment)).await.unwrap();
    let bulk = |n: usize| {
        let items: Vec<Value> = (0..12)
            .map(|i| json!({ "target_url": format!("{}/busy/{n}-{i}", server.base), "check_target": true }))
            .collect();
        client
            .post("/url")
            .header(ContentType::JSON)
            .body(Value::Array(items).to_string())
            .dispatch()
    };

    let responses = futures::future::join_all((0..4).map(bulk)).await;

    for res in responses {
        assert_eq!(res.status(), Status::Ok);
    }
    assert_eq!(server.seen.paths().len(), 48);
    let max = server.seen.max_in_flight();
    assert!(
        (3..=4).contains(&max),
        "requests overlap, yet never more than four checks at once: {max}"
    );
}

#[test]
fn the_forms_checkbox_checks_and_shows_the_refusal_beside_the_url() {
    let server = target_server();
    let app = checking_app(&[server.port]);

    let ok = app.create_form(&format!("target_url={}/ok&check_target=true", server.base));
    assert_eq!(ok.status(), Status::SeeOther);
    let res = app.create_form(&format!(
        "target_url={}/missing&check_target=true",
        server.base
    ));
    assert_eq!(res.status(), Status::BadRequest);
    let html = res.into_string().unwrap();
    assert!(html.contains(&format!(
        r#"<p class="error" id="target_url-error">{REFUSED}</p>"#
    )));
    assert!(html.contains(r#"name="check_target" type="checkbox" value="true" checked"#));
}
