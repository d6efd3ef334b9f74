//! The operator's command line, on the real binary: migrate, links list/show/delete/
//! restore, export and import (every field, both formats), and a running server
//! picking up a delete made behind its back. What `import` refuses: `import.rs`.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::backend::on_sqlite;
use crate::helpers::{query_scalar, spawn_app_on, Link};
use crate::server::{command, create, free_port, run, send, stdout, Server};

/// A database in `dir` with three links that use every field.
fn seeded(dir: &Path) -> Vec<Link> {
    let app = spawn_app_on(&dir.join("shortener.db"));
    app.set_clock("2026-11-28T10:00:00Z");
    let links = vec![
        app.seed_with(json!({ "target_url": "https://example.com/plain", "custom_key": "plain" })),
        app.seed_with(json!({
            "target_url": "https://example.com/every-field",
            "custom_key": "every",
            "expires_at": "2027-01-01T00:00:00Z",
            "starts_at": "2026-12-01T00:00:00Z",
            "max_clicks": 50,
            "password": "open sesame",
            "forward_query": true,
            "rules": [{"when": {"device": "ios", "query": {"src": "a b"}}, "target_url": "https://apps.apple.com/app"}],
            "variants": [{"target_url": "https://example.com/a", "weight": 70},
                         {"target_url": "https://example.com/b", "weight": 30}],
            "expired_url": "https://example.com/over",
            "title": "Every field",
            "note": "two lines,\nwith \"quotes\"",
        })),
        app.seed_with(json!({ "target_url": "https://example.com/gone", "custom_key": "gone" })),
    ];
    app.get("/plain", None);
    app.get("/plain", None);
    app.send_json(
        rocket::http::Method::Delete,
        &links[2].admin_path(),
        json!({}),
    );
    app.stop();
    links
}

#[test]
fn migrate_creates_a_ready_database() {
    let dir = tempfile::tempdir().unwrap();

    let out = stdout(&run(dir.path(), &["migrate"]));

    assert!(out.contains("migrations applied"));
    let tables: i64 = query_scalar(
        &dir.path().join("shortener.db"),
        match on_sqlite() {
            true => "select count(*) from sqlite_master where name in ('link', 'click_day', 'click_source', 'cache_epoch')",
            false => "select count(*) from information_schema.tables where table_schema = current_schema() \
                      and table_name in ('link', 'click_day', 'click_source', 'cache_epoch')",
        },
    );
    assert_eq!(tables, 4);
    assert!(
        stdout(&run(dir.path(), &["migrate"])).contains("migrations applied"),
        "twice is fine"
    );
}

#[test]
fn links_list_and_show_describe_links_without_their_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let links = seeded(dir.path());

    let list = stdout(&run(dir.path(), &["links", "list"]));
    assert!(
        list.contains("plain") && list.contains("https://example.com/plain"),
        "{list}"
    );
    assert!(
        !list.contains("https://example.com/gone"),
        "deleted links only with --all"
    );
    let all = stdout(&run(dir.path(), &["links", "list", "--all"]));
    assert!(
        all.lines()
            .any(|l| l.starts_with("gone") && l.contains("deleted")),
        "{all}"
    );

    let show = stdout(&run(dir.path(), &["links", "show", "every"]));
    assert!(
        show.contains("target_url: https://example.com/every-field"),
        "{show}"
    );
    assert!(show.contains("max_clicks: 50"));
    assert!(show.contains("expires_at: 2027-01-01T00:00:00Z"));
    let secret = links[1].admin_path().rsplit('/').next().unwrap().to_owned();
    assert!(
        !show.contains(&secret),
        "the secret is never stored, so never shown"
    );
}

