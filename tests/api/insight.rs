//! What owners see of their clicks: history per UTC day, a chart of it, referring
//! hosts and client classes; and what is never stored about visitors.

use std::time::{Duration, Instant};

use rocket::http::{Header, Status};
use serde_json::{json, Value};

use crate::helpers::{query_scalar, spawn_app, spawn_app_on, TestApp, BROWSER};

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const GOOGLEBOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/// Follows `path` as a client sending these headers.
fn visit(app: &TestApp, path: &str, referer: Option<&str>, user_agent: Option<&str>) {
    let mut req = app.client.get(path.to_owned());
    if let Some(referer) = referer {
        req = req.header(Header::new("Referer", referer.to_owned()));
    }
    if let Some(user_agent) = user_agent {
        req = req.header(Header::new("User-Agent", user_agent.to_owned()));
    }
    assert_eq!(req.dispatch().status(), Status::TemporaryRedirect);
}

/// `(day, clicks)` of the days in `history` that had clicks.
fn busy_days(info: &Value) -> Vec<(String, i64)> {
    info["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|d| d["clicks"].as_i64() != Some(0))
        .map(|d| {
            (
                d["day"].as_str().unwrap().to_owned(),
                d["clicks"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// The value of `attr` in every `<rect class="bar" ...>` of the page.
fn bar_attrs(html: &str, attr: &str) -> Vec<String> {
    html.split("<rect class=\"bar\"")
        .skip(1)
        .map(|rect| {
            let start = rect.find(&format!(" {attr}=\"")).expect(attr) + attr.len() + 3;
            rect[start..].split('"').next().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn clicks_are_kept_per_utc_day_and_survive_a_restart() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let app = spawn_app_on(&db);
    let link = app.seed("https://example.com/");
    app.set_clock("2026-11-01T23:59:59Z");
    for _ in 0..2 {
        visit(&app, &link.path(), None, None);
    }
    app.flush_clicks();
    app.set_clock("2026-11-03T00:00:00+01:00"); // 2 November in UTC
    visit(&app, &link.path(), None, None);
    app.set_clock("2026-11-03T08:30:00Z");
    for _ in 0..3 {
        visit(&app, &link.path(), None, None);
    }

    let (status, info) = app.get_json(&format!("{}?days=7", link.admin_path()));
    assert_eq!(status, Status::Ok);
    assert_eq!(info["history"].as_array().unwrap().len(), 7);
    assert_eq!(info["history"][6]["day"], "2026-11-03");
    let expected = [("2026-11-01", 2), ("2026-11-02", 1), ("2026-11-03", 3)]
        .map(|(day, clicks)| (day.to_owned(), clicks));
    assert_eq!(busy_days(&info), expected);
    assert_eq!(info["clicks"], 6);
    assert_eq!(info["last_clicked_at"], "2026-11-03T08:30:00Z");

    app.flush_clicks();
    let rows: i64 = query_scalar(&db, "select cast(sum(clicks) as bigint) from click_day");
    assert_eq!(rows, 6, "written once, not twice");
    app.stop();
    let again = spawn_app_on(&db);
    again.set_clock("2026-11-03T12:00:00Z");
    let (_, after) = again.get_json(&format!("{}?days=7", link.admin_path()));
    assert_eq!(busy_days(&after), expected);
    assert_eq!(after["last_clicked_at"], "2026-11-03T08:30:00Z");
}

#[test]
fn the_window_chooses_how_many_days_of_history_are_shown() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    app.set_clock("2026-01-10T10:00:00Z");
    visit(&app, &link.path(), None, None);
    app.set_clock("2026-03-01T10:00:00Z");

    for (days, busy) in [(7, 0), (30, 0), (90, 1), (365, 1)] {
        let (status, info) = app.get_json(&format!("{}?days={days}", link.admin_path()));
        assert_eq!(status, Status::Ok);
        assert_eq!(info["history"].as_array().unwrap().len(), days);
        assert_eq!(busy_days(&info).len(), busy, "{days} days");
        assert_eq!(info["clicks"], 1, "the total counts every day");
    }
    let (_, default) = app.get_json(&link.admin_path());
    assert_eq!(default["history"].as_array().unwrap().len(), 30);
}

#[test]
fn an_unoffered_window_is_refused_with_a_message() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    for days in ["14", "0", "-7", "abc", "", "7;drop"] {
        let res = app.get(&format!("{}?days={days}", link.admin_path()), None);
        assert_eq!(res.status(), Status::UnprocessableEntity, "{days}");
        let detail: Value = app
            .get_json(&format!("{}?days={days}", link.admin_path()))
            .1;
        assert_eq!(detail["detail"], "days must be 7, 30, 90 or 365");
    }
    let page = app.get(&format!("{}?days=14", link.admin_path()), Some(BROWSER));
    assert!(page
        .into_string()
        .unwrap()
        .contains("days must be 7, 30, 90 or 365"));
}

#[test]
fn the_chart_has_one_bar_per_day_with_heights_in_proportion() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    for (day, clicks) in [("2026-11-22", 4), ("2026-11-25", 2), ("2026-11-28", 1)] {
        app.set_clock(&format!("{day}T12:00:00Z"));
        for _ in 0..clicks {
            visit(&app, &link.path(), None, None);
        }
    }

    let html = app
        .get(&format!("{}?days=7", link.admin_path()), Some(BROWSER))
        .into_string()
        .unwrap();
    let days = bar_attrs(&html, "data-day");
    let first_days: Vec<&str> = days.iter().map(String::as_str).collect();
    assert_eq!(
        first_days,
        [
            "2026-11-22",
            "2026-11-23",
            "2026-11-24",
            "2026-11-25",
            "2026-11-26",
            "2026-11-27",
            "2026-11-28"
        ]
    );
    assert_eq!(
        bar_attrs(&html, "height"),
        ["160", "0", "0", "80", "0", "0", "40"]
    );
    assert_eq!(
        bar_attrs(&html, "data-clicks"),
        ["4", "0", "0", "2", "0", "0", "1"]
    );
    assert!(html.contains("<title>2026-11-22: 4 clicks</title>"));
    assert!(html.contains("<title>2026-11-28: 1 click</title>"));
    assert!(html.contains("<strong>7</strong> in the last 7 days"));
    for days in [30, 90, 365] {
        let html = app
            .get(&format!("{}?days={days}", link.admin_path()), Some(BROWSER))
            .into_string()
            .unwrap();
        assert_eq!(bar_attrs(&html, "height").len(), days);
    }
}

#[test]
fn referrers_are_counted_by_host_and_clients_by_class() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let hn = Some("https://news.ycombinator.com/item?id=42");
    let visits = [
        (hn, Some(FIREFOX)),
        (hn, Some(FIREFOX)),
        (Some("https://WWW.Example.org./page"), Some(GOOGLEBOT)),
        (None, Some("curl/8.5.0")),
        (Some("not a url"), Some(FIREFOX)),
        (None, None),
    ];
    for (referer, user_agent) in visits {
        visit(&app, &link.path(), referer, user_agent);
    }

    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 6, "every forward counts, bots too");
    assert_eq!(
        info["referrers"],
        json!([
            {"name": "direct", "clicks": 2},
            {"name": "news.ycombinator.com", "clicks": 2},
            {"name": "unknown", "clicks": 1},
            {"name": "www.example.org", "clicks": 1},
        ])
    );
    assert_eq!(
        info["clients"],
        json!([
            {"name": "browser", "clicks": 3},
            {"name": "other", "clicks": 2},
            {"name": "bot", "clicks": 1},
        ])
    );

    app.flush_clicks();
    let (_, written) = app.get_json(&link.admin_path());
    assert_eq!(written["referrers"], info["referrers"]);
    assert_eq!(written["clients"], info["clients"]);
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains("<td>news.ycombinator.com</td><td class=\"num\">2</td>"));
    assert!(html.contains("<td>bot</td><td class=\"num\">1</td>"));
}

#[test]
fn only_the_ten_busiest_referrers_are_listed() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    for i in 1..=12 {
        for _ in 0..i {
            visit(
                &app,
                &link.path(),
                Some(&format!("https://site{i:02}.example/")),
                None,
            );
        }
    }

    let (_, info) = app.get_json(&link.admin_path());
    let names: Vec<&str> = info["referrers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 10);
    assert_eq!(names[0], "site12.example");
    assert_eq!(names[9], "site03.example");
}

/// The hosts a link keeps, and the row the rest are counted on (`clicks::REFERRER_HOSTS`).
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
    backend!();
    let app = spawn_app();
    let attacked = app.seed("https://example.com/attacked");
    let quiet = app.seed("https://example.com/quiet");
    for i in 0..10 {
        visit(&app, &quiet.path(), Some(&format!("https://site{i}.example/")), None);
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
    backend!();
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
    backend!();
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

#[test]
fn a_link_without_clicks_has_an_empty_history() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");

    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["last_clicked_at"], Value::Null);
    assert_eq!(info["history"].as_array().unwrap().len(), 30);
    assert!(busy_days(&info).is_empty());
    assert_eq!(info["referrers"], json!([]));
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains("last click: never"));
    assert!(html.contains("No clicks yet."));
    assert_eq!(bar_attrs(&html, "height"), vec!["0"; 30]);
}

