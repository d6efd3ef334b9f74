//! Which database a test runs on: the run's (`SHORTENER_TEST_DATABASE`: unset or
//! `sqlite` for SQLite, a `postgres://` URL for that server), except in `sqlite::` and
//! `postgres::`, whose tests need their own. Every helper then builds its app, binary
//! or query on that database.
//!
//! On SQLite a test's database is a file in its temp dir. On PostgreSQL it is a
//! schema of its own, named after that file's path (so a test that restarts on "the
//! same file" finds its data again).

use std::cell::Cell;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

thread_local! {
    /// A database this thread's helpers use instead, for a while (`with`).
    static OVERRIDE: Cell<Option<Backend>> = const { Cell::new(None) };
}

/// The database of the test running on this thread. A server that does not answer
/// fails the test rather than letting it pass without having run.
pub fn current() -> Backend {
    let backend = OVERRIDE
        .with(Cell::get)
        .or_else(by_module)
        .unwrap_or_else(this_run);
    if backend == Backend::Postgres {
        assert!(
            postgres_ready(),
            "no PostgreSQL server answers at {}",
            server_url()
        );
    }
    backend
}

/// The database a test's module needs, read from its thread's name (the test's path):
/// `sqlite::` and `postgres::` whatever the run.
fn by_module() -> Option<Backend> {
    let thread = std::thread::current();
    let name = thread.name()?;
    if name.starts_with("sqlite::") {
        Some(Backend::Sqlite)
    } else if name.starts_with("postgres::") {
        Some(Backend::Postgres)
    } else {
        None
    }
}

/// The run's database, said once on the terminal.
fn this_run() -> Backend {
    static RUN: OnceLock<Backend> = OnceLock::new();
    *RUN.get_or_init(|| {
        let backend = match std::env::var("SHORTENER_TEST_DATABASE") {
            Ok(url) if url.starts_with("postgres") => Backend::Postgres,
            Ok(name) if name.is_empty() || name == "sqlite" => Backend::Sqlite,
            Err(_) => Backend::Sqlite,
            Ok(other) => {
                panic!("SHORTENER_TEST_DATABASE is `sqlite` or a postgres:// URL, not `{other}`")
            }
        };
        match backend {
            Backend::Postgres => say(&format!("the suite runs on PostgreSQL at {}", server_url())),
            Backend::Sqlite => say("the suite runs on SQLite; to run it on PostgreSQL: \
                 SHORTENER_TEST_DATABASE=postgres://postgres@127.0.0.1:5432/postgres \
                 cargo test --test api"),
        }
        backend
    })
}

/// Prints `line` on the terminal even from a passing test (the test harness keeps what
/// `eprintln!` writes, and shows it only for failures).
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Whether this thread's test is on SQLite, for the few checks only a file allows.
pub fn on_sqlite() -> bool {
    current() == Backend::Sqlite
}

/// Runs `f` with this thread's helpers on `backend`, then puts them back.
pub fn with<T>(backend: Backend, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|current| current.replace(Some(backend)));
    let out = f();
    OVERRIDE.with(|current| current.set(before));
    out
}

/// The PostgreSQL server the tests use: the run's (`SHORTENER_TEST_DATABASE`), else
/// `SHORTENER_TEST_POSTGRES`, else the local default.
pub fn server_url() -> String {
    std::env::var("SHORTENER_TEST_DATABASE")
        .ok()
        .filter(|url| url.starts_with("postgres"))
        .or_else(|| std::env::var("SHORTENER_TEST_POSTGRES").ok())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// The database URL for the test database "at" `file`: the file itself on SQLite,
/// a schema named after it on PostgreSQL (created on first use).
pub fn database_url(file: &Path) -> String {
    match current() {
        Backend::Sqlite => file.to_str().expect("utf-8 temp path").to_owned(),
        Backend::Postgres => {
            let schema = schema_for(file);
            run_sql(&format!("create schema if not exists {schema}"));
            with_search_path(&server_url(), &schema)
        }
    }
}

/// `url` with every connection's `search_path` set to `schema`.
pub fn with_search_path(url: &str, schema: &str) -> String {
    let joiner = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joiner}options=-c%20search_path%3D{schema}")
}

/// One value from a query on the test database at `file`, over a connection of the test's own.
pub fn query_scalar<T>(file: &Path, sql: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin + 'static,
{
    let url = match current() {
        Backend::Sqlite => format!("sqlite://{}", file.display()),
        Backend::Postgres => database_url(file),
    };
    let sql = sql.to_owned();
    block_on(async move {
        use sqlx::Connection;
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        let value = sqlx::query_scalar(&sql).fetch_one(&mut conn).await.unwrap();
        conn.close().await.unwrap();
        value
    })
}

/// Runs `sql` (one statement) on the test database at `file`, over a connection of the test's own.
pub fn execute(file: &Path, sql: &str) {
    let url = match current() {
        Backend::Sqlite => format!("sqlite://{}", file.display()),
        Backend::Postgres => database_url(file),
    };
    let sql = sql.to_owned();
    block_on(async move {
        use sqlx::Connection;
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    })
}

/// A schema name for `file`, unique to this test process so parallel runs never meet.
fn schema_for(file: &Path) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    file.hash(&mut hasher);
    format!(
        "{SCHEMA_PREFIX}{}_{:016x}",
        std::process::id(),
        hasher.finish()
    )
}

/// Whether the PostgreSQL server answers; asked once per test process, which also
/// drops the schemas that earlier test processes (now gone) left behind.
fn postgres_ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| {
        let url = server_url();
        let connected = block_on(async move {
            use sqlx::Connection;
            let connect = sqlx::PgConnection::connect(&url);
            matches!(
                rocket::tokio::time::timeout(Duration::from_secs(3), connect).await,
                Ok(Ok(_))
            )
        });
        if connected {
            drop_stale_schemas();
        }
        connected
    })
}

/// Every test schema starts so; nothing else on the server is ever dropped.
const SCHEMA_PREFIX: &str = "shortener_test_";

/// Drops the test schemas whose process is gone; a schema whose name does not parse
/// as `SCHEMA_PREFIX<pid>_<hash>` is left alone.
fn drop_stale_schemas() {
    let url = server_url();
    let names: Vec<String> = block_on(async move {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query_scalar("select nspname::text from pg_namespace")
            .fetch_all(&mut conn)
            .await
            .unwrap()
    });
    for name in names {
        let pid = name
            .strip_prefix(SCHEMA_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !Path::new("/proc").join(pid.to_string()).exists()) {
            run_sql(&format!("drop schema if exists {name} cascade"));
        }
    }
}

/// Runs one statement on the server, outside any test schema.
pub fn run_sql(sql: &str) {
    let (url, sql) = (server_url(), sql.to_owned());
    block_on(async move {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    });
}

/// Runs `future` to the end on a runtime of its own, on a thread of its own, so
/// synchronous helpers work inside async tests too.
pub fn block_on<T: Send + 'static>(
    future: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    std::thread::spawn(move || {
        sqlx::any::install_default_drivers();
        rocket::tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    })
    .join()
    .expect("database helper")
}
