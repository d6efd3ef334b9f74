//! Against links to harmful hosts: the blocklist file (every spelling, subdomains, a
//! change while serving) and the built-in URL shorteners; and against bait-and-switch:
//! when a target last changed, and the edit lock.

use std::path::Path;
use std::time::{Duration, Instant};

use rocket::http::{Accept, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{detail, spawn_app, spawn_app_with, TestApp, BROWSER};

/// An app whose blocklist is the file `list` in a directory of its own.
fn with_blocklist(dir: &Path, list: &str) -> TestApp {
    let file = dir.join("blocklist.txt");
    std::fs::write(&file, list).unwrap();
    spawn_app_with(|f| f.merge(("blocklist", file.to_str().unwrap().to_owned())))
}

#[test]
fn a_blocked_host_is_refused_in_every_spelling_and_on_its_subdomains() {
    let dir = tempfile::tempdir().unwrap();
    let app = with_blocklist(dir.path(), "# phishing\nevil.example\nbücher.test\n");
    for target in [
        "https://evil.example/login",
        "https://login.evil.example/",
        "https://EVIL.Example./x",
        "https://www.xn--bcher-kva.test/",
        "https://BÜCHER.test/",
    ] {
        let res = app.create_json(json!({ "target_url": target }));
        assert_eq!(res.status(), Status::Forbidden, "{target}");
        let message = detail(res);
        assert!(
            message.starts_with("Links to ") && message.ends_with(" are not allowed here"),
            "{message}"
        );
        let host = &message["Links to ".len()..message.len() - " are not allowed here".len()];
        assert!(
            !host.contains(char::is_uppercase) && !host.ends_with('.'),
            "{host}"
        );
        assert!(host.is_ascii(), "punycode: {host}");
    }
    let res = app.create_json(json!({ "target_url": "https://EVIL.example./" }));
    assert_eq!(detail(res), "Links to evil.example are not allowed here");
    assert_eq!(
        app.seed("https://notevil.example/").str("target_url"),
        "https://notevil.example/"
    );
    assert_eq!(app.link_count(), 1, "nothing refused was stored");

    let page = app.create_form("target_url=https%3A%2F%2Fa.evil.example%2F&custom_key=kept");
    assert_eq!(page.status(), Status::Forbidden);
    let html = page.into_string().unwrap();
    assert!(
        html.contains(r#"id="target_url-error">Links to a.evil.example are not allowed here"#),
        "{html}"
    );
    assert!(
        html.contains(r#"value="kept""#),
        "the form keeps what was typed"
    );
}

#[test]
fn an_edit_to_a_blocked_host_is_refused_and_the_target_kept() {
    let dir = tempfile::tempdir().unwrap();
    let app = with_blocklist(dir.path(), "evil.example\n");
    let link = app.seed("https://example.com/harmless");
    let res = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "target_url": "https://www.Evil.example/" }),
    );
    assert_eq!(res.status(), Status::Forbidden);
    assert_eq!(
        detail(res),
        "Links to www.evil.example are not allowed here"
    );
    let form = app.post_form(
        &link.admin_path(),
        "_method=PATCH&target_url=https%3A%2F%2Fevil.example%2F",
    );
    assert_eq!(form.status(), Status::Forbidden);
    assert!(form
        .into_string()
        .unwrap()
        .contains("Links to evil.example are not allowed here"));
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["target_url"], "https://example.com/harmless");
    assert_eq!(info["target_changed_at"], Value::Null);
}

#[test]
fn url_shorteners_are_refused_unless_the_setting_is_off() {
    let app = spawn_app();
    let res = app.create_json(json!({ "target_url": "https://bit.ly/3abcdef" }));
    assert_eq!(res.status(), Status::Forbidden);
    assert_eq!(detail(res), "Links to bit.ly are not allowed here");
    let res = app.create_json(json!({ "target_url": "https://www.TinyURL.com./x" }));
    assert_eq!(detail(res), "Links to www.tinyurl.com are not allowed here");

    let open = spawn_app_with(|f| f.merge(("refuse_shorteners", false)));
    let link = open.seed("https://bit.ly/3abcdef");
    assert_eq!(link.str("target_url"), "https://bit.ly/3abcdef");
}

