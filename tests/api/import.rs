//! What `shortener import` refuses, on the real binary: a file with any bad record
//! is refused as a whole, each bad record named, and nothing is stored.

use std::path::Path;
use std::process::Output;

use serde_json::json;

use crate::helpers::query_scalar;
use crate::server::{run, stdout};

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
    format!(
        "$argon2id$v=19${params}$c29tZXNhbHRzb21lc2FsdA${}",
        "A".repeat(43)
    )
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
    assert!(
        !errors.contains("record 1:") && !errors.contains("record 6:"),
        "{errors}"
    );
}

#[test]
fn import_refuses_a_key_given_twice_and_keeps_not_even_the_first() {
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
    assert!(
        !errors.contains("already taken"),
        "the key is free: {errors}"
    );
}

#[test]
fn import_refuses_password_hashes_costlier_than_the_apps_own() {
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
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("record 1:"),
            "{what}"
        );
    }
}

#[test]
fn import_refuses_counts_that_the_next_click_would_overflow() {
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
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("links.csv");
    let header = "key,secret_hash,target_url,is_active,clicks,created_at,last_clicked_at,expires_at,max_clicks,password_hash";
    let good = format!(
        "good,{},https://example.com/,true,0,2026-11-28T10:00:00Z,,,,",
        "ab".repeat(32)
    );
    let bell = format!(
        "bell,{},\"https://example.com/\u{7}x\",true,0,2026-11-28T10:00:00Z,,,,",
        "cd".repeat(32)
    );
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
