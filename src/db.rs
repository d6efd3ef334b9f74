//! The SQLite pool behind `Db`, with the pragmas every connection needs, and
//! the fairing that applies migrations before the first request.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use rocket::fairing::{self, AdHoc};
use rocket::figment::Figment;
use rocket::{Build, Rocket};
use rocket_db_pools::{Config, Database};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::ConnectOptions;

/// The app's database handle; `Connection<Db>` is a request guard for one pooled connection.
#[derive(Database)]
#[database("links")]
pub struct Db(Pool);

/// A `sqlx::SqlitePool` whose connections all run in WAL mode with foreign keys and a
/// busy timeout (rocket_db_pools' own sqlx pool sets only the busy timeout), and
/// the database file's path, so health checks can see the file itself.
pub struct Pool(pub sqlx::SqlitePool, Option<PathBuf>);

impl Pool {
    /// The database file; `None` for an in-memory database.
    pub fn file(&self) -> Option<&Path> {
        self.1.as_deref()
    }
}

/// How long a writer waits for SQLite's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connection options for a database URL (`shortener.db`, `sqlite://path`, `sqlite::memory:`).
pub fn connect_options(url: &str) -> Result<SqliteConnectOptions, sqlx::Error> {
    Ok(SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .pragma("cache_size", "-4000")
        // Statements are never logged: some carry secret keys as parameters.
        .disable_statement_logging())
}

/// Whether a database URL names an in-memory database (gone with its last connection).
pub fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

#[rocket::async_trait]
impl rocket_db_pools::Pool for Pool {
    type Connection = sqlx::pool::PoolConnection<sqlx::Sqlite>;
    type Error = rocket_db_pools::Error<sqlx::Error>;

    async fn init(figment: &Figment) -> Result<Self, Self::Error> {
        let config = figment.extract::<Config>()?;
        let options = connect_options(&config.url).map_err(rocket_db_pools::Error::Init)?;
        let file =
            (!is_in_memory(&config.url)).then(|| options.clone().get_filename().into_owned());
        SqlitePoolOptions::new()
            .max_connections(config.max_connections as u32)
            .min_connections(config.min_connections.unwrap_or_default())
            .acquire_timeout(Duration::from_secs(config.connect_timeout))
            .idle_timeout(config.idle_timeout.map(Duration::from_secs))
            .connect_with(options)
            .await
            .map(|pool| Pool(pool, file))
            .map_err(rocket_db_pools::Error::Init)
    }

    async fn get(&self) -> Result<Self::Connection, Self::Error> {
        self.0.acquire().await.map_err(rocket_db_pools::Error::Get)
    }

    async fn close(&self) {
        self.0.close().await;
    }
}

/// Applies `migrations/` (embedded at build time) on ignite, so a fresh file is ready to serve.
pub fn migrations() -> AdHoc {
    AdHoc::try_on_ignite("Database migrations", migrate)
}

async fn migrate(rocket: Rocket<Build>) -> fairing::Result {
    let Some(db) = Db::fetch(&rocket) else {
        return Err(rocket);
    };
    match run_migrations(&db.0 .0).await {
        Ok(()) => Ok(rocket),
        Err(e) => {
            rocket::error!("database migrations failed: {e}");
            Err(rocket)
        }
    }
}

/// The SQL migrations, then the one data migration SQL cannot do: hashing secrets
/// stored in the clear by older versions. Safe to run at every start.
pub async fn run_migrations(pool: &sqlx::SqlitePool) -> Result<(), Box<dyn std::error::Error>> {
    sqlx::migrate!().run(pool).await?;
    let mut tx = pool.begin().await?;
    let hashed = crate::links::hash_legacy_secrets(&mut tx).await?;
    tx.commit().await?;
    if hashed > 0 {
        rocket::info!("hashed {hashed} secret keys stored by an older version");
    }
    Ok(())
}
