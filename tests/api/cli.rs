//! The operator's command line, on the real binary: migrate, links list/show/delete/
//! restore, export and import (every field, both formats), and a running server
//! picking up a delete made behind its back.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::backend::on_sqlite;
use crate::helpers::{query_scalar, spawn_app_on, Link};
use crate::server::{command, create, free_port, send, Server};

/// Runs `shortener ARGS` in `dir` and returns its output.
fn run(dir: &Path, args: &[&str]) -> Output {
    command(dir, &[])
        .args(args)
        .output()
        .expect("run the binary")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

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
            "max_clicks": 50,
            "password": "open sesame",
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
    backend!();
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
    backend!();
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
    backend!();
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
    backend!();
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
    backend!();
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
    assert!(
        imported.contains("imported 3 links"),
        "{imported}"
    );
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
    backend!();
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
        assert!(
            imported.contains("imported 3 links"),
            "{imported}"
        );

        let again = stdout(&run(to.path(), &["export", "--format", format]));
        assert_eq!(
            again,
            std::fs::read_to_string(&file).unwrap(),
            "{format}: every field round-trips"
        );
        assert!(again.contains("$argon2id$") && again.contains("2027-01-01T00:00:00Z"));
    }
}

/// One exported record with every field, as `import` reads it.
fn record(key: &str, target: &str, hash: &str) -> serde_json::Value {
    json!({
        "key": key, "secret_hash": hash, "target_url": target, "is_active": true,
        "clicks": 3, "created_at": "2026-11-28T10:00:00Z", "last_clicked_at": null,
        "expires_at": null, "max_clicks": null, "password_hash": null,
    })
}

/// A well-formed argon2id PHC string with the given parameters (`m=..,t=..,p=..`).
fn phc(params: &str) -> String {
    format!("$argon2id$v=19${params}$c29tZXNhbHRzb21lc2FsdA${}", "A".repeat(43))
}

/// Imports `records` as a JSON file into a fresh database in `dir`.
fn import_json(dir: &Path, records: serde_json::Value) -> Output {
    let file = dir.join("links.json");
    std::fs::write(&file, records.to_string()).unwrap();
    run(dir, &["import", file.to_str().unwrap()])
}

/// Asserts that the import failed, stored no link, and said why for each `expected`.
fn assert_refused(dir: &Path, out: &Output, expected: &[&str]) {
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "imported: {errors}");
    assert!(errors.contains("nothing was imported"), "{errors}");
    for expected in expected {
        assert!(errors.contains(expected), "{expected} in {errors}");
    }
    let stored: i64 = query_scalar(&dir.join("shortener.db"), "select count(*) from link");
    assert_eq!(stored, 0, "no link of a refused file is stored");
}

#[test]
fn import_refuses_the_whole_file_when_one_record_is_bad_and_names_each_bad_record() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let mut bad_history = record("history", "https://example.com/h", &"12".repeat(32));
    bad_history["history"] = json!({ "days": { "last week": 2 } });
    let records = json!([
        record("good", "https://example.com/", &"ab".repeat(32)),
        record("bad-url", "javascript:alert(1)", &"cd".repeat(32)),
        record("bad-hash", "https://example.com/", "xyz"),
        { "key": "half" },
        bad_history,
        record("fine", "https://example.com/fine", &"ef".repeat(32)),
    ]);

    let out = import_json(dir.path(), records);

    assert_refused(
        dir.path(),
        &out,
        &[
            "record 2: Your provided URL is not valid",
            "record 3: secret_hash",
            "record 4: missing field",
            "record 5: history: \"last week\" is not a day",
            "4 of 6 records failed a check",
        ],
    );
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(!errors.contains("record 1:") && !errors.contains("record 6:"), "{errors}");
}

#[test]
fn import_refuses_a_key_given_twice_and_keeps_not_even_the_first() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let records = json!([
        record("first", "https://example.com/1", &"ab".repeat(32)),
        record("first", "https://example.com/again", &"cd".repeat(32)),
    ]);

    let out = import_json(dir.path(), records);

    assert_refused(
        dir.path(),
        &out,
        &["record 2: Custom key 'first' is already taken"],
    );
}

#[test]
fn import_refuses_a_secret_hash_given_twice_and_says_so() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let records = json!([
        record("first", "https://example.com/1", &"ab".repeat(32)),
        record("second", "https://example.com/2", &"ab".repeat(32)),
    ]);

    let out = import_json(dir.path(), records);

    assert_refused(
        dir.path(),
        &out,
        &["record 2: A link with this secret_hash is already stored"],
    );
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(!errors.contains("already taken"), "the key is free: {errors}");
}

