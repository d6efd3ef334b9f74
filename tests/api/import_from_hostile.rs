//! What `import --from` refuses: URLs and prefixes that are not what they claim, keys
//! and targets no link may have, an admin URLs file that exists; and that the
//! source is only read.

use std::path::Path;

use super::{check_links, import, skipped, Want};
use crate::server::{run, stdout};
use crate::sources::{Server, SourceDb};

fn refused(dir: &Path, args: &[&str], why: &str) {
    let out = run(dir, args);
    assert!(!out.status.success(), "{args:?} succeeded");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(why), "{args:?}: {said}");
}

#[test]
fn hostile_sources_are_refused_with_a_reason_and_the_source_is_only_read() {
    let dir = tempfile::tempdir().unwrap();
    let source = SourceDb::new(Server::Sqlite, "shlink.sqlite.sql", dir.path(), None);
    let long_key = "k".repeat(300);
    let long_target = format!("https://example.com/{}", "a".repeat(3000));
    let row =
        |id: u32, key: &str, url: &str| format!("({id}, '{url}', '{key}', '2024-01-02 03:04:05')");
    source.run(&[format!(
        "insert into short_urls (id, original_url, short_code, date_created) values {}",
        [
            row(1, "fine", "https://example.com/fine"),
            row(2, &long_key, "https://example.com/long-key"),
            row(3, "bell\u{7}", "https://example.com/control"),
            row(4, "huge", &long_target),
            row(5, "null-host", "http://"),
            row(6, "Stats", "https://example.com/stats"),
            row(7, "a?b", "https://example.com/query"),
        ]
        .join(", ")
    )]);

    refused(
        dir.path(),
        &["import", "--from", "shlink", "/etc/passwd"],
        "is not a database URL",
    );
    refused(
        dir.path(),
        &[
            "import",
            "--from",
            "shlink",
            &source.url,
            "--prefix",
            "x; drop table link",
        ],
        "is not a table prefix",
    );
    // A URL asking to create or write the source is opened read-only all the same.
    let missing = dir.path().join("missing.db");
    let rwc = format!("sqlite://{}?mode=rwc", missing.display());
    refused(
        dir.path(),
        &["import", "--from", "shlink", &rwc],
        "cannot open",
    );
    assert!(
        !missing.exists(),
        "nothing is created where the source should be"
    );
    refused(
        dir.path(),
        &["import", "--from", "kutt", &source.url],
        "cannot read Kutt tables there",
    );
    std::fs::create_dir(dir.path().join("mine")).unwrap();
    let taken = dir.path().join("mine/taken.csv");
    std::fs::write(&taken, "mine").unwrap();
    let taken_arg = taken.to_str().unwrap();
    refused(
        dir.path(),
        &[
            "import",
            "--from",
            "shlink",
            &source.url,
            "--admin-urls",
            taken_arg,
        ],
        "already exists",
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");

    let imported = import(dir.path(), "shlink", &source.url, &[], 1);
    skipped(&imported.out, &long_key, "1 to 255 bytes");
    skipped(&imported.out, "bell\u{7}", "no URL path segment");
    skipped(&imported.out, "huge", "target refused");
    skipped(&imported.out, "null-host", "target refused");
    skipped(&imported.out, "Stats", "own pages");
    skipped(&imported.out, "a?b", "no URL path segment");
    assert!(
        imported
            .out
            .contains("skipped 6: 4 key not servable here, 2 target refused"),
        "{}",
        imported.out
    );
    check_links(
        dir.path(),
        &imported,
        &[("fine", Want::To("https://example.com/fine"))],
    );
}

#[test]
fn the_admin_urls_go_to_a_new_file_of_their_own_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let source = SourceDb::new(Server::Sqlite, "kutt.sqlite.sql", dir.path(), None);
    source.run(&["insert into links (address, target) values \
                  ('one', 'https://example.com/one'), ('x.y', 'https://example.com/xy')"
        .to_owned()]);

    let out = stdout(&run(dir.path(), &["import", "--from", "kutt", &source.url]));
    let named: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("kutt-admin-urls-") && name.ends_with(".csv")
        })
        .collect();
    assert_eq!(named.len(), 1, "{out}");
    let name = named[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(out.contains(&name), "its name is printed: {out}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&named[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let csv = std::fs::read_to_string(&named[0]).unwrap();
    assert!(
        csv.starts_with(
            "key,short_url,admin_url\none,http://127.0.0.1:8000/one,http://127.0.0.1:8000/admin/"
        ),
        "{csv}"
    );

    // A kept key moves on with this app's own export and import.
    stdout(&run(dir.path(), &["export", "-o", "all.json"]));
    let next = tempfile::tempdir().unwrap();
    let file = dir.path().join("all.json");
    let out = stdout(&run(next.path(), &["import", file.to_str().unwrap()]));
    assert!(out.contains("imported 2 links"), "{out}");
    let port = crate::server::free_port();
    let _server = crate::server::Server::start(next.path(), port, &[]);
    let reply = crate::server::send(port, "GET", "/x.y", &[], "");
    assert_eq!(reply.header("location"), Some("https://example.com/xy"));
}

#[test]
fn a_source_row_whose_long_url_is_not_utf8_is_skipped_and_named_not_the_whole_import() {
    let dir = tempfile::tempdir().unwrap();
    let source = SourceDb::new(Server::Sqlite, "shlink.sqlite.sql", dir.path(), None);
    // SQLite keeps whatever bytes it is given as text: `https://` then 0xFF.
    source.run(&[
        "insert into short_urls (id, original_url, short_code, date_created) values \
         (1, 'https://example.com/before', 'before', '2024-01-02 03:04:05'), \
         (2, cast(x'68747470733a2f2fff' as text), 'bytes', '2024-01-02 03:04:05'), \
         (3, 'https://example.com/after', 'after', '2024-01-02 03:04:05')"
            .to_owned(),
    ]);

    let imported = import(dir.path(), "shlink", &source.url, &[], 2);
    skipped(&imported.out, "bytes", "its target URL is not UTF-8 text");
    check_links(
        dir.path(),
        &imported,
        &[
            ("before", Want::To("https://example.com/before")),
            ("after", Want::To("https://example.com/after")),
        ],
    );
}
