//! Another process holds SQLite's write lock for 6 s, as a backup tool or `sqlite3` by
//! hand may: redirects of known links go on at once, creates wait for the lock or answer
//! 503 with a detail, admin reads answer, and every acknowledged link and click is in
//! the file once the lock is released.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use crate::helpers::query_scalar;
use crate::server::{admin_info, create, free_port, send, try_send, Server};

/// How long the other process holds the lock: longer than the app's busy timeout (5 s).
const HELD: Duration = Duration::from_secs(6);

/// Every click stored in the file, over a connection of the test's own.
fn stored(db: &std::path::Path) -> i64 {
    query_scalar(
        db,
        "select cast(coalesce(sum(clicks), 0) as bigint) from link",
    )
}

/// Holds the write lock of the SQLite file `db` (`begin immediate`) for `HELD`, from a
/// connection of its own; says on `locked` once it has it.
fn hold_write_lock(db: &std::path::Path, locked: mpsc::Sender<()>) -> std::thread::JoinHandle<()> {
    let url = format!("sqlite://{}", db.display());
    std::thread::spawn(move || {
        crate::backend::block_on(async move {
            use sqlx::Connection;
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query("begin immediate")
                .execute(&mut conn)
                .await
                .unwrap();
            locked.send(()).unwrap();
            rocket::tokio::time::sleep(HELD).await;
            sqlx::query("rollback").execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        })
    })
}

/// Runs `each` in a loop on its own thread until `stop`, recording each answer's time.
fn client<T: Send + 'static>(
    stop: &Arc<AtomicBool>,
    mut each: impl FnMut(usize) -> T + Send + 'static,
) -> std::thread::JoinHandle<Vec<(T, Duration)>> {
    let stop = stop.clone();
    std::thread::spawn(move || {
        let mut answers = Vec::new();
        for i in 0.. {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let started = Instant::now();
            let answer = each(i);
            answers.push((answer, started.elapsed()));
            std::thread::sleep(Duration::from_millis(20));
        }
        answers
    })
}

fn slowest<T>(answers: &[(T, Duration)]) -> u128 {
    answers
        .iter()
        .map(|(_, t)| t.as_millis())
        .max()
        .unwrap_or(0)
}

#[test]
fn a_write_lock_held_by_another_process_delays_writes_but_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shortener.db");
    let port = free_port();
    let no_limit = [("ROCKET_RATE_LIMIT", "{per_minute=0}".to_owned())];
    let server = Server::start(dir.path(), port, &no_limit);
    let links: Vec<_> = (0..5)
        .map(|i| create(port, &format!("https://example.com/before/{i}")).unwrap())
        .collect();
    for (_, key, _) in &links {
        assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    }
    let started = Instant::now();
    while stored(&db) != 5 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "clicks not written"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let (locked, is_locked) = mpsc::channel();
    let holder = hold_write_lock(&db, locked);
    is_locked.recv().unwrap();
    let lock_taken = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let keys: Vec<String> = links.iter().map(|(_, key, _)| key.clone()).collect();
    let redirects = client(&stop, move |i| {
        let key = &keys[i % keys.len()];
        try_send(port, "GET", &format!("/{key}"), &[], "").map(|r| r.status)
    });
    // Three clients creating at once, as three visitors would.
    let creates: Vec<_> = (0..3)
        .map(|c| {
            client(&stop, move |i| {
                let target = format!("https://example.com/during/{c}/{i}");
                let body = serde_json::json!({ "target_url": target }).to_string();
                let json = [
                    ("Content-Type", "application/json"),
                    ("Accept", "application/json"),
                ];
                let reply = try_send(port, "POST", "/url", &json, &body);
                reply.map(|r| (r.status, target, r.body))
            })
        })
        .collect();
    let secrets: Vec<String> = links.iter().map(|(_, _, secret)| secret.clone()).collect();
    let reads = client(&stop, move |i| {
        let secret = &secrets[i % secrets.len()];
        let path = format!("/admin/{secret}");
        try_send(port, "GET", &path, &[("Accept", "application/json")], "").map(|r| r.status)
    });
    holder.join().unwrap();
    let released = lock_taken.elapsed();
    stop.store(true, Ordering::Relaxed);
    let redirects = redirects.join().unwrap();
    let creates: Vec<_> = creates
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let reads = reads.join().unwrap();

    // Every request had an answer: no connection closed without one.
    let mut clicks = 5;
    for (answer, _) in &redirects {
        assert_eq!(*answer.as_ref().expect("a redirect answered"), 307);
        clicks += 1;
    }
    for (answer, _) in &reads {
        assert_eq!(*answer.as_ref().expect("an admin read answered"), 200);
    }
    let mut made = Vec::new();
    let mut refused = 0;
    for (answer, _) in &creates {
        let (status, target, body) = answer.as_ref().expect("a create answered");
        match status {
            201 => made.push((target.clone(), body.clone())),
            503 => {
                let detail: serde_json::Value = serde_json::from_str(body).unwrap();
                assert!(
                    detail["detail"]
                        .as_str()
                        .is_some_and(|d| d.contains("try again")),
                    "{body}"
                );
                refused += 1;
            }
            other => panic!("a create answered {other}: {body}"),
        }
    }
    assert!(
        slowest(&redirects) < 1000,
        "redirects waited for the lock: {} ms",
        slowest(&redirects)
    );

    // Once released, nothing acknowledged is missing.
    let started = Instant::now();
    while stored(&db) != clicks {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{} of {clicks} clicks written after the release",
            stored(&db)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let written_after = started.elapsed();
    for (target, body) in &made {
        let info: serde_json::Value = serde_json::from_str(body).unwrap();
        let key = info["url"].as_str().unwrap().rsplit('/').next().unwrap();
        let hop = send(port, "HEAD", &format!("/{key}"), &[], "");
        assert_eq!(
            (hop.status, hop.header("location")),
            (307, Some(target.as_str())),
            "{key}"
        );
    }
    for (_, _, secret) in &links {
        assert!(admin_info(port, secret)["clicks"].as_i64().unwrap() > 1);
    }
    let log = server.log();
    crate::backend::say(&format!(
        "write lock held {} ms: {} redirects (slowest {} ms), {} creates ({} 201, {refused} 503, \
         slowest {} ms), {} admin reads (slowest {} ms); all {clicks} clicks written {} ms \
         after the release",
        released.as_millis(),
        redirects.len(),
        slowest(&redirects),
        creates.len(),
        made.len(),
        slowest(&creates),
        reads.len(),
        slowest(&reads),
        written_after.as_millis()
    ));
    assert!(server.signal("TERM").success(), "{log}");
}
