//! Hooks for the integration tests, which reach the app only through `build` and
//! these: the clock, the click flush, and SQLite's own settings.

use rocket::{Phase, Rocket};
use time::OffsetDateTime;

use crate::service::Links;

fn links<P: Phase>(rocket: &Rocket<P>) -> &Links {
    rocket
        .state::<Links>()
        .expect("the link service is managed")
}

/// Stops the app's clock at `at` (`None`: lets it run again), so clicks land on
/// chosen days and links expire without waiting.
pub fn set_clock<P: Phase>(rocket: &Rocket<P>, at: Option<OffsetDateTime>) {
    links(rocket).clock().set(at);
}

/// Writes pending clicks now, as the once-a-second flush would; how many. It uses a
/// connection of its own, so it may run on any runtime (the blocking test client's
/// pool belongs to the client's).
pub async fn flush_clicks<P: Phase>(rocket: &Rocket<P>) -> Result<usize, String> {
    let url: String = rocket
        .figment()
        .extract_inner("databases.links.url")
        .map_err(|e| e.to_string())?;
    links(rocket).flush_on_own_connection(&url).await
}

/// The app's SQLite pool (`None` on PostgreSQL), to read its connections' pragmas.
pub fn sqlite_pool<P: Phase>(rocket: &Rocket<P>) -> Option<sqlx::SqlitePool> {
    match links(rocket).pool() {
        crate::db::Pool::Sqlite(pool, _) => Some(pool.clone()),
        crate::db::Pool::Postgres(_) => None,
    }
}

/// The connection options the app uses for a SQLite file, to make one as it would.
pub fn sqlite_options(url: &str) -> Result<sqlx::sqlite::SqliteConnectOptions, sqlx::Error> {
    crate::db::sqlite_options(url)
}

/// The methods each path shape accepts (`405` answers), to check against the routes.
pub fn allowed_methods(path: &str) -> Option<&'static str> {
    crate::web::allowed_methods(path)
}
