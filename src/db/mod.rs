//! The database layer: SQLite (the embedded default) or PostgreSQL (for several
//! instances), chosen by the URL's scheme. Only this module knows which one it is:
//! the link service writes each statement once and runs it through `on_db!`. It
//! knows nothing of links: pools, connections, transactions and SQL migrations.

pub mod files;
pub mod watch;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use rocket::figment::Figment;
use rocket_db_pools::{Config, Database};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, PgConnection, Postgres, Sqlite, SqliteConnection};

/// The app's pool, opened and closed with the server by `rocket_db_pools`; only the
/// link service reads it (`startup` hands it over).
#[derive(Database)]
#[database("links")]
pub struct Db(pub Pool);

/// A pool on either database. SQLite connections run in WAL mode with foreign keys
/// and a busy timeout, and the file is watched (`watch`) so a deleted or read-only
/// file refuses writes rather than losing them.
#[derive(Clone)]
pub enum Pool {
    Sqlite(sqlx::SqlitePool, Option<Arc<watch::FileWatch>>),
    Postgres(sqlx::PgPool),
}

/// One pooled connection of either kind (PostgreSQL's is boxed: it is several times larger).
pub enum Conn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(Box<PoolConnection<Postgres>>),
}

/// An open transaction of either kind; dropped without `commit`, it rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(Box<sqlx::Transaction<'static, Postgres>>),
}

/// A borrowed connection: what `on_db!` matches on to run a statement.
pub enum Handle<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

/// Anything statements can run on: a pooled connection or a transaction. The service
/// takes it as `&mut dyn Exec`, so each statement is compiled once per database.
pub trait Exec: Send {
    /// The connection underneath, for one or more statements.
    fn handle(&mut self) -> Handle<'_>;
}

/// Runs `$body` with `$c` bound to the connection of whichever database `$db` is on:
/// the statement is written once and compiled for both.
macro_rules! on_db {
    ($db:expr, |$c:ident| $body:expr) => {
        match $crate::db::Exec::handle($db) {
            $crate::db::Handle::Sqlite($c) => $body,
            $crate::db::Handle::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_db;

impl Exec for Conn {
    fn handle(&mut self) -> Handle<'_> {
        match self {
            Conn::Sqlite(c) => Handle::Sqlite(c),
            Conn::Postgres(c) => Handle::Postgres(c),
        }
    }
}

impl Exec for Tx {
    fn handle(&mut self) -> Handle<'_> {
        match self {
            Tx::Sqlite(c) => Handle::Sqlite(c),
            Tx::Postgres(c) => Handle::Postgres(c),
        }
    }
}

impl Tx {
    /// Makes the transaction's writes durable and visible.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => (*tx).commit().await,
        }
    }
}

/// How long a writer waits for SQLite's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether a database URL names PostgreSQL (`postgres://` or `postgresql://`).
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres:") || url.starts_with("postgresql:")
}

/// SQLite connection options for a URL (`shortener.db`, `sqlite://path`, `sqlite::memory:`).
pub fn sqlite_options(url: &str) -> Result<SqliteConnectOptions, sqlx::Error> {
    Ok(SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        // SQLite's own page cache, per connection, in KiB: redirects are answered from
        // the app's cache and the file's pages stay in the OS's, so 4 MiB per connection
        // (about 3.4 MB each once a pool of 8 was busy) bought nothing but memory (bench/memory.sh:
        // 256 KiB each).
        .pragma("cache_size", "-256")
        // Statements are never logged: some carry secret keys as parameters.
        .disable_statement_logging())
}

/// Whether a database URL names an in-memory database (gone with its last connection).
pub fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// A database URL fit for messages: a PostgreSQL password is replaced by `***`.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if is_postgres(url) && parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Pool settings for one connection to `url`: operator commands and the last flush.
pub fn single(url: &str) -> Config {
    Config {
        url: url.to_owned(),
        min_connections: None,
        max_connections: 1,
        connect_timeout: 5,
        idle_timeout: None,
        extensions: None,
    }
}

/// Creates a missing database file owner-only (see `files`): SQLite would create it
/// under the umask, usually world-readable, and gives its `-wal` and `-shm` files the
/// database file's mode. An existing file keeps the mode its operator gave it.
fn create_private(file: &Path) -> Result<(), sqlx::Error> {
    match crate::db::files::create_new(file) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(sqlx::Error::Io(e)),
    }
}

/// Whether a SQLite connection going back to the pool is outside any transaction;
/// if not, the pool closes it (which rolls the transaction back).
///
/// SQLite rolls a whole transaction back by itself when a commit (or a statement
/// without a statement journal) fails with a full disk or an I/O error. sqlx does not
/// see that: its `ROLLBACK` then fails, and it goes on counting the connection as one
/// transaction deep, so its next `begin` there is a `SAVEPOINT` and a failed
/// statement under it ends with `ROLLBACK TO`, which leaves SQLite's transaction open.
/// Such a connection, back in the pool, would hold the write lock (every other
/// writer waits, then fails) and turn the next transaction's commit into a mere
/// `RELEASE` inside it: reported written, then lost with the connection. So none
/// goes back: a `BEGIN` fails inside a transaction, and a closed connection is
/// replaced by a fresh one on demand.
async fn outside_transaction(conn: &mut SqliteConnection) -> bool {
    use sqlx::Executor;
    match conn.execute("begin; rollback").await {
        Ok(_) => true,
        Err(e) => {
            rocket::warn!("closed a database connection left inside a transaction ({e})");
            false
        }
    }
}

