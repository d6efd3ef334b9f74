//! A title and a note per link: given at creation (JSON and the form's "More
//! options") and by an edit, shown to the owner, in collections (searched by `?q=`)
//! and exports; the note never on the stats link or the peek page.

use rocket::http::{Accept, ContentType, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{detail, spawn_app, BASE, BROWSER};

#[test]
fn a_title_and_a_note_are_kept_from_json_and_shown_to_the_owner() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/sale",
        "title": "  Spring sale  ",
        "note": "For the March mailing.\r\nAsk Ana before changing.",
    }));

    assert_eq!(link.str("title"), "Spring sale");
    assert_eq!(
        link.str("note"),
        "For the March mailing.\nAsk Ana before changing."
    );
    let info = app.owner_view(&link.admin_path());
    assert_eq!(info["title"], "Spring sale");
    let page = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(page.contains("Spring sale") && page.contains("Ask Ana before changing."));

    let plain = app.seed("https://example.com/plain");
    assert_eq!(plain.0["title"], Value::Null);
    assert_eq!(plain.0["note"], Value::Null);
}

#[test]
fn the_forms_more_options_take_a_title_and_a_note() {
    let app = spawn_app();
    let res = app.post_form(
        "/url",
        "target_url=https%3A%2F%2Fexample.com%2Fform&title=From+the+form&note=line+one%0D%0Aline+two",
    );
    assert_eq!(res.status(), Status::SeeOther);
    let admin = res.headers().get_one("Location").unwrap().to_owned();
    let info = app.owner_view(admin.strip_prefix(BASE).unwrap_or(&admin));
    assert_eq!(info["title"], "From the form");
    assert_eq!(info["note"], "line one\nline two");
}

#[test]
fn a_title_or_note_too_long_or_with_control_characters_is_refused_beside_it() {
    let app = spawn_app();
    let cases = [
        ("title", json!("t".repeat(201)), "at most 200"),
        ("title", json!("two\nlines"), "control characters"),
        ("note", json!("n".repeat(1001)), "at most 1000"),
        ("note", json!("\u{1b}[31mred"), "control characters"),
    ];
    for (field, value, said) in cases {
        let mut body = json!({ "target_url": "https://example.com/" });
        body[field] = value.clone();
        let res = app.create_json(body);
        assert_eq!(res.status(), Status::UnprocessableEntity, "{field} {value}");
        let message = detail(res);
        assert!(message.contains(said), "{field}: {message}");

        let form = format!(
            "target_url=https%3A%2F%2Fexample.com%2F&{field}={}",
            urlencode(value.as_str().unwrap())
        );
        let page = app.post_form("/url", &form);
        assert_eq!(page.status(), Status::UnprocessableEntity, "{field} form");
        let html = page.into_string().unwrap();
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "beside {field}"
        );
    }
    assert_eq!(app.link_count(), 0, "nothing is stored");
}

fn urlencode(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[test]
fn an_edit_sets_or_removes_each_and_keeps_the_other() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/", "title": "Old", "note": "Keep me",
    }));
    let admin = link.admin_path();

    let res = app.send_json(Method::Patch, &admin, json!({ "title": "New" }));
    assert_eq!(res.status(), Status::Ok);
    let info: Value = res.into_json().unwrap();
    assert_eq!(
        (info["title"].as_str(), info["note"].as_str()),
        (Some("New"), Some("Keep me"))
    );

    let res = app.send_json(Method::Patch, &admin, json!({ "note": null }));
    let info: Value = res.into_json().unwrap();
    assert_eq!(
        (info["title"].as_str(), info["note"].as_str()),
        (Some("New"), None)
    );

    for bad in [json!({ "title": 5 }), json!({ "note": "x".repeat(1001) })] {
        let res = app.send_json(Method::Patch, &admin, bad.clone());
        assert_eq!(res.status(), Status::UnprocessableEntity, "{bad}");
    }
    assert_eq!(
        app.owner_view(&admin)["title"],
        "New",
        "a refused edit changes nothing"
    );

    let res = app
        .client
        .post(admin.clone())
        .header(ContentType::Form)
        .header(rocket::http::Header::new("Accept", BROWSER))
        .body("_method=PATCH&annotate=1&title=From+the+page&note=")
        .dispatch();
    assert_eq!(res.status(), Status::SeeOther);
    let page = app.get(&admin, Some(BROWSER)).into_string().unwrap();
    assert!(
        page.contains("Saved: the title and the note."),
        "the notice says what was saved"
    );
    let info = app.owner_view(&admin);
    assert_eq!(info["title"], "From the page");
    assert_eq!(info["note"], Value::Null, "a blank note removes it");
    assert_eq!(
        info["target_url"], "https://example.com/",
        "the target stays"
    );
}

#[test]
fn the_note_is_never_on_the_stats_link_or_the_peek_page() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/", "title": "Shown title", "note": "owner-only-words",
    }));
    let stats = link.str("stats_url").strip_prefix(BASE).unwrap().to_owned();
    let peek = format!("/peek/{}", link.key());
    for path in [stats.as_str(), peek.as_str()] {
        for accept in [Some(BROWSER), Some("application/json")] {
            let body = app.get(path, accept).into_string().unwrap();
            assert!(!body.contains("owner-only-words"), "{path} {accept:?}");
        }
    }
}