#[test]
fn links_delete_and_restore_undo_each_other() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path());
    let active = |key: &str| -> i64 {
        query_scalar(
            &dir.path().join("shortener.db"),
            &format!("select case when is_active then 1 else 0 end from link where key = '{key}'"),
        )
    };

    assert!(stdout(&run(dir.path(), &["links", "delete", "plain"])).contains("deleted plain"));
    assert_eq!(active("plain"), 0);
    assert!(stdout(&run(dir.path(), &["links", "restore", "gone"])).contains("restored gone"));
    assert_eq!(active("gone"), 1);

    let missing = run(dir.path(), &["links", "restore", "nope"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no link has that key"));
}

#[test]
fn a_running_server_stops_forwarding_a_link_deleted_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    let (_, key, _) = create(port, "https://example.com/").unwrap();
    let path = format!("/{key}");
    assert_eq!(send(port, "GET", &path, &[], "").status, 307, "cached now");

    stdout(&run(dir.path(), &["links", "delete", &key]));

    let started = Instant::now();
    while send(port, "GET", &path, &[], "").status != 404 {
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "still forwarding after 3 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    stdout(&run(dir.path(), &["links", "restore", &key]));
    assert_eq!(send(port, "GET", &path, &[], "").status, 307);
    drop(server);
}

#[test]
fn an_installation_on_sqlite_moves_to_this_database_with_export_and_import() {
    let from = tempfile::tempdir().unwrap();
    let to = tempfile::tempdir().unwrap();
    let links = crate::backend::with(crate::backend::Backend::Sqlite, || seeded(from.path()));
    let file = to.path().join("links.json");
    let sqlite = from.path().join("shortener.db");
    let on_sqlite = [(
        "ROCKET_DATABASES",
        format!("{{links={{url=\"{}\"}}}}", sqlite.display()),
    )];
    let exported = command(from.path(), &on_sqlite)
        .args(["export", "--output", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&exported.stderr).contains("exported 3 links"));
    let moved = std::fs::read_to_string(&file).unwrap();
    assert!(
        moved.contains(
            r#""history":{"days":{"2026-11-28":2},"referrers":{"direct":2},"clients":{"other":2}}"#
        ),
        "the click history travels with its link: {moved}"
    );

    let imported = stdout(&run(to.path(), &["import", file.to_str().unwrap()]));
    assert!(imported.contains("imported 3 links"), "{imported}");
    let again = stdout(&run(to.path(), &["export"]));
    assert_eq!(again, std::fs::read_to_string(&file).unwrap());

    let port = free_port();
    let _server = Server::start(to.path(), port, &[]);
    let path = format!(
        "/admin/{}",
        links[0].admin_path().rsplit('/').next().unwrap()
    );
    let info = send(port, "GET", &path, &[("Accept", "application/json")], "").json();
    assert_eq!(
        (info["target_url"].as_str(), info["clicks"].as_i64()),
        (Some("https://example.com/plain"), Some(2)),
        "the old admin URL opens the moved link"
    );
    assert_eq!(
        info["referrers"],
        json!([{ "name": "direct", "clicks": 2 }])
    );
    assert_eq!(info["clients"], json!([{ "name": "other", "clicks": 2 }]));
    assert_eq!(send(port, "GET", "/plain", &[], "").status, 307);
    assert_eq!(send(port, "GET", "/gone", &[], "").status, 404);
}

#[test]
fn export_then_import_moves_every_field_in_both_formats() {
    for format in ["json", "csv"] {
        let from = tempfile::tempdir().unwrap();
        let to = tempfile::tempdir().unwrap();
        seeded(from.path());
        let file = to.path().join(format!("links.{format}"));

        let out = run(
            from.path(),
            &[
                "export",
                "--format",
                format,
                "--output",
                file.to_str().unwrap(),
            ],
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("exported 3 links"));
        let imported = stdout(&run(to.path(), &["import", file.to_str().unwrap()]));
        assert!(imported.contains("imported 3 links"), "{imported}");

        let again = stdout(&run(to.path(), &["export", "--format", format]));
        assert_eq!(
            again,
            std::fs::read_to_string(&file).unwrap(),
            "{format}: every field round-trips"
        );
        assert!(again.contains("$argon2id$") && again.contains("2027-01-01T00:00:00Z"));
        assert!(
            again.contains("forward_query"),
            "{format}: query forwarding moves too"
        );
        for smart in [
            "apps.apple.com/app",
            "https://example.com/b",
            "https://example.com/over",
            "humans_only",
            "Every field",
            "with",
            "2026-12-01T00:00:00Z",
        ] {
            assert!(
                again.contains(smart),
                "{format}: the smart parts move too ({smart})"
            );
        }
    }
}

#[test]
fn help_lists_the_commands_and_a_wrong_one_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(&run(dir.path(), &["--help"]));
    for name in ["serve", "migrate", "links", "export", "import", "backup"] {
        assert!(help.contains(name), "{name}");
    }
    assert_eq!(run(dir.path(), &["nope"]).status.code(), Some(2));
}

