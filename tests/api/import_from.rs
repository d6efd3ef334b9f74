//! `shortener import --from`, against real databases of the other shorteners, built
//! from their own schemas (`tests/sources/`): YOURLS and Polr on MariaDB, Shlink and
//! Kutt on PostgreSQL and SQLite. Each test fills the source with links of every
//! kind it has, imports (a dry run first), and checks every link through the
//! running app, the admin URLs from the CSV file, the collection and the report;
//! then imports again, which changes nothing.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::helpers::query_scalar;
use crate::server::{free_port, run, send, stdout, Server};

/// What a link must do after the import.
pub enum Want {
    /// 307 to this target.
    To(&'static str),
    /// 410 (expired, used up or disabled), with this in the page.
    Gone(&'static str),
    /// 404: not live yet, with this (when it goes live) in the page.
    NotYet(&'static str),
}

/// What an import printed and wrote.
pub struct Imported {
    pub out: String,
    /// Key → admin path, from the CSV file.
    pub admin: HashMap<String, String>,
    pub collection: String,
}

/// Imports `url` from `source` into the app in `dir`: a dry run first (which must
/// store nothing), then the import, into a collection.
pub fn import(dir: &Path, source: &str, url: &str, extra: &[&str], arrive: usize) -> Imported {
    let mut args = vec!["import", "--from", source, url];
    args.extend_from_slice(extra);
    let dry: Vec<&str> = args.iter().copied().chain(["--dry-run"]).collect();
    let out = stdout(&run(dir, &dry));
    assert!(
        out.contains(&format!(
            "dry run, nothing written: would import {arrive} links"
        )),
        "{out}"
    );
    assert_eq!(links_here(dir), 0, "a dry run stores nothing");
    assert!(!has_csv(dir), "a dry run writes no admin URLs");

    let csv = dir.join("admin-urls.csv");
    let csv_arg = csv.to_str().unwrap();
    args.extend_from_slice(&["--admin-urls", csv_arg, "--collection", "Moved here"]);
    let out = stdout(&run(dir, &args));
    assert!(
        out.contains(&format!("imported {arrive} links from")),
        "{out}"
    );
    assert_eq!(links_here(dir), arrive as i64);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&csv).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o777,
        0o600,
        "only the operator reads the admin URLs"
    );
    let mut admin = HashMap::new();
    let mut rows = csv::Reader::from_path(&csv).unwrap();
    for row in rows.records() {
        let row = row.unwrap();
        assert!(row[1].ends_with(&format!("/{}", &row[0])), "{row:?}");
        let path = row[2].split("8000").nth(1).unwrap().to_owned();
        admin.insert(row[0].to_owned(), path);
    }
    assert_eq!(admin.len(), arrive);
    let collection = out
        .lines()
        .find_map(|l| l.strip_prefix("collection: "))
        .and_then(|l| l.split("8000").nth(1))
        .and_then(|l| l.split(' ').next())
        .expect("the collection's URL is printed")
        .to_owned();
    Imported {
        out,
        admin,
        collection,
    }
}

/// Imports again: nothing new arrives and nothing stored changes.
pub fn import_again(dir: &Path, source: &str, url: &str, extra: &[&str], arrived: usize) {
    let before: i64 = query_scalar(
        &dir.join("shortener.db"),
        "select cast(sum(clicks) as bigint) from link",
    );
    let mut args = vec!["import", "--from", source, url];
    args.extend_from_slice(extra);
    let again = dir.join("again.csv");
    args.extend_from_slice(&["--admin-urls", again.to_str().unwrap()]);
    let out = stdout(&run(dir, &args));
    assert!(out.contains("imported 0 links"), "{out}");
    assert!(out.contains(&format!("{arrived} already here")), "{out}");
    assert_eq!(links_here(dir), arrived as i64);
    let after: i64 = query_scalar(
        &dir.join("shortener.db"),
        "select cast(sum(clicks) as bigint) from link",
    );
    assert_eq!(after, before);
    assert!(!again.exists(), "no admin URLs when nothing arrived");
}

/// The report names each skipped link with its reason.
pub fn skipped(out: &str, key: &str, reason: &str) {
    let line = format!("skipped {key:?}");
    assert!(
        out.lines()
            .any(|l| l.starts_with(&line) && l.contains(reason)),
        "{key} not skipped for {reason:?}:\n{out}"
    );
}

/// Starts the app on the imported database and checks each link's answer.
pub fn check_links(dir: &Path, imported: &Imported, wants: &[(&str, Want)]) -> (Server, u16) {
    let port = free_port();
    let server = Server::start(dir, port, &[]);
    for (key, want) in wants {
        let reply = send(port, "GET", &format!("/{key}"), &[], "");
        match want {
            Want::To(target) => {
                assert_eq!(reply.status, 307, "{key}: {}", reply.body);
                assert_eq!(reply.header("location"), Some(*target), "{key}");
            }
            Want::Gone(why) => {
                assert_eq!(reply.status, 410, "{key}");
                assert!(reply.body.contains(why), "{key}: {}", reply.body);
            }
            Want::NotYet(when) => {
                assert_eq!(reply.status, 404, "{key}: {}", reply.body);
                assert!(reply.body.contains("not live yet"), "{key}: {}", reply.body);
                assert!(reply.body.contains(when), "{key}: {}", reply.body);
            }
        }
        assert!(imported.admin.contains_key(*key), "{key} has an admin URL");
    }
    let listed = json(port, &imported.collection);
    assert_eq!(listed["name"], "Moved here");
    assert_eq!(
        listed["links"].as_array().unwrap().len(),
        imported.admin.len(),
        "every imported link is in the collection"
    );
    (server, port)
}

/// The owner's view of `key`, from its admin URL in the CSV file.
pub fn owner_view(port: u16, imported: &Imported, key: &str) -> Value {
    json(port, &imported.admin[key])
}

/// A day's clicks in an owner's view.
pub fn clicks_on(view: &Value, day: &str) -> i64 {
    view["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["day"] == day)
        .map_or(0, |d| d["clicks"].as_i64().unwrap())
}

fn json(port: u16, path: &str) -> Value {
    let reply = send(port, "GET", path, &[("Accept", "application/json")], "");
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

fn links_here(dir: &Path) -> i64 {
    query_scalar(&dir.join("shortener.db"), "select count(*) from link")
}

fn has_csv(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .unwrap()
        .any(|e| e.unwrap().path().extension().is_some_and(|x| x == "csv"))
}

// YOURLS and Polr.
#[cfg(mariadb_tests)]
#[path = "import_from_mariadb.rs"]
mod mariadb;

// Shlink and Kutt.
#[path = "import_from_shlink_kutt.rs"]
mod shlink_kutt;

// What it refuses.
#[path = "import_from_hostile.rs"]
mod hostile;