#[test]
fn a_host_added_to_the_file_while_serving_stops_its_stored_links() {
    let dir = tempfile::tempdir().unwrap();
    let app = with_blocklist(dir.path(), "other.example\n");
    let link = app.seed("https://later.example/page");
    let other = app.seed("https://fine.example/");
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );

    std::fs::write(
        dir.path().join("blocklist.txt"),
        "other.example\nlater.example\n",
    )
    .unwrap();
    let started = Instant::now();
    while app.get(&link.path(), None).status() != Status::Gone {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still forwarding"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, json) = app.get_json(&link.path());
    assert_eq!(status, Status::Gone);
    assert_eq!(
        json["detail"],
        "This link was disabled by the operator: Links to later.example are not allowed here"
    );
    assert_eq!(
        app.get(&other.path(), None).status(),
        Status::TemporaryRedirect
    );
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(
        info["disabled_reason"],
        "Links to later.example are not allowed here"
    );

    std::fs::write(dir.path().join("blocklist.txt"), "# empty again\n").unwrap();
    let started = Instant::now();
    while app.get(&link.path(), None).status() != Status::TemporaryRedirect {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "never forwarded again"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_peek_shows_when_the_target_last_changed() {
    let app = spawn_app();
    let link = app.seed("https://example.com/first");
    let (_, peek) = app.get_json(&format!("/peek/{}", link.key()));
    assert_eq!(peek["target_changed_at"], Value::Null);
    app.set_clock("2026-12-01T10:00:00Z");
    let res = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "target_url": "https://example.com/second" }),
    );
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(
        res.into_json::<Value>().unwrap()["target_changed_at"],
        "2026-12-01T10:00:00Z"
    );
    let (_, peek) = app.get_json(&format!("/peek/{}", link.key()));
    assert_eq!(peek["target_changed_at"], "2026-12-01T10:00:00Z");
    let html = app
        .get(&format!("/peek/{}", link.key()), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains(r#"<time datetime="2026-12-01T10:00:00Z">"#));
}

#[test]
fn edits_are_refused_once_a_link_has_the_locking_number_of_clicks() {
    let app = spawn_app_with(|f| f.merge(("edit_lock_after_clicks", 2)));
    let link = app.seed("https://example.com/a");
    app.get(&link.path(), None);
    let edit = |to: &str| {
        app.send_json(
            Method::Patch,
            &link.admin_path(),
            json!({ "target_url": to }),
        )
    };
    assert_eq!(
        edit("https://example.com/b").status(),
        Status::Ok,
        "one click: not yet"
    );
    app.get(&link.path(), None);
    let res = edit("https://example.com/c");
    assert_eq!(
        res.status(),
        Status::Conflict,
        "two clicks, pending ones counted"
    );
    assert_eq!(
        detail(res),
        "This link has 2 clicks; targets are locked after 2 clicks on this site"
    );
    let form = app.post_form(
        &link.admin_path(),
        "_method=PATCH&target_url=https%3A%2F%2Fexample.com%2Fd",
    );
    assert_eq!(form.status(), Status::Conflict);
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["target_url"], "https://example.com/b");
    let delete = app
        .client
        .delete(link.admin_path())
        .header(Accept::JSON)
        .dispatch();
    assert_eq!(delete.status(), Status::Ok, "deleting stays possible");
}

/// Replaces the blocklist at `file` as operators should: a new file renamed over it.
fn replace(file: &Path, list: &str) {
    let next = file.with_extension("new");
    std::fs::write(&next, list).unwrap();
    std::fs::rename(&next, file).unwrap();
}

/// Waits up to 5 s for `path` to answer `status`.
fn until(app: &TestApp, path: &str, status: Status) {
    let started = Instant::now();
    while app.get(path, None).status() != status {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path} never {status}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_file_rewritten_in_place_never_lets_a_listed_host_forward() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blocklist.txt");
    let app = with_blocklist(dir.path(), "other.example\n");
    let link = app.seed("https://later.example/page");
    let fillers: String = (0..30).map(|i| format!("filler{i}.example\n")).collect();
    let list = format!("{fillers}later.example\n");
    replace(&file, &list);
    until(&app, &link.path(), Status::Gone);

    // An editor or `cat > file` rewrites it in place: empty first, then line by line.
    let writer = {
        let file = file.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut out = std::fs::File::create(&file).unwrap();
            std::thread::sleep(Duration::from_millis(1500));
            for line in list.lines() {
                writeln!(out, "{line}").unwrap();
                out.flush().unwrap();
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let mut looks = 0;
    while !writer.is_finished() {
        assert_eq!(
            app.get(&link.path(), None).status(),
            Status::Gone,
            "forwarded mid-rewrite"
        );
        looks += 1;
        std::thread::sleep(Duration::from_millis(50));
    }
    writer.join().unwrap();
    assert!(looks > 40, "{looks} looks");
    let settled = Instant::now() + Duration::from_secs(3);
    while Instant::now() < settled {
        assert_eq!(
            app.get(&link.path(), None).status(),
            Status::Gone,
            "forwarded after"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // A complete new list still takes hosts off, and an empty file is not one.
    std::fs::write(&file, "").unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::Gone,
        "an empty file applied"
    );
    replace(&file, "# none\n");
    until(&app, &link.path(), Status::TemporaryRedirect);
}

#[test]
fn a_fifo_at_the_blocklists_path_neither_blocks_the_server_nor_drops_the_list() {
    use crate::server::{create, free_port, try_send, Server};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blocklist.txt");
    std::fs::write(&file, "other.example\n").unwrap();
    let port = free_port();
    let env = [
        ("ROCKET_BLOCKLIST", file.to_str().unwrap().to_owned()),
        ("ROCKET_WORKERS", "1".to_owned()),
    ];
    let server = Server::start(dir.path(), port, &env);
    let status = |path: &str| try_send(port, "GET", path, &[], "").map(|r| r.status);
    let wait_for = |path: &str, wanted: u16| {
        let started = Instant::now();
        while status(path).ok() != Some(wanted) {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{path} never {wanted}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let (created, later, _) = create(port, "https://later.example/").unwrap();
    assert_eq!(created, 201);
    let (created, newer, _) = create(port, "https://newer.example/").unwrap();
    assert_eq!(created, 201);
    replace(&file, "later.example\n");
    wait_for(&format!("/{later}"), 410);

    std::fs::remove_file(&file).unwrap();
    let fifo = std::ffi::CString::new(file.to_str().unwrap()).unwrap();
    // SAFETY: a NUL-terminated path, only read.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        status("/health").ok(),
        Some(200),
        "the server stopped serving"
    );
    assert_eq!(
        status(&format!("/{later}")).ok(),
        Some(410),
        "the list was dropped"
    );
    let (refused, _, _) = create(port, "https://later.example/again").unwrap();
    assert_eq!(refused, 403);

    // A regular file again is read again: the watch was not stuck on the FIFO.
    replace(&file, "later.example\nnewer.example\n");
    wait_for(&format!("/{newer}"), 410);
    assert!(
        server.log().contains("is not a regular file"),
        "{}",
        server.log()
    );
}
