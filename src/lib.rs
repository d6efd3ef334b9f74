//! A URL shortener: HTML forms for people and the same routes as a JSON API for
//! programs, on an embedded SQLite database (or PostgreSQL, for several instances).
//!
//! The layers, from the bottom: `i18n` (the catalogs of the languages pages speak),
//! `error` and `domain` (values valid by construction),
//! `db` (pools on either database), `service` (the link service, the one door to the
//! data), `web` (routes, pages, guards) and `ops` (the command line); `startup`
//! assembles them. `kernel` holds the crate's only `unsafe` code, behind safe
//! functions. `docs/ARCHITECTURE.md` is the map.

// Every system call `std` does not offer goes through `kernel`.
#![deny(unsafe_code)]

mod db;
mod domain;
mod error;
mod i18n;
#[allow(unsafe_code)]
mod kernel;
mod metrics;
pub mod ops;
mod secret_files;
mod service;
mod settings;
mod sources;
mod startup;
pub mod testing;
mod web;

pub use kernel::small_heaps;
pub use startup::{build, figment, finish};