/// Sets whether `conn` refuses every write (SQLite's `query_only`).
async fn set_query_only(conn: &mut SqliteConnection, on: bool) -> Result<(), sqlx::Error> {
    use sqlx::Executor;
    let pragma = if on {
        "pragma query_only = 1"
    } else {
        "pragma query_only = 0"
    };
    conn.execute(pragma).await.map(|_| ())
}

impl Pool {
    /// Opens a pool on `config.url`; a missing SQLite file is created unless `create` is false.
    pub async fn connect(config: &Config, create: bool) -> Result<Pool, sqlx::Error> {
        let acquire = Duration::from_secs(config.connect_timeout);
        let idle = config.idle_timeout.map(Duration::from_secs);
        let (max, min) = (
            config.max_connections as u32,
            config.min_connections.unwrap_or_default(),
        );
        if is_postgres(&config.url) {
            let options = PgConnectOptions::from_str(&config.url)?.disable_statement_logging();
            let pool = PgPoolOptions::new()
                .max_connections(max)
                .min_connections(min)
                .acquire_timeout(acquire)
                .idle_timeout(idle)
                .connect_with(options)
                .await?;
            return Ok(Pool::Postgres(pool));
        }
        let in_memory = is_in_memory(&config.url);
        let options = sqlite_options(&config.url)?;
        let file = (!in_memory).then(|| options.clone().get_filename().into_owned());
        if let Some(file) = file.as_deref().filter(|_| create) {
            create_private(file)?;
        }
        // Created above if at all: a connection opened after the file was deleted
        // must fail, not start an empty database beside the lost one.
        let options = options.create_if_missing(in_memory && create);
        let watch = file.map(|file| Arc::new(watch::FileWatch::new(&file)));
        let (on_connect, on_acquire) = (watch.clone(), watch.clone());
        let pool = SqlitePoolOptions::new()
            .max_connections(max)
            .min_connections(min)
            .acquire_timeout(acquire)
            .idle_timeout(idle)
            .after_connect(move |conn, _| {
                let refusing = on_connect.as_ref().is_some_and(|w| w.fault().is_some());
                Box::pin(async move {
                    match refusing {
                        true => set_query_only(conn, true).await,
                        false => Ok(()),
                    }
                })
            })
            .before_acquire(move |conn, meta| {
                let watch = on_acquire.clone();
                Box::pin(async move {
                    let Some(watch) = watch else { return Ok(true) };
                    if watch.fault().is_some() {
                        set_query_only(conn, true).await?;
                        return Ok(true);
                    }
                    // Possibly still `query_only` from the fault: replaced, not reused.
                    Ok(!watch.predates_recovery(meta.age))
                })
            })
            .after_release(|conn, _| Box::pin(async move { Ok(outside_transaction(conn).await) }))
            .connect_with(options)
            .await?;
        Ok(Pool::Sqlite(pool, watch))
    }

    /// The database file; `None` for PostgreSQL and in-memory SQLite.
    pub fn file(&self) -> Option<&Path> {
        self.watch().map(|watch| watch.path())
    }

    /// The watch on the database file; `None` for PostgreSQL and in-memory SQLite.
    pub fn watch(&self) -> Option<&watch::FileWatch> {
        match self {
            Pool::Sqlite(_, watch) => watch.as_deref(),
            Pool::Postgres(_) => None,
        }
    }

    /// Whether this is PostgreSQL, for the few operations only one database has.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Pool::Postgres(_))
    }

    /// One connection from the pool.
    pub async fn acquire(&self) -> Result<Conn, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(pool, _) => Conn::Sqlite(pool.acquire().await?),
            Pool::Postgres(pool) => Conn::Postgres(Box::new(pool.acquire().await?)),
        })
    }

    /// A transaction on one connection from the pool.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(pool, _) => Tx::Sqlite(pool.begin().await?),
            Pool::Postgres(pool) => Tx::Postgres(Box::new(pool.begin().await?)),
        })
    }

    /// Waits for connections in use, then closes them all.
    pub async fn close(&self) {
        match self {
            Pool::Sqlite(pool, _) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }

    /// The SQL migrations of this database (embedded at build time). Safe to run at
    /// every start, and by several instances at once (sqlx takes a lock).
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Pool::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(pool).await,
            Pool::Sqlite(pool, _) => sqlx::migrate!("migrations/sqlite").run(pool).await,
        }
    }
}

#[rocket::async_trait]
impl rocket_db_pools::Pool for Pool {
    type Connection = Conn;
    type Error = rocket_db_pools::Error<sqlx::Error>;

    async fn init(figment: &Figment) -> Result<Self, Self::Error> {
        let config = figment.extract::<Config>()?;
        Pool::connect(&config, true)
            .await
            .map_err(rocket_db_pools::Error::Init)
    }

    async fn get(&self) -> Result<Self::Connection, Self::Error> {
        self.acquire().await.map_err(rocket_db_pools::Error::Get)
    }

    async fn close(&self) {
        Pool::close(self).await;
    }
}
