//! YOURLS 1.10 and Polr 2.3 installations on MariaDB, moved here.

use super::{check_links, clicks_on, import, import_again, owner_view, skipped, Want};
use crate::sources::{day_ago, Server, SourceDb};

#[test]
fn a_yourls_installation_moves_here_with_its_keys_clicks_and_visits() {
    let dir = tempfile::tempdir().unwrap();
    let source = SourceDb::new(Server::MariaDb, "yourls.mysql.sql", dir.path(), None);
    let (d1, d2) = (day_ago(3), day_ago(2));
    let link = |key: &str, url: &str, clicks: u32| {
        let title = if key == "abc" {
            "'A custom one'"
        } else {
            "null"
        };
        format!("('{key}', '{url}', {title}, '2024-03-01 10:00:00', '192.0.2.1', {clicks})")
    };
    let links = [
        link("abc", "https://example.com/custom", 3),
        link("ABC", "https://example.com/upper", 0),
        link("1a", "https://example.com/generated", 1),
        link("Mixed.Case", "https://example.org/odd?q=1", 7),
        link("x~y", "https://example.fr/", 0),
        link("ça", "https://example.fr/accent", 0),
        link("bad", "javascript:alert(1)", 0),
        link("docs", "https://example.com/docs", 0),
        link("loop", "http://127.0.0.1:8000/abc", 0),
    ];
    let visit = |at: &str| format!("('{at}', 'abc', 'direct', 'Mozilla/5.0', '192.0.2.9', 'FR')");
    source.run(&[
        // YOURLS writes UTC wall-clock times in the server's own session zone.
        "set time_zone = @@global.time_zone".to_owned(),
        format!(
            "insert into yourls_url (keyword, url, title, `timestamp`, ip, clicks) values {}",
            links.join(", ")
        ),
        format!(
            "insert into yourls_log (click_time, shorturl, referrer, user_agent, ip_address, \
             country_code) values {}, {}, {}",
            visit(&format!("{d1} 10:00:00")),
            visit(&format!("{d1} 23:59:59")),
            visit(&format!("{d2} 00:00:00")),
        ),
    ]);

    let imported = import(dir.path(), "yourls", &source.url, &[], 5);
    skipped(&imported.out, "bad", "target refused");
    skipped(&imported.out, "loop", "target refused");
    skipped(&imported.out, "docs", "keeps the word for its own pages");
    skipped(
        &imported.out,
        "ça",
        "no URL path segment can carry this key",
    );
    for odd in ["1a", "Mixed.Case", "x~y"] {
        assert!(
            imported.out.contains(&format!("kept as it is: {odd:?}")),
            "{odd} is listed"
        );
    }
    assert!(!imported.out.contains("kept as it is: \"abc\""));
    let (server, port) = check_links(
        dir.path(),
        &imported,
        &[
            ("abc", Want::To("https://example.com/custom")),
            ("ABC", Want::To("https://example.com/upper")),
            ("1a", Want::To("https://example.com/generated")),
            ("Mixed.Case", Want::To("https://example.org/odd?q=1")),
            ("x~y", Want::To("https://example.fr/")),
        ],
    );
    let view = owner_view(port, &imported, "abc");
    assert_eq!(view["clicks"], 4, "3 there and the one just now");
    assert_eq!(view["created_at"], "2024-03-01T10:00:00Z");
    assert_eq!(view["title"], "A custom one");
    assert_eq!(clicks_on(&view, &d1), 2);
    assert_eq!(clicks_on(&view, &d2), 1);
    assert_eq!(owner_view(port, &imported, "Mixed.Case")["clicks"], 8);
    drop(server);

    import_again(dir.path(), "yourls", &source.url, &[], 5);
}

#[test]
fn yourls_tables_are_found_under_the_installations_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let source = SourceDb::new(
        Server::MariaDb,
        "yourls.mysql.sql",
        dir.path(),
        Some("sho_"),
    );
    source.run(&[
        "insert into sho_url (keyword, url, `timestamp`, ip, clicks) \
                  values ('one', 'https://example.com/one', now(), '::1', 0)"
            .to_owned(),
    ]);

    let without = crate::server::run(dir.path(), &["import", "--from", "yourls", &source.url]);
    assert!(!without.status.success());
    let said = String::from_utf8_lossy(&without.stderr);
    assert!(said.contains("cannot read YOURLS tables there"), "{said}");

    let imported = import(dir.path(), "yourls", &source.url, &["--prefix", "sho_"], 1);
    check_links(
        dir.path(),
        &imported,
        &[("one", Want::To("https://example.com/one"))],
    );
}

#[test]
fn a_polr_installation_moves_here_with_its_disabled_links_and_without_its_secret_ones() {
    let dir = tempfile::tempdir().unwrap();
    let source = SourceDb::new(Server::MariaDb, "polr.mysql.sql", dir.path(), None);
    let (d1, d2) = (day_ago(3), day_ago(2));
    let link = |key: &str, url: &str, clicks: u32, secret: &str, disabled: u8, custom: u8| {
        format!(
            "('{key}', '{url}', '192.0.2.1', '', {clicks}, '{secret}', {disabled}, {custom}, 0, \
             '2023-05-01 08:00:00', '2023-05-01 08:00:00', null)"
        )
    };
    let links = [
        link("k3x9", "https://example.com/polr-generated", 2, "", 0, 0),
        link("my-custom", "https://example.com/polr-custom", 0, "", 0, 1),
        link("off", "https://example.com/polr-disabled", 9, "", 1, 1),
        link("hidden", "https://example.com/polr-secret", 0, "ab12", 0, 1),
        link("bad", "ftp://example.com/file", 0, "", 0, 1),
    ];
    let click =
        |at: &str| format!("('192.0.2.9', 'FR', null, null, 'Mozilla/5.0', 1, '{at}', '{at}')");
    source.run(&[
        format!(
            "insert into links (short_url, long_url, ip, creator, clicks, secret_key, \
             is_disabled, is_custom, is_api, created_at, updated_at, long_url_hash) values {}",
            links.join(", ")
        ),
        format!(
            "insert into clicks (ip, country, referer, referer_host, user_agent, link_id, \
             created_at, updated_at) values {}, {}",
            click(&format!("{d1} 12:00:00")),
            click(&format!("{d2} 12:00:00")),
        ),
    ]);

    let imported = import(dir.path(), "polr", &source.url, &[], 3);
    skipped(&imported.out, "hidden", "a Polr secret link");
    skipped(&imported.out, "bad", "target refused");
    let (server, port) = check_links(
        dir.path(),
        &imported,
        &[
            ("k3x9", Want::To("https://example.com/polr-generated")),
            ("my-custom", Want::To("https://example.com/polr-custom")),
            ("off", Want::Gone("Disabled in Polr before it moved here")),
        ],
    );
    let view = owner_view(port, &imported, "k3x9");
    assert_eq!(view["clicks"], 3);
    assert_eq!(view["created_at"], "2023-05-01T08:00:00Z");
    assert_eq!((clicks_on(&view, &d1), clicks_on(&view, &d2)), (1, 1));
    assert_eq!(owner_view(port, &imported, "off")["clicks"], 9);
    drop(server);

    import_again(dir.path(), "polr", &source.url, &[], 3);
}
