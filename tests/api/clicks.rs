//! Clicks are counted in memory and written once a second: exact on the admin
//! page at once, in the database within a second, all of them after a stop.

use std::time::{Duration, Instant};

use rocket::http::{Accept, ContentType, Status};
use rocket::local::asynchronous::Client;
use serde_json::{json, Value};

use crate::helpers::{figment, spawn_app, spawn_app_on, Link};

#[test]
fn clicks_reach_the_database_within_about_a_second() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    for _ in 0..3 {
        app.get(&link.path(), None);
    }
    let sql = format!("select clicks from link where key = '{}'", link.key());

    let started = Instant::now();
    while app.query_i64(&sql) < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "clicks not written after 3 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    assert_eq!(app.query_i64(&sql), 3);
}

#[test]
fn a_stop_writes_every_pending_click() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stop.db");
    let app = spawn_app_on(&db);
    let link = app.seed("https://example.com/");
    for _ in 0..25 {
        app.get(&link.path(), None);
    }

    app.stop();

    let again = spawn_app_on(&db);
    assert_eq!(
        again.query_i64(&format!(
            "select clicks from link where key = '{}'",
            link.key()
        )),
        25
    );
}

#[rocket::async_test]
async fn concurrent_visits_are_each_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::tracked(shortener::build(figment(&dir.path().join("c.db"))))
        .await
        .unwrap();
    let res = client
        .post("/url")
        .header(ContentType::JSON)
        .body(json!({ "target_url": "https://example.com/" }).to_string())
        .dispatch()
        .await;
    let link = Link(res.into_json().await.unwrap());
    let path = link.path();

    let visits = (0..500).map(|_| client.get(path.clone()).dispatch());
    let statuses: Vec<Status> = futures::future::join_all(visits)
        .await
        .iter()
        .map(|r| r.status())
        .collect();

    assert!(statuses.iter().all(|s| *s == Status::TemporaryRedirect));
    let info: Value = client
        .get(link.admin_path())
        .header(Accept::JSON)
        .dispatch()
        .await
        .into_json()
        .await
        .unwrap();
    assert_eq!(info["clicks"], 500);
}
