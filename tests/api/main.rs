//! The whole HTTP contract, through Rocket's local client and the real binary, on
//! both databases: every test file is compiled into `sqlite::` and `postgres::`.

// On purpose: each test file is compiled once per database.
#![allow(clippy::duplicate_mod)]

mod backend;
mod helpers;
mod postgres;
mod server;
mod sqlite;
