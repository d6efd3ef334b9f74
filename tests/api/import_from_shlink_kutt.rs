//! Shlink 4.6 and Kutt 3.2 installations, on PostgreSQL and on SQLite, moved here.

use serde_json::Value;

use super::{check_links, clicks_on, import, import_again, owner_view, skipped, Want};
use crate::server::send;
use crate::sources::{day_ago, Server, SourceDb};

/// A time literal as the source's database takes it: PostgreSQL's `timestamptz`
/// columns are given the zone, SQLite keeps text as Kutt and Shlink write it.
fn at(server: Server, time: &str) -> String {
    match server {
        Server::Postgres => format!("'{time}+00:00'"),
        _ => format!("'{time}'"),
    }
}

fn shlink(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let schema = match server {
        Server::Postgres => "shlink.postgres.sql",
        _ => "shlink.sqlite.sql",
    };
    let source = SourceDb::new(server, schema, dir.path(), None);
    let (d1, d2) = (day_ago(3), day_ago(2));
    let created = at(server, "2024-01-02 03:04:05");
    let link =
        |id: u32, key: &str, url: &str, since: &str, until: &str, max: &str, domain: &str| {
            format!(
                "({id}, '{url}', '{key}', {created}, {since}, {until}, {max}, {domain}, true, \
             false, false)"
            )
        };
    let (no, old, later) = (
        "null",
        at(server, "2025-01-01 00:00:00"),
        at(server, "2030-01-01 00:00:00"),
    );
    let links = [
        link(1, "abc", "https://example.com/shlink?x=1", no, no, no, no),
        link(
            2,
            "abc",
            "https://example.com/other-domain",
            no,
            no,
            no,
            "1",
        ),
        link(3, "ltd", "https://example.com/limited", no, no, "1", no),
        link(4, "old", "https://example.com/old", no, &old, no, no),
        link(5, "later", "https://example.com/later", &later, no, no, no),
        link(6, "multi/seg", "https://example.com/multi", no, no, no, no),
        link(7, "Zz9Yx", "https://example.com/generated", no, no, no, no),
        link(8, "bad", "not a url", no, no, no, no),
        link(9, "own", "https://example.com/on-domain", no, no, no, "1"),
    ];
    let visit = |link: &str, time: &str| {
        format!(
            "('https://ref.example/', {}, null, 'Mozilla/5.0', null, 'valid_short_url', false, \
             null, {link}, null)",
            at(server, time)
        )
    };
    let visits = [
        visit("1", &format!("{d1} 10:00:00")),
        visit("1", &format!("{d1} 11:00:00")),
        visit("1", &format!("{d2} 09:00:00")),
        visit("3", &format!("{d2} 09:00:00")),
        visit("null", &format!("{d2} 09:30:00")),
    ];
    source.run(&[
        "insert into domains (id, authority) values (1, 's.example')".to_owned(),
        format!(
            "insert into short_urls (id, original_url, short_code, date_created, valid_since, \
             valid_until, max_visits, domain_id, forward_query, crawlable, \
             title_was_auto_resolved) values {}",
            links.join(", ")
        ),
        format!(
            "insert into visits (referer, \"date\", remote_addr, user_agent, visited_url, type, \
             potential_bot, redirect_url, short_url_id, visit_location_id) values {}",
            visits.join(", ")
        ),
        format!(
            "update short_urls set title = 'Spring\n  sale {}' where id = 1",
            "!".repeat(300)
        ),
    ]);

    let imported = import(dir.path(), "shlink", &source.url, &[], 6);
    skipped(&imported.out, "abc", "key taken by another link");
    assert!(
        imported.out.contains("skipped \"abc\" (on \"s.example\")"),
        "{}",
        imported.out
    );
    skipped(
        &imported.out,
        "multi/seg",
        "no URL path segment can carry this key",
    );
    skipped(&imported.out, "bad", "target refused");
    let (server, port) = check_links(
        dir.path(),
        &imported,
        &[
            ("abc", Want::To("https://example.com/shlink?x=1")),
            ("ltd", Want::Gone("This link has expired")),
            ("old", Want::Gone("This link has expired")),
            ("later", Want::NotYet("January 1, 2030, 00:00 UTC")),
            ("Zz9Yx", Want::To("https://example.com/generated")),
            ("own", Want::To("https://example.com/on-domain")),
        ],
    );
    let forwarded = send(port, "GET", "/abc?utm_source=poster", &[], "");
    assert_eq!(
        forwarded.header("location"),
        Some("https://example.com/shlink?x=1&utm_source=poster"),
        "Shlink's forward_query is kept"
    );
    let view = owner_view(port, &imported, "abc");
    assert_eq!(view["clicks"], 5, "3 visits there, 2 here");
    let title = format!("Spring sale {}", "!".repeat(188));
    assert_eq!(view["title"], title, "its title, on one line, cut to 200");
    assert_eq!(owner_view(port, &imported, "ltd")["title"], Value::Null);
    assert_eq!(view["created_at"], "2024-01-02T03:04:05Z");
    assert_eq!((clicks_on(&view, &d1), clicks_on(&view, &d2)), (2, 1));
    let limited = owner_view(port, &imported, "ltd");
    assert_eq!(
        (limited["clicks"].as_i64(), limited["max_clicks"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        owner_view(port, &imported, "old")["expires_at"],
        "2025-01-01T00:00:00Z"
    );
    assert_eq!(
        owner_view(port, &imported, "later")["starts_at"],
        "2030-01-01T00:00:00Z",
        "Shlink's valid_since is the start time"
    );
    drop(server);

    import_again(dir.path(), "shlink", &source.url, &[], 6);
}

fn kutt(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let schema = match server {
        Server::Postgres => "kutt.postgres.sql",
        _ => "kutt.sqlite.sql",
    };
    let source = SourceDb::new(server, schema, dir.path(), None);
    let (d1, d2) = (day_ago(3), day_ago(2));
    let created = at(server, "2024-06-01 12:00:00");
    let hash = format!("'{}'", bcrypt::hash("open sesame", 12).unwrap());
    let link = |id: u32,
                key: &str,
                url: &str,
                clicks: u32,
                banned: bool,
                password: &str,
                expires: &str,
                domain: &str| {
        format!("({id}, '{key}', '{url}', {clicks}, {banned}, {password}, {expires}, {domain}, {created})")
    };
    let (no, past, future) = (
        "null",
        at(server, "2025-01-01 00:00:00"),
        at(server, "2030-01-01 00:00:00"),
    );
    let links = [
        link(1, "kutt1", "https://example.com/kutt", 5, false, no, no, no),
        link(
            2,
            "banned",
            "https://example.com/banned",
            0,
            true,
            no,
            no,
            no,
        ),
        link(
            3,
            "secret",
            "https://example.com/secret",
            0,
            false,
            &hash,
            no,
            no,
        ),
        link(
            4,
            "gone",
            "https://example.com/gone",
            0,
            false,
            no,
            &past,
            no,
        ),
        link(
            5,
            "later",
            "https://example.com/later",
            0,
            false,
            no,
            &future,
            no,
        ),
        link(
            6,
            "on-domain",
            "https://example.com/domain",
            0,
            false,
            no,
            no,
            "1",
        ),
        link(7, "a", "https://example.com/a", 0, false, no, no, no),
        link(8, "bad", "javascript:void(0)", 0, false, no, no, no),
        link(
            9,
            "weird",
            "https://example.com/weird",
            0,
            false,
            "'not-a-hash'",
            no,
            no,
        ),
    ];
    let visits = [
        format!("(1, 3, {})", at(server, &format!("{d1} 10:15:00"))),
        format!("(1, 1, {})", at(server, &format!("{d1} 11:20:00"))),
        format!("(1, 1, {})", at(server, &format!("{d2} 08:00:00"))),
    ];
    // Kutt's SQLite rows may hold times as knex writes JavaScript dates: milliseconds.
    let millis = match server {
        Server::Sqlite => "1717243200000",
        _ => "'2024-06-01 12:00:00+00:00'",
    };
    source.run(&[
        "insert into domains (id, address) values (1, 'k.example')".to_owned(),
        format!(
            "insert into links (id, address, target, created_at) \
             values (10, 'millis', 'https://example.com/millis', {millis})"
        ),
        format!(
            "insert into links (id, address, target, visit_count, banned, password, expire_in, \
             domain_id, created_at) values {}",
            links.join(", ")
        ),
        format!(
            "insert into visits (link_id, total, created_at) values {}",
            visits.join(", ")
        ),
        "update links set description = 'From Kutt' where address = 'kutt1'".to_owned(),
    ]);

    let imported = import(dir.path(), "kutt", &source.url, &[], 9);
    skipped(&imported.out, "bad", "target refused");
    assert!(imported.out.contains("kept as it is: \"a\""));
    assert!(imported
        .out
        .contains("note \"weird\": its password's hash is of a kind"));
    let (server, port) = check_links(
        dir.path(),
        &imported,
        &[
            ("kutt1", Want::To("https://example.com/kutt")),
            (
                "banned",
                Want::Gone("Disabled in Kutt before it moved here"),
            ),
            ("gone", Want::Gone("This link has expired")),
            ("later", Want::To("https://example.com/later")),
            ("on-domain", Want::To("https://example.com/domain")),
            ("a", Want::To("https://example.com/a")),
            (
                "weird",
                Want::Gone("Its password could not be carried over"),
            ),
        ],
    );
    assert_eq!(send(port, "GET", "/secret", &[], "").status, 401);
    let json = [
        ("Content-Type", "application/json"),
        ("Accept", "application/json"),
    ];
    let wrong = send(
        port,
        "POST",
        "/secret",
        &json,
        r#"{"password": "open sesame!"}"#,
    );
    assert_eq!(wrong.status, 401);
    let right = send(
        port,
        "POST",
        "/secret",
        &json,
        r#"{"password": "open sesame"}"#,
    );
    assert!(matches!(right.status, 303 | 307), "{}", right.status);
    assert_eq!(right.header("location"), Some("https://example.com/secret"));
    let view = owner_view(port, &imported, "kutt1");
    assert_eq!(view["clicks"], 6);
    assert_eq!(view["title"], "From Kutt", "its description is its title");
    assert_eq!(view["created_at"], "2024-06-01T12:00:00Z");
    assert_eq!((clicks_on(&view, &d1), clicks_on(&view, &d2)), (4, 1));
    assert_eq!(
        owner_view(port, &imported, "later")["expires_at"],
        "2030-01-01T00:00:00Z"
    );
    assert_eq!(
        owner_view(port, &imported, "millis")["created_at"],
        "2024-06-01T12:00:00Z"
    );
    drop(server);

    import_again(dir.path(), "kutt", &source.url, &[], 9);
}

#[test]
fn a_shlink_installation_on_sqlite_moves_here() {
    shlink(Server::Sqlite);
}

#[cfg(postgres_tests)]
#[test]
fn a_shlink_installation_on_postgres_moves_here() {
    shlink(Server::Postgres);
}

#[test]
fn a_kutt_installation_on_sqlite_moves_here_with_its_passwords() {
    kutt(Server::Sqlite);
}

#[cfg(postgres_tests)]
#[test]
fn a_kutt_installation_on_postgres_moves_here_with_its_passwords() {
    kutt(Server::Postgres);
}
