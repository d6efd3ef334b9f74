//! Referring hosts are made up by whoever clicks: a link keeps at most 100 of them,
//! counts the rest as `other hosts`, never loses a click to the cap, and its admin
//! page stays as fast as a quiet link's, on one instance or two.

use std::time::{Duration, Instant};

use rocket::http::Status;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_on, visit, TestApp};

/// The hosts a link keeps, and the row the rest are counted on (`service::history::REFERRER_HOSTS`).
const KEPT_HOSTS: i64 = 100;
const OTHER_HOSTS: &str = "other hosts";

/// Referrer rows stored for the link at `key`, over a connection of the test's own.
fn referrer_rows(app: &TestApp, key: &str) -> i64 {
    app.query_i64(&format!(
        "select count(*) from click_source s join link l on l.id = s.link_id \
         where l.key = '{key}' and s.kind = 'referrer'"
    ))
}

/// The median time of `reads` JSON reads of `path`, each read alternating with
/// `other`'s so both see the same load on a shared machine.
fn median_reads(app: &TestApp, path: &str, other: &str, reads: usize) -> [Duration; 2] {
    let mut times = [Vec::new(), Vec::new()];
    for _ in 0..reads {
        for (n, path) in [path, other].into_iter().enumerate() {
            let started = Instant::now();
            let (status, _) = app.get_json(path);
            times[n].push(started.elapsed());
            assert_eq!(status, Status::Ok);
        }
    }
    times.map(|mut t| {
        t.sort();
        t[t.len() / 2]
    })
}

#[test]
fn made_up_referrers_keep_a_bounded_number_of_rows_and_admin_reads_stay_fast() {
    let app = spawn_app();
    let attacked = app.seed("https://example.com/attacked");
    let quiet = app.seed("https://example.com/quiet");
    for i in 0..10 {
        visit(
            &app,
            &quiet.path(),
            Some(&format!("https://site{i}.example/")),
            None,
        );
    }
    // The attack: 20,000 visits, each from a host never seen before, written every
    // 1,000 clicks as the flush would, so new hosts keep meeting a full table.
    for i in 0..20_000 {
        let referer = format!("https://made-up-{i}.example/");
        visit(&app, &attacked.path(), Some(&referer), None);
        if i % 1_000 == 999 {
            app.flush_clicks();
        }
    }
    app.flush_clicks();

    let rows = referrer_rows(&app, &attacked.key());
    assert!(rows <= KEPT_HOSTS + 1, "{rows} referrer rows for one link");
    let (_, info) = app.get_json(&attacked.admin_path());
    assert_eq!(info["clicks"], 20_000);
    let listed = info["referrers"].as_array().unwrap();
    assert_eq!(listed.len(), 10);
    assert_eq!(listed[0]["name"], OTHER_HOSTS, "{listed:?}");
    assert_eq!(listed[0]["clicks"], 20_000 - KEPT_HOSTS);
    let stored: i64 = app.query_i64(&format!(
        "select cast(sum(s.clicks) as bigint) from click_source s join link l on l.id = s.link_id \
         where l.key = '{}' and s.kind = 'referrer'",
        attacked.key()
    ));
    assert_eq!(stored, 20_000, "no click lost to the cap");

    let [slow, fast] = median_reads(&app, &attacked.admin_path(), &quiet.admin_path(), 15);
    assert!(
        slow <= 2 * fast + Duration::from_millis(1),
        "attacked link read in {slow:?}, a link of 10 hosts in {fast:?}"
    );
}

#[test]
fn made_up_referrers_never_push_direct_clicks_into_other_hosts() {
    let app = spawn_app();
    // One link's hosts written before its direct clicks, one's pending with them.
    for flushed in [true, false] {
        let link = app.seed("https://example.com/");
        for i in 0..KEPT_HOSTS {
            let referer = format!("https://made-up-{i}.example/");
            visit(&app, &link.path(), Some(&referer), None);
        }
        if flushed {
            app.flush_clicks();
        }
        for _ in 0..3 {
            visit(&app, &link.path(), None, None);
        }
        for extra in ["a", "b"] {
            visit(&app, &link.path(), Some("not a url"), None);
            let referer = format!("https://one-too-many-{extra}.example/");
            visit(&app, &link.path(), Some(&referer), None);
        }
        if flushed {
            app.flush_clicks();
        }

        let (_, info) = app.get_json(&link.admin_path());
        let listed = info["referrers"].as_array().unwrap();
        let top: Vec<Value> = listed.iter().take(3).cloned().collect();
        let want = [("direct", 3), (OTHER_HOSTS, 2), ("unknown", 2)];
        let want: Vec<Value> = want
            .iter()
            .map(|(name, clicks)| json!({"name": name, "clicks": clicks}))
            .collect();
        assert_eq!(top, want, "flushed first: {flushed}");
    }
}

#[test]
fn two_instances_writing_one_link_keep_within_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let (a, b) = (spawn_app_on(&db), spawn_app_on(&db));
    let link = a.seed("https://example.com/");
    for (app, name) in [(&a, "a"), (&b, "b")] {
        for i in 0..KEPT_HOSTS {
            let referer = format!("https://{name}{i}.example/");
            visit(app, &link.path(), Some(&referer), None);
        }
    }

    // Both write at once, each with a full batch of hosts the other never saw.
    std::thread::scope(|scope| {
        let flushes: Vec<_> = [&a, &b]
            .into_iter()
            .map(|app| {
                let flush = shortener::testing::flush_clicks(app.client.rocket());
                scope.spawn(move || rocket::execute(flush))
            })
            .collect();
        for flush in flushes {
            assert_eq!(flush.join().unwrap().expect("clicks written"), 100);
        }
    });

    assert_eq!(referrer_rows(&a, &link.key()), KEPT_HOSTS + 1);
    let (_, info) = a.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 2 * KEPT_HOSTS);
    let other = info["referrers"].as_array().unwrap()[0].clone();
    assert_eq!(other, json!({"name": OTHER_HOSTS, "clicks": KEPT_HOSTS}));
}