#[test]
fn serve_is_the_default_and_can_be_named() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = command(dir.path(), &[("ROCKET_PORT", port.to_string())])
        .arg("serve")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the binary");
    let started = Instant::now();
    let health = loop {
        match crate::server::try_send(port, "GET", "/health", &[], "") {
            Ok(reply) => break reply,
            Err(_) if started.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err(e) => panic!("`shortener serve` did not answer: {e}"),
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(health.status, 200);
    assert!(!on_sqlite() || dir.path().join("shortener.db").exists());
}

#[test]
fn the_operator_moderates_and_manages_tokens_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_on(&dir.path().join("shortener.db"));
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/r", "custom_key": "reported" }));
    for reason in ["phishing", "phishing", "spam"] {
        let res = app.send_json(
            rocket::http::Method::Post,
            "/report/reported",
            json!({ "reason": reason, "details": "saw a fake login" }),
        );
        assert_eq!(res.status(), rocket::http::Status::Accepted);
    }
    let url = stdout(&run(dir.path(), &["moderation-url"]));
    assert!(
        url.trim().starts_with("http://127.0.0.1:8000/moderate/"),
        "{url}"
    );
    let secret = url.trim().rsplit('/').next().unwrap().to_owned();
    assert_eq!(
        app.get_json(&format!("/moderate/{secret}")).0,
        rocket::http::Status::Ok
    );

    let table = stdout(&run(dir.path(), &["reports", "list"]));
    assert!(
        table.contains("reported") && table.contains("phishing 2, spam 1"),
        "{table}"
    );
    let listed: serde_json::Value =
        serde_json::from_str(&stdout(&run(dir.path(), &["reports", "list", "--json"]))).unwrap();
    assert_eq!(listed["links"][0]["key"], "reported");
    assert_eq!(listed["links"][0]["reports"], 3);
    assert_eq!(
        listed["links"][0]["details"][0]["details"],
        "saw a fake login"
    );

    let refused = run(
        dir.path(),
        &["links", "disable", "reported", "--reason", " "],
    );
    assert!(!refused.status.success(), "a reason is required");
    let out = stdout(&run(
        dir.path(),
        &["links", "disable", "reported", "--reason", "Phishing"],
    ));
    assert!(out.contains("disabled reported"));
    let (status, json) = app.get_json("/reported");
    assert_eq!(status, rocket::http::Status::Gone);
    assert_eq!(
        json["detail"],
        "This link was disabled by the operator: Phishing"
    );
    assert!(stdout(&run(dir.path(), &["links", "list"])).contains("disabled"));
    stdout(&run(dir.path(), &["links", "enable", "reported"]));
    let started = Instant::now();
    while app.get(&link.path(), None).status() != rocket::http::Status::TemporaryRedirect {
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "the server missed the enable"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        stdout(&run(dir.path(), &["reports", "list"])).contains("no open reports"),
        "disabling closed them"
    );

    app.send_json(
        rocket::http::Method::Post,
        "/report/reported",
        json!({ "reason": "other" }),
    );
    stdout(&run(dir.path(), &["reports", "dismiss", "reported"]));
    assert!(stdout(&run(dir.path(), &["reports", "list"])).contains("no open reports"));
    assert!(!run(dir.path(), &["reports", "dismiss", "nosuchkey"])
        .status
        .success());

    let token = stdout(&run(
        dir.path(),
        &["tokens", "create", "--note", "Newsletter team"],
    ));
    assert_eq!(token.trim().len(), 32, "{token}");
    let tokens = stdout(&run(dir.path(), &["tokens", "list"]));
    assert!(
        tokens.contains("active") && tokens.contains("Newsletter team"),
        "{tokens}"
    );
    assert!(
        !tokens.contains(token.trim()),
        "the token is never shown again"
    );
    let out = stdout(&run(
        dir.path(),
        &["tokens", "revoke", "1", "--disable-links"],
    ));
    assert!(
        out.contains("revoked token 1") && out.contains("disabled 0 links"),
        "{out}"
    );
    assert!(stdout(&run(dir.path(), &["tokens", "list"])).contains("revoked"));
    assert!(!run(dir.path(), &["tokens", "revoke", "99"])
        .status
        .success());
}

#[test]
fn version_prints_the_name_and_the_version_of_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&run(dir.path(), &["--version"]));
    assert_eq!(
        out.trim(),
        format!("shortener {}", env!("CARGO_PKG_VERSION"))
    );
    assert!(
        !dir.path().join("shortener.db").exists(),
        "no database opened"
    );
}
