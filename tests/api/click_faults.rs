//! Click writes that fail, again and again, then work: every click counted meanwhile
//! is kept, shown, and written once; a stop that still cannot write says how many
//! it could not keep and exits non-zero.

use std::time::{Duration, Instant};

use crate::backend::{current, database_url, Backend};
use crate::helpers::{spawn_app_with, visit, TestApp};
use crate::server::{admin_info, create, free_port, send, Server};

/// Runs statements on the test database at `file` over a connection of the test's
/// own, retrying for up to 10 s while the database is locked.
fn exec(file: &std::path::Path, statements: &[&str]) {
    let url = match current() {
        Backend::Sqlite => format!("sqlite://{}", file.display()),
        Backend::Postgres => database_url(file),
    };
    let statements: Vec<String> = statements.iter().map(|s| (*s).to_owned()).collect();
    crate::backend::block_on(async move {
        use sqlx::Connection;
        let started = Instant::now();
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        for sql in &statements {
            while let Err(e) = sqlx::query(sql).execute(&mut conn).await {
                assert!(started.elapsed() < Duration::from_secs(10), "{sql}: {e}");
                rocket::tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        conn.close().await.unwrap();
    });
}

/// Makes every write of a click total fail. On SQLite `whole` fails the way a full
/// disk fails a commit (SQLite rolls the whole transaction back by itself), otherwise
/// only the statement fails.
fn fail_click_writes(file: &std::path::Path, whole: bool) {
    match current() {
        Backend::Sqlite => {
            let kind = if whole { "rollback" } else { "abort" };
            let create = format!(
                "create trigger no_room before update of clicks on link \
                 begin select raise({kind}, 'database or disk is full'); end"
            );
            exec(file, &["drop trigger if exists no_room", &create]);
        }
        Backend::Postgres => exec(
            file,
            &[
                "create or replace function no_room() returns trigger language plpgsql \
                 as $$ begin raise exception 'could not extend file: No space left on device'; end $$",
                "drop trigger if exists no_room on link",
                "create trigger no_room before update of clicks on link \
                 for each row execute function no_room()",
            ],
        ),
    }
}

fn let_click_writes_work(file: &std::path::Path) {
    match current() {
        Backend::Sqlite => exec(file, &["drop trigger if exists no_room"]),
        Backend::Postgres => exec(file, &["drop trigger if exists no_room on link"]),
    }
}

fn metric(app: &TestApp, name: &str) -> f64 {
    let text = app.get("/metrics", None).into_string().unwrap();
    let line = text.lines().find(|l| l.starts_with(&format!("{name} ")));
    line.unwrap_or_else(|| panic!("no {name} in {text}"))
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Waits up to `secs` for `done`.
fn wait_for(secs: u64, what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(secs), "{what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn clicks_survive_any_number_of_failed_writes_and_are_written_once_writing_works() {
    // One pooled connection: every write meets whatever an earlier failure left on it.
    let app = spawn_app_with(|f| {
        f.merge(("databases.links.max_connections", 1))
            .merge(("click_write_grace", 2))
    });
    let link = app.seed("https://example.com/faults");
    let sql = format!("select clicks from link where key = '{}'", link.key());
    for _ in 0..3 {
        visit(&app, &link.path(), None, None);
    }
    wait_for(5, "the first clicks written", || app.query_i64(&sql) == 3);

    fail_click_writes(&app.db_path, true);
    for i in 0..10 {
        visit(
            &app,
            &link.path(),
            Some(&format!("https://w{i}.example/")),
            None,
        );
    }
    wait_for(5, "a failed write", || {
        metric(&app, "shortener_click_writes_failed_total") >= 2.0
    });
    fail_click_writes(&app.db_path, false);
    for _ in 0..10 {
        visit(&app, &link.path(), None, None);
    }
    let failed = metric(&app, "shortener_click_writes_failed_total");
    wait_for(5, "more failed writes", || {
        metric(&app, "shortener_click_writes_failed_total") >= failed + 2.0
    });
    assert_eq!(app.get_json(&link.admin_path()).1["clicks"], 23);
    assert_eq!(metric(&app, "shortener_clicks_pending"), 20.0);
    let (status, health) = app.get_json("/health");
    assert_eq!(status.code, 503, "{health}");
    assert!(
        health["detail"].as_str().unwrap().contains("clicks"),
        "{health}"
    );
    assert_eq!(app.query_i64(&sql), 3, "nothing written while writes fail");

    let failed = metric(&app, "shortener_click_writes_failed_total");
    let database_errors = "shortener_database_errors_total{operation=\"click_write\"}";
    assert!(
        metric(&app, database_errors) >= 4.0,
        "each failed flush is a database error"
    );
    let_click_writes_work(&app.db_path);
    let started = Instant::now();
    wait_for(10, "the kept clicks written", || app.query_i64(&sql) == 23);
    crate::backend::say(&format!(
        "failed click writes: 20 clicks kept through {failed} failed flushes, \
         all written {} ms after writes worked again",
        started.elapsed().as_millis()
    ));
    std::thread::sleep(Duration::from_millis(1500));

    assert_eq!(app.query_i64(&sql), 23, "each click written once");
    assert_eq!(app.get_json(&link.admin_path()).1["clicks"], 23);
    assert_eq!(app.get_json("/health").0.code, 200);
    assert_eq!(metric(&app, "shortener_clicks_pending"), 0.0);
    assert!(metric(&app, "shortener_last_click_write_timestamp_seconds") > 1.7e9);
    let referred = format!(
        "select cast(sum(s.clicks) as bigint) from click_source s join link l on l.id = s.link_id \
         where l.key = '{}' and s.kind = 'referrer'",
        link.key()
    );
    assert_eq!(app.query_i64(&referred), 23);
    app.seed("https://example.com/right-after");
}

#[test]
fn a_stop_that_cannot_write_the_clicks_says_how_many_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    let (_, key, secret) = create(port, "https://example.com/lost").unwrap();
    let db = dir.path().join("shortener.db");
    fail_click_writes(&db, true);
    for _ in 0..17 {
        assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    }
    std::thread::sleep(Duration::from_millis(2500));

    let status = server.signal("TERM");

    assert!(!status.success(), "exit status {status:?}");
    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    assert!(log.contains("writing clicks failed"), "{log}");
    assert!(log.contains("17 clicks could not be written"), "{log}");
    crate::backend::say(&format!("stop that cannot write: exit {status:?}"));
    let_click_writes_work(&db);
    let _server = Server::start(dir.path(), port, &[]);
    assert_eq!(admin_info(port, &secret)["clicks"], 0);
}

#[test]
fn the_log_says_when_click_writes_fail_and_when_they_work_again_with_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    let (_, key, secret) = create(port, "https://example.com/told").unwrap();
    let db = dir.path().join("shortener.db");
    fail_click_writes(&db, false);
    for _ in 0..12 {
        assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    }
    wait_for(5, "a failed write in the log", || {
        server.log().contains("12 clicks are kept in memory")
    });
    let_click_writes_work(&db);
    wait_for(5, "the recovery in the log", || {
        server
            .log()
            .contains("12 clicks kept meanwhile are written")
    });

    let log = server.log();
    assert_eq!(log.matches("writing clicks failed").count(), 1, "{log}");
    assert_eq!(admin_info(port, &secret)["clicks"], 12);
    assert!(server.signal("TERM").success());
}