#[test]
fn a_collection_shows_titles_finds_by_title_or_note_and_exports_them_as_text() {
    let app = spawn_app();
    let res = app.send_json(Method::Post, "/collections", json!({ "name": "Campaigns" }));
    let made: Value = res.into_json().unwrap();
    let path = made["url"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE)
        .unwrap()
        .to_owned();
    let secret = path.rsplit('/').next().unwrap().to_owned();
    for (target, title, note) in [
        ("https://example.com/a", "Autumn launch", "printed flyer"),
        (
            "https://example.com/b",
            "=HYPERLINK(\"http://evil.example\")",
            "radio spot",
        ),
    ] {
        app.seed_with(json!({
            "target_url": target, "title": title, "note": note, "collection": secret,
        }));
    }

    let by_title = app.get_json(&format!("{path}?q=autumn")).1;
    assert_eq!(by_title["matching"], 1);
    assert_eq!(by_title["links"][0]["title"], "Autumn launch");
    let by_note = app.get_json(&format!("{path}?q=radio")).1;
    assert_eq!(by_note["matching"], 1);
    let page = app.get(&path, Some(BROWSER)).into_string().unwrap();
    assert!(page.contains("Autumn launch"));

    let csv = app
        .client
        .get(format!("{path}/links.csv"))
        .header(Accept::CSV)
        .dispatch()
        .into_string()
        .unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let titles: Vec<String> = rows.records().map(|r| r.unwrap()[7].to_owned()).collect();
    assert!(titles.contains(&"Autumn launch".to_owned()));
    assert!(
        titles.contains(&"'=HYPERLINK(\"http://evil.example\")".to_owned()),
        "a formula stays text: {titles:?}"
    );
}

/// A page server on loopback: `/page` is HTML with a title (after a large head, so
/// the read is bounded), `/plain` is text; each request's method is kept.
fn page_server() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap_or(0);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let mut parts = request.split_whitespace();
            let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            kept.lock().unwrap().push(format!("{method} {path}"));
            let (kind, body) = match path {
                "/page" => (
                    "text/html; charset=utf-8",
                    format!(
                        "<!doctype html><head><meta name=x content=\"{}\"><title>\n Fish &amp; Chips &lt;script&gt;alert(1)&lt;/script&gt; </title>",
                        "y".repeat(2000)
                    ),
                ),
                _ => ("text/plain", "<title>not a page</title>".to_owned()),
            };
            let mut stream = reader.into_inner();
            let body = if method == "HEAD" {
                String::new()
            } else {
                body
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, seen)
}

#[test]
fn a_checked_link_without_a_title_takes_its_pages_title_escaped() {
    let (port, seen) = page_server();
    let app = crate::helpers::spawn_app_with(|f| {
        f.merge(("allow_private_targets", true))
            .merge(("check_ports", vec![80, 443, port]))
    });
    let page = format!("http://127.0.0.1:{port}/page");

    let filled = app.seed_with(json!({ "target_url": page, "check_target": true }));
    assert_eq!(
        filled.str("title"),
        "Fish & Chips <script>alert(1)</script>"
    );
    let html = app
        .get(&filled.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(
        html.contains("Fish &#38; Chips &#60;script&#62;"),
        "escaped on the page"
    );
    assert!(!html.contains("<script>alert(1)"));

    let own = app.seed_with(json!({ "target_url": page, "check_target": true, "title": "Mine" }));
    assert_eq!(own.str("title"), "Mine", "an owner's title is kept");
    let unchecked = app.seed_with(json!({ "target_url": page }));
    assert_eq!(
        unchecked.0["title"],
        Value::Null,
        "only a checked link is filled"
    );
    let plain = format!("http://127.0.0.1:{port}/plain");
    let text = app.seed_with(json!({ "target_url": plain, "check_target": true }));
    assert_eq!(
        text.0["title"],
        Value::Null,
        "only an HTML page has a title"
    );

    let asked = seen.lock().unwrap().clone();
    assert_eq!(
        asked.iter().filter(|r| r.ends_with("/page")).count(),
        2,
        "one request per checked link: {asked:?}"
    );
}

#[test]
fn a_refused_title_on_the_admin_page_is_shown_beside_the_title() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let admin = link.admin_path();
    let body = format!("_method=PATCH&annotate=1&title={}&note=", "t".repeat(201));
    let res = app.admin_form(&admin, &body);
    assert_eq!(res.status(), Status::UnprocessableEntity);
    let html = res.into_string().unwrap();
    assert!(html.contains("id=\"new_title-error\""), "beside the title");
    assert!(
        !html.contains("id=\"new_target-error\""),
        "not beside the target"
    );
    assert_eq!(
        app.owner_view(&admin)["title"],
        Value::Null,
        "nothing changed"
    );
}