/// Every value in every table of the database, as text.
fn everything_stored(db: &std::path::Path) -> String {
    let postgres = crate::backend::current() == crate::backend::Backend::Postgres;
    let tables: String = query_scalar(
        db,
        match postgres {
            false => "select group_concat(name) from sqlite_master where type = 'table'",
            true => {
                "select string_agg(table_name::text, ',') from information_schema.tables \
                     where table_schema = current_schema()"
            }
        },
    );
    let mut all = String::new();
    for table in tables.split(',') {
        let rows: String = match postgres {
            false => {
                let columns: String = query_scalar(
                    db,
                    &format!("select group_concat('quote(' || name || ')', ' || ''|'' || ') from pragma_table_info('{table}')"),
                );
                let all_rows = format!("group_concat({columns}, char(10))");
                query_scalar(
                    db,
                    &format!("select coalesce({all_rows}, '') from \"{table}\""),
                )
            }
            true => query_scalar(
                db,
                &format!("select coalesce(string_agg(t::text, chr(10)), '') from \"{table}\" t"),
            ),
        };
        all.push_str(&rows);
    }
    all
}

#[test]
fn no_address_full_referrer_or_user_agent_is_ever_stored() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let res = app
        .client
        .get(link.path())
        .remote("203.0.113.77:4711".parse().unwrap())
        .header(Header::new("X-Real-IP", "198.51.100.23"))
        .header(Header::new("X-Forwarded-For", "198.51.100.24"))
        .header(Header::new(
            "Referer",
            "https://news.example.com/private/path?token=SECRET123",
        ))
        .header(Header::new(
            "User-Agent",
            "Mozilla/5.0 (X11) UniqueAgent/9.9",
        ))
        .dispatch();
    assert_eq!(res.status(), Status::TemporaryRedirect);
    app.flush_clicks();

    let stored = everything_stored(&app.db_path);
    assert!(
        stored.contains("news.example.com"),
        "the host is kept: {stored}"
    );
    assert!(stored.contains("browser"));
    for private in [
        "203.0.113",
        "198.51.100",
        "private/path",
        "SECRET123",
        "UniqueAgent",
        "X11",
    ] {
        assert!(!stored.contains(private), "{private} was stored");
    }
}

#[test]
fn peek_shows_the_target_and_nothing_of_the_owner() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    visit(
        &app,
        &link.path(),
        Some("https://news.example.com/"),
        Some(FIREFOX),
    );

    let (_, peek) = app.get_json(&format!("/peek/{}", link.key()));
    let fields: Vec<&String> = peek.as_object().unwrap().keys().collect();
    assert_eq!(fields, ["target_url", "url"]);
    let html = app
        .get(&format!("/peek/{}", link.key()), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(!html.contains("news.example.com"));
    assert!(!html.to_lowercase().contains("click"));
}
