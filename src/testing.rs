//! Hooks for the integration tests, which reach the app only through `build` and
//! these: the clock, the click flush, SQLite's own settings, and the operator's
//! moderation secret and creator tokens.

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

/// The operators' door on the app's database, on a pool of its own (as `shortener`'s
/// commands open it), so it may run on any runtime.
async fn operator<P: Phase>(rocket: &Rocket<P>) -> crate::service::Installation {
    let url: String = rocket
        .figment()
        .extract_inner("databases.links.url")
        .expect("a database URL");
    crate::service::Installation::open(&url, false)
        .await
        .expect("the database opens")
}

/// A new moderation secret, as `shortener moderation-url` makes one.
pub async fn moderation_secret<P: Phase>(rocket: &Rocket<P>) -> String {
    let secret = operator(rocket).await.new_moderation_secret().await;
    secret.expect("stored").as_str().to_owned()
}

/// A new creator token (its id and the token), as `shortener tokens create` makes one.
pub async fn creator_token<P: Phase>(rocket: &Rocket<P>, note: &str) -> (i64, String) {
    let (id, token) = operator(rocket)
        .await
        .new_token(note)
        .await
        .expect("stored");
    (id, token.as_str().to_owned())
}

/// Revokes a creator token, as `shortener tokens revoke` does; the links disabled.
pub async fn revoke_token<P: Phase>(rocket: &Rocket<P>, id: i64, disable_links: bool) -> u64 {
    let links = operator(rocket).await;
    links
        .revoke_token(id, disable_links)
        .await
        .expect("revoked")
}

/// The columns of `link` that storing a link writes, those left to their declared
/// defaults, and those some statement reads: to hold against the table itself.
pub fn link_columns() -> (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>) {
    use crate::service::store::row;
    (
        row::WRITTEN.to_vec(),
        row::DEFAULTED.to_vec(),
        row::read_columns(),
    )
}
