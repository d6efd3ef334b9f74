//! `GET /health` checks the database for real.

use rocket::http::Status;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_on};

#[test]
fn health_is_ok_when_the_database_can_be_read_and_written() {
    let app = spawn_app();

    for accept in [None, Some("text/html"), Some("application/json")] {
        let res = app.get("/health", accept);

        assert_eq!(res.status(), Status::Ok);
        let version = env!("CARGO_PKG_VERSION");
        let expected = json!({ "status": "ok", "version": version });
        assert_eq!(res.into_json::<Value>().unwrap(), expected);
    }
    assert_eq!(
        app.query_i64("select count(*) from heartbeat"),
        1,
        "the check wrote"
    );
}

#[test]
fn health_is_unavailable_when_the_database_directory_is_gone() {
    if !crate::backend::on_sqlite() {
        return; // a file that vanishes is SQLite's failure; PostgreSQL has none
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let app = spawn_app_on(&data.join("h.db"));
    assert_eq!(app.get("/health", None).status(), Status::Ok);

    std::fs::remove_dir_all(&data).unwrap();

    let res = app.get("/health", None);
    assert_eq!(res.status(), Status::ServiceUnavailable);
    let body: Value = res.into_json().unwrap();
    assert_eq!(body["status"], "unavailable");
    assert_eq!(
        body["version"],
        env!("CARGO_PKG_VERSION"),
        "even when failing"
    );
    let detail = body["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("the database file was deleted"),
        "{detail}"
    );
}

#[test]
fn a_flood_of_health_checks_writes_the_database_at_most_once_every_few_seconds() {
    let app = spawn_app();
    assert_eq!(app.get("/health", None).status(), Status::Ok);
    let marked: String = crate::helpers::query_scalar(
        &app.db_path,
        "update heartbeat set checked_at = 'marked' where id = 1 returning checked_at",
    );
    assert_eq!(marked, "marked");

    for _ in 0..20 {
        assert_eq!(app.get("/health", None).status(), Status::Ok);
    }

    let checked_at: String =
        crate::helpers::query_scalar(&app.db_path, "select checked_at from heartbeat");
    assert_eq!(
        checked_at, "marked",
        "a later check wrote the heartbeat again"
    );
}
