//! Other shorteners' databases for the `import --from` tests, built from each
//! project's own schema (`tests/sources/*.sql`, one file per project and database,
//! each naming the version it was read from): a MariaDB database, a PostgreSQL
//! schema or an SQLite file of the test's own, dropped when the test ends.

// Without MariaDB (or PostgreSQL) some of these are not used (build.rs).
#![allow(dead_code)]

use std::path::Path;

use crate::backend::{block_on, run_sql, server_url, with_search_path};

/// Where a source database lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    MariaDb,
    Postgres,
    Sqlite,
}

/// One source database, with the URL `import --from` is given.
pub struct SourceDb {
    pub url: String,
    server: Server,
    name: String,
}

/// The MariaDB server the tests use (`SHORTENER_TEST_MARIADB`).
fn mariadb_url() -> String {
    std::env::var("SHORTENER_TEST_MARIADB")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".to_owned())
}

impl SourceDb {
    /// A new database on `server` (an SQLite file in `dir`), with the tables
    /// `schema` (a file under `tests/sources/`) creates, `prefix` instead of the
    /// file's `yourls_` where given.
    pub fn new(server: Server, schema: &str, dir: &Path, prefix: Option<&str>) -> SourceDb {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "import_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let url = match server {
            Server::MariaDb => {
                exec(&mariadb_url(), vec![format!("create database {name}")]);
                format!("{}/{name}", mariadb_url())
            }
            Server::Postgres => {
                run_sql(&format!("create schema {name}"));
                with_search_path(&server_url(), &name)
            }
            Server::Sqlite => format!("sqlite://{}", dir.join(format!("{name}.db")).display()),
        };
        let db = SourceDb { url, server, name };
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/sources")
            .join(schema);
        let mut sql = std::fs::read_to_string(&path).expect("the schema file");
        if let Some(prefix) = prefix {
            sql = sql.replace("yourls_", prefix);
        }
        db.run(&statements(&sql));
        db
    }

    /// Runs each statement, in order, on this database.
    pub fn run(&self, statements: &[String]) {
        let url = match self.server {
            Server::Sqlite => format!("{}?mode=rwc", self.url),
            _ => self.url.clone(),
        };
        exec(&url, statements.to_vec());
    }
}

impl Drop for SourceDb {
    fn drop(&mut self) {
        match self.server {
            Server::MariaDb => exec(&mariadb_url(), vec![format!("drop database {}", self.name)]),
            Server::Postgres => run_sql(&format!("drop schema {} cascade", self.name)),
            Server::Sqlite => {}
        }
    }
}

/// The statements of a schema file: whole-line `--` comments dropped, split where
/// a line ends in `;` (the files keep to that).
pub fn statements(sql: &str) -> Vec<String> {
    let lines: Vec<&str> = sql
        .lines()
        .filter(|line| !line.trim_start().starts_with("--"))
        .collect();
    lines
        .join("\n")
        .split(";\n")
        .map(|s| s.trim().trim_end_matches(';').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn exec(url: &str, statements: Vec<String>) {
    let url = url.to_owned();
    block_on(async move {
        use sqlx::{Connection, Executor};
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot reach the source database: {e}"));
        for statement in &statements {
            conn.execute(statement.as_str())
                .await
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
        conn.close().await.unwrap();
    });
}

/// The UTC day `days_ago` days before today, `YYYY-MM-DD`, for visits the admin
/// page's default window shows.
pub fn day_ago(days_ago: i64) -> String {
    let day = time::OffsetDateTime::now_utc().date() - time::Duration::days(days_ago);
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}
