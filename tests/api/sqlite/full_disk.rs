//! A full disk, made on demand with SQLite's `max_page_count` on every connection of
//! the app's pool: redirects go on, clicks wait in memory through every failed flush,
//! and all of them are written once there is room again.

use std::time::{Duration, Instant};

use rocket::http::{Accept, ContentType, Header, Status};
use rocket::local::asynchronous::Client;
use serde_json::{json, Value};

use crate::helpers::figment;

/// Connections in the test app's pool: each gets the page limit.
const CONNECTIONS: u32 = 2;

/// Sets `max_page_count` on every pooled connection: to the file's size now (`full`),
/// so no write may grow it, or back to SQLite's largest.
async fn set_full(client: &Client, full: bool) {
    let pool = shortener::testing::sqlite_pool(client.rocket()).expect("a SQLite pool");
    let mut conns = Vec::new();
    for _ in 0..CONNECTIONS {
        conns.push(pool.acquire().await.unwrap());
    }
    for conn in &mut conns {
        let pages: i64 = sqlx::query_scalar("pragma page_count")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let limit = if full { pages } else { 1_073_741_823 };
        sqlx::query(&format!("pragma max_page_count = {limit}"))
            .execute(&mut **conn)
            .await
            .unwrap();
    }
}

/// The link's clicks as stored, read over a connection of the test's own.
async fn stored(db: &std::path::Path, key: &str) -> (i64, i64) {
    use sqlx::Connection;
    let url = format!("sqlite://{}", db.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let total: i64 = sqlx::query_scalar("select clicks from link where key = ?")
        .bind(key)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let sources: i64 = sqlx::query_scalar(
        "select coalesce(sum(s.clicks), 0) from click_source s join link l on l.id = s.link_id \
         where l.key = ? and s.kind = 'referrer'",
    )
    .bind(key)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    (total, sources)
}

async fn admin_clicks(client: &Client, admin: &str) -> i64 {
    let res = client.get(admin).header(Accept::JSON).dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    res.into_json::<Value>().await.unwrap()["clicks"]
        .as_i64()
        .unwrap()
}

async fn create(client: &Client, target: &str) -> Status {
    let body = json!({ "target_url": target }).to_string();
    let req = client.post("/url").header(ContentType::JSON);
    req.header(Accept::JSON)
        .body(body)
        .dispatch()
        .await
        .status()
}

#[rocket::async_test]
async fn clicks_counted_while_the_disk_is_full_are_all_written_once_there_is_room() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("full.db");
    let figment = figment(&db)
        .merge(("databases.links.max_connections", CONNECTIONS))
        .merge(("databases.links.min_connections", CONNECTIONS));
    let client = Client::tracked(shortener::build(figment)).await.unwrap();
    let body = json!({ "target_url": "https://example.com/full" }).to_string();
    let res = client
        .post("/url")
        .header(ContentType::JSON)
        .header(Accept::JSON)
        .body(body)
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::Created);
    let info: Value = res.into_json().await.unwrap();
    let key = info["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let admin = info["admin_url"]
        .as_str()
        .unwrap()
        .strip_prefix(crate::helpers::BASE)
        .unwrap()
        .to_owned();
    let visit = |referer: String| {
        let req = client.get(format!("/{key}"));
        async move {
            let res = req.header(Header::new("Referer", referer)).dispatch().await;
            assert_eq!(res.status(), Status::TemporaryRedirect, "redirects go on");
        }
    };
    for i in 0..3 {
        visit(format!("https://before-{i}.example/")).await;
    }
    let started = Instant::now();
    while stored(&db, &key).await.0 < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "first clicks not written"
        );
        rocket::tokio::time::sleep(Duration::from_millis(50)).await;
    }

    set_full(&client, true).await;
    let mut refused = 0;
    for i in 0..40 {
        let status = create(
            &client,
            &format!("https://example.com/while-full/{i}/{}", "y".repeat(200)),
        )
        .await;
        assert!(
            matches!(status, Status::Created | Status::ServiceUnavailable),
            "{status}"
        );
        refused += usize::from(status == Status::ServiceUnavailable);
    }
    assert!(refused > 0, "the disk was full for creates too");
    let full = 90;
    for i in 0..full {
        if i % 10 == 0 {
            create(&client, "https://example.com/one-more").await;
        }
        // Each a host of its own with a long name: writing them needs new pages.
        visit(format!(
            "https://while-the-disk-is-full-{i:03}-{}.example/",
            "x".repeat(40)
        ))
        .await;
    }
    for _ in 0..4 {
        rocket::tokio::time::sleep(Duration::from_millis(1000)).await;
        assert_eq!(
            admin_clicks(&client, &admin).await,
            3 + full,
            "the admin page counts every click"
        );
    }
    assert_eq!(
        stored(&db, &key).await,
        (3, 3),
        "the disk was full: nothing written"
    );

    set_full(&client, false).await;
    assert_eq!(
        create(&client, "https://example.com/right-after").await,
        Status::Created,
        "the first create once there is room"
    );
    let started = Instant::now();
    while stored(&db, &key).await.0 < 3 + full {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "clicks not written once there was room: {:?}",
            stored(&db, &key).await
        );
        rocket::tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let took = started.elapsed();
    rocket::tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        stored(&db, &key).await,
        (3 + full, 3 + full),
        "each click once"
    );
    crate::backend::say(&format!(
        "full disk: {full} clicks counted while full ({refused} of 40 creates refused), \
         all {} written {} ms after room returned",
        3 + full,
        took.as_millis()
    ));
    assert_eq!(admin_clicks(&client, &admin).await, 3 + full);
}
