//! A URL shortener: HTML forms for people and the same routes as a JSON API for
//! programs, on an embedded SQLite database (or PostgreSQL, for several instances).

use rocket::figment::providers::{Env, Format, Toml};
use rocket::figment::{Figment, Profile};
use rocket::{Build, Rocket};
use rocket_db_pools::Database;

pub mod batch;
pub mod brake;
pub mod cache;
pub mod chart;
pub mod check;
pub mod cli;
pub mod clicks;
pub mod clock;
pub mod config;
pub mod connections;
pub mod db;
pub mod error;
pub mod files;
pub mod headers;
pub mod jobs;
pub mod keys;
pub mod limit;
pub mod links;
pub mod logging;
pub mod metrics;
pub mod negotiate;
pub mod origin;
pub mod password;
pub mod qr;
pub mod routes;
pub mod stats;
pub mod target;
pub mod transfer;
pub mod visit;

/// Rocket's configuration sources (`Rocket.toml`, then `ROCKET_*` variables) over
/// this app's defaults, so the binary behaves the same when run away from its `Rocket.toml`.
pub fn figment() -> Figment {
    Figment::from(rocket::Config::default())
        .merge(("log_level", "critical"))
        // Trust no client-sent address header unless the operator sits behind a proxy.
        .merge(("ip_header", false))
        .merge(("limits.form", "256 KiB"))
        .merge(("limits.json", "256 KiB"))
        .merge(("databases.links.url", "shortener.db"))
        .merge(Toml::file(Env::var_or("ROCKET_CONFIG", "Rocket.toml")).nested())
        .merge(Env::prefixed("ROCKET_").ignore(&["PROFILE"]).global())
        .select(Profile::from_env_or(
            "ROCKET_PROFILE",
            rocket::Config::DEFAULT_PROFILE,
        ))
}

/// The whole app, built from `figment`, so tests can give it their own database.
pub fn build(figment: Figment) -> Rocket<Build> {
    rocket::custom(figment)
        .attach(config::fairing())
        .attach(db::Db::init())
        .attach(db::migrations())
        .attach(jobs::fairing())
        .attach(headers::shield())
        .attach(headers::Headers)
        .attach(metrics::Meter)
        .attach(config::announce())
        .attach(connections::watch())
        .attach(clicks::flusher())
        .attach(cache::watcher())
        .manage(std::sync::Arc::new(clicks::Clicks::default()))
        .manage(clock::Clock::default())
        .manage(routes::Heartbeat::default())
        .mount("/", routes::routes())
        .register("/", routes::catchers())
}
