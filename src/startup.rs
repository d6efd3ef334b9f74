//! Where the app is assembled, in order: settings, the database pool and its
//! migrations, the link service, then the web layer (fairings, routes, catchers).

use std::sync::Arc;

use rocket::fairing::{self, AdHoc};
use rocket::figment::providers::{Env, Format, Toml};
use rocket::figment::{Figment, Profile};
use rocket::{Build, Ignite, Orbit, Rocket};
use rocket_db_pools::Database;

use crate::db::Db;
use crate::metrics::Metrics;
use crate::secret_files::SecretFiles;
use crate::service::{self, Links};
use crate::settings::Settings;
use crate::web;
use crate::web::metrics::Meter;

/// Every setting's default: `Rocket.toml` as it was when the binary was built.
const DEFAULTS: &str = include_str!("../Rocket.toml");

/// The compiled-in defaults alone, for the selected profile.
pub fn defaults() -> Figment {
    Figment::from(rocket::Config::default())
        .merge(Toml::string(DEFAULTS).nested())
        .select(profile())
}

fn profile() -> Profile {
    Profile::from_env_or("ROCKET_PROFILE", rocket::Config::DEFAULT_PROFILE)
}

/// Rocket's configuration sources (`Rocket.toml`, then `ROCKET_*` variables, and
/// `ROCKET_*_FILE` files in their place) over the compiled-in defaults, so the binary
/// behaves the same when run away from its `Rocket.toml`. Every command reads this one.
pub fn figment() -> Figment {
    let variables = Env::prefixed("ROCKET_")
        .ignore(&["PROFILE"])
        .filter(|key| SecretFiles::setting_of(&format!("ROCKET_{key}")).is_none())
        .global();
    defaults()
        .merge(Toml::file(Env::var_or("ROCKET_CONFIG", "Rocket.toml")).nested())
        .merge(variables)
        .merge(SecretFiles::from_env())
        .select(profile())
}

/// The whole app, built from `figment`, so tests can give it their own database.
pub fn build(figment: Figment) -> Rocket<Build> {
    rocket::custom(figment)
        .attach(AdHoc::try_on_ignite("Settings", settings))
        .attach(Db::init())
        .attach(AdHoc::try_on_ignite("Link service", link_service))
        .attach(web::headers::shield())
        .attach(web::headers::Headers)
        .attach(Meter)
        .attach(web::access::AccessLog)
        .attach(web::connections::watch())
        .attach(AdHoc::on_liftoff("Background work", |rocket| {
            Box::pin(background(rocket))
        }))
        .mount("/", web::routes())
        .register("/", web::catchers())
}

/// Reads and checks the settings (a bad value stops the launch with a clear message).
async fn settings(rocket: Rocket<Build>) -> fairing::Result {
    match Settings::from_figment(rocket.figment()) {
        Ok(settings) => Ok(rocket.manage(settings)),
        Err(e) => {
            rocket::error!("invalid configuration: {e}");
            Err(rocket)
        }
    }
}

/// Migrates the database `Db::init` opened, and starts the link service on it.
async fn link_service(rocket: Rocket<Build>) -> fairing::Result {
    let (Some(db), Some(settings)) = (Db::fetch(&rocket), rocket.state::<Settings>()) else {
        return Err(rocket);
    };
    let pool = db.0.clone();
    if let Err(e) = service::migrate(&pool).await {
        rocket::error!("database migrations failed: {e}");
        return Err(rocket);
    }
    let metrics = match Metrics::new() {
        Ok(metrics) => Arc::new(metrics),
        Err(e) => {
            rocket::error!("metrics could not be registered: {e}");
            return Err(rocket);
        }
    };
    match Links::start(pool, settings, metrics.clone()) {
        Ok(links) => Ok(rocket.manage(links).manage(metrics)),
        Err(e) => {
            rocket::error!("invalid configuration: {e}");
            Err(rocket)
        }
    }
}

/// Once the server listens: the service's background work (started before the first
/// request is served), then the line that says where the app serves.
async fn background(rocket: &Rocket<Orbit>) {
    if let Some(links) = rocket.state::<Links>() {
        links.run_in_background(rocket.shutdown()).await;
    }
    if let Some(s) = rocket.state::<Settings>() {
        crate::ops::logging::notice(&format!(
            "shortener: '{}' environment, links on {}",
            s.env_name, s.base_url
        ));
    }
}

/// After the server stopped (every request finished): writes the clicks still
/// pending, on a fresh connection; how many. `Err` (logged with the clicks lost)
/// when they cannot be written.
pub async fn finish(rocket: &Rocket<Ignite>) -> Result<usize, String> {
    let Some(links) = rocket.state::<Links>() else {
        return Ok(0);
    };
    let url: String = rocket
        .figment()
        .extract_inner("databases.links.url")
        .map_err(|e| e.to_string())?;
    links.write_last_clicks(&url).await
}
