//! What owners see of their clicks: history per UTC day, a chart of it, referring
//! hosts and client classes; and what is never stored about visitors.

use rocket::http::{Header, Status};
use serde_json::{json, Value};

use crate::helpers::{query_scalar, spawn_app, spawn_app_on, visit, BROWSER};

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const GOOGLEBOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

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

#[test]
fn a_link_without_clicks_has_an_empty_history() {
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
    assert_eq!(
        fields,
        [
            "decided_by",
            "destinations",
            "next_switch_at",
            "target_changed_at",
            "target_url",
            "url"
        ]
    );
    let html = app
        .get(&format!("/peek/{}", link.key()), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(!html.contains("news.example.com"));
    assert!(!html.to_lowercase().contains("click"));
}
