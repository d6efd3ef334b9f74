//! A URL shortener: HTML forms for people and the same routes as a JSON API for
//! programs, on an embedded SQLite database.

use rocket::figment::Figment;
use rocket::{Build, Rocket};
use rocket_db_pools::Database;

pub mod config;
pub mod db;
pub mod error;
pub mod headers;
pub mod keys;
pub mod links;
pub mod negotiate;
mod routes;
pub mod target;

/// The database used when no configuration names one: a file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "shortener.db";

/// The whole app, built from `figment`, so tests can give it their own database.
pub fn build(figment: Figment) -> Rocket<Build> {
    // `join` only fills in what no Rocket.toml, ROCKET_* variable or caller set.
    let figment = figment.join(("databases.links.url", DEFAULT_DATABASE_URL));
    rocket::custom(figment)
        .attach(config::fairing())
        .attach(db::Db::init())
        .attach(db::migrations())
        .attach(headers::shield())
        .attach(headers::Headers)
        .attach(config::announce())
        .mount("/", routes::routes())
        .register("/", routes::catchers())
}
