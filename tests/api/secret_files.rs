//! Settings given as files (`ROCKET_<NAME>_FILE`), as container secrets are, on the
//! real binary: the database URL from a file, for the server and the commands; a
//! setting given both ways, or a file that cannot be read, stops every command with
//! the variable's name.

use std::path::Path;
use std::process::Command;

use crate::backend::{database_url, on_sqlite, query_scalar};
use crate::server::{command, finished, free_port, send, stdout, Server};

/// A file in `dir` holding `contents` and a newline, as `echo` writes a secret; its path.
fn secret(dir: &Path, name: &str, contents: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("{contents}\n")).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The binary in `dir` with `env`, its database (`file`'s) given only as `ROCKET_DATABASES_FILE`.
fn with_database_file(dir: &Path, file: &Path, env: &[(&str, String)]) -> Command {
    let url = database_url(file);
    let path = secret(dir, "databases", &format!("{{links={{url=\"{url}\"}}}}"));
    let mut command = command(dir, env);
    command
        .env_remove("ROCKET_DATABASES")
        .env("ROCKET_DATABASES_FILE", path);
    command
}

#[test]
fn the_database_url_and_other_settings_may_come_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-a-file.db");
    let env = [(
        "ROCKET_BASE_URL_FILE",
        secret(dir.path(), "base_url", "https://sho.rt"),
    )];
    let port = free_port();
    let server = Server::start_command(with_database_file(dir.path(), &db, &env), dir.path(), port);
    let body = r#"{"target_url": "https://example.com/"}"#;
    let json = [("Content-Type", "application/json")];
    let reply = send(port, "POST", "/url", &json, body);
    assert_eq!(reply.status, 201, "{}", reply.body);
    let url = reply.json()["url"].as_str().unwrap().to_owned();
    assert!(
        url.starts_with("https://sho.rt/"),
        "the newline trimmed: {url}"
    );
    drop(server);

    let stored: i64 = query_scalar(&db, "select count(*) from link");
    assert_eq!(stored, 1, "stored in the database the file names");
    if on_sqlite() {
        assert!(
            !dir.path().join("shortener.db").exists(),
            "not in the default one"
        );
    }
    let mut list = with_database_file(dir.path(), &db, &[]);
    let listed = stdout(&list.args(["links", "list"]).output().unwrap());
    let key = url.rsplit('/').next().unwrap();
    assert!(listed.contains(key), "the commands read it too: {listed}");
}

#[test]
fn a_setting_given_both_as_a_variable_and_as_a_file_stops_every_command_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("ROCKET_BASE_URL", "https://other.example".to_owned()),
        (
            "ROCKET_BASE_URL_FILE",
            secret(dir.path(), "base_url", "https://sho.rt"),
        ),
        ("ROCKET_PORT", free_port().to_string()),
    ];
    let commands: [&[&str]; 4] = [&[], &["serve"], &["migrate"], &["backup", "copy.db"]];
    for args in commands {
        let out = finished(command(dir.path(), &env).args(args));
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} ran: {said}");
        assert!(
            said.contains("ROCKET_BASE_URL_FILE and ROCKET_BASE_URL are both set"),
            "{args:?}: {said}"
        );
    }
    assert!(!dir.path().join("copy.db").exists());
}

#[test]
fn a_file_that_cannot_be_read_stops_the_start_with_the_variable_and_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-secret");
    let mut start = command(dir.path(), &[("ROCKET_PORT", free_port().to_string())]);
    start
        .env_remove("ROCKET_DATABASES")
        .env("ROCKET_DATABASES_FILE", &missing);
    let out = finished(&mut start);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "it served: {said}");
    let expected = format!(
        "ROCKET_DATABASES_FILE names {}, which cannot be read",
        missing.display()
    );
    assert!(said.contains(&expected), "{said}");
}