#[test]
fn import_refuses_password_hashes_costlier_than_the_apps_own() {
    backend!();
    for (params, what) in [
        ("m=4194304,t=1,p=1", "4 GiB per guess"),
        ("m=262144,t=6,p=1", "256 MiB and 6 passes per guess"),
        ("m=19456,t=2,p=64", "64 lanes"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut costly = record("costly", "https://example.com/c", &"cd".repeat(32));
        costly["password_hash"] = json!(phc(params));
        let mut usual = record("usual", "https://example.com/u", &"ab".repeat(32));
        usual["password_hash"] = json!(phc("m=19456,t=2,p=1"));
        let mut argon2i = record("older", "https://example.com/o", &"ef".repeat(32));
        argon2i["password_hash"] = json!(phc("m=19456,t=2,p=1").replace("argon2id", "argon2i"));

        let out = import_json(dir.path(), json!([usual, costly, argon2i]));

        assert_refused(
            dir.path(),
            &out,
            &[
                &format!("record 2: password_hash parameters {params} are outside"),
                "record 3: password_hash must be an argon2id hash",
                "2 of 3 records",
            ],
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("record 1:"), "{what}");
    }
}

#[test]
fn import_refuses_counts_that_the_next_click_would_overflow() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let mut clicks = record("clicks", "https://example.com/c", &"ab".repeat(32));
    clicks["clicks"] = json!(i64::MAX);
    let mut limit = record("limit", "https://example.com/l", &"cd".repeat(32));
    limit["max_clicks"] = json!(i64::MAX);
    let mut day = record("day", "https://example.com/d", &"ef".repeat(32));
    day["history"] = json!({ "days": { "2026-11-28": i64::MAX } });
    let mut negative = record("negative", "https://example.com/n", &"12".repeat(32));
    negative["clicks"] = json!(-1);

    let out = import_json(dir.path(), json!([clicks, limit, day, negative]));

    assert_refused(
        dir.path(),
        &out,
        &[
            "record 1: clicks must be 0 to 1000000000000",
            "record 2: max_clicks must be 1 to 1000000000000",
            "record 3: history: counts must be 1 to 1000000000000",
            "record 4: clicks must be 0 to",
        ],
    );
}

#[test]
fn import_refuses_control_characters_in_targets_on_a_csv_line() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("links.csv");
    let header = "key,secret_hash,target_url,is_active,clicks,created_at,last_clicked_at,expires_at,max_clicks,password_hash";
    let good = format!("good,{},https://example.com/,true,0,2026-11-28T10:00:00Z,,,,", "ab".repeat(32));
    let bell = format!("bell,{},\"https://example.com/\u{7}x\",true,0,2026-11-28T10:00:00Z,,,,", "cd".repeat(32));
    let split = format!("split,{},\"https://example.com/\nLocation: https://evil.example\",true,0,2026-11-28T10:00:00Z,,,,", "ef".repeat(32));
    std::fs::write(&file, format!("{header}\n{good}\n{bell}\n{split}\n")).unwrap();

    let out = run(dir.path(), &["import", file.to_str().unwrap()]);

    assert_refused(
        dir.path(),
        &out,
        &[
            "line 3 (record 2): Your provided URL is not valid: it contains spaces or control characters",
            "line 4 (record 3): Your provided URL is not valid: it contains spaces or control characters",
        ],
    );
}

#[test]
fn import_stores_targets_and_times_in_the_form_creation_stores() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let mut unicode = record("unicode", "https://bücher.example/straße", &"ab".repeat(32));
    unicode["created_at"] = json!("2026-11-28T11:00:00+01:00");

    let imported = stdout(&import_json(dir.path(), json!([unicode])));

    assert!(imported.contains("imported 1 links"), "{imported}");
    let show = stdout(&run(dir.path(), &["links", "show", "unicode"]));
    assert!(
        show.contains("target_url: https://xn--bcher-kva.example/stra%C3%9Fe"),
        "the Location header gets ASCII: {show}"
    );
    assert!(show.contains("created_at: 2026-11-28T10:00:00Z"), "{show}");
}

#[test]
fn help_lists_the_commands_and_a_wrong_one_is_a_usage_error() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(&run(dir.path(), &["--help"]));
    for name in ["serve", "migrate", "links", "export", "import", "backup"] {
        assert!(help.contains(name), "{name}");
    }
    assert_eq!(run(dir.path(), &["nope"]).status.code(), Some(2));
}

#[test]
fn serve_is_the_default_and_can_be_named() {
    backend!();
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
