//! The whole HTTP contract, through Rocket's local client and the real binary. The
//! suite is compiled once and runs on the database its run names (`backend`): SQLite
//! by default, PostgreSQL when `SHORTENER_TEST_DATABASE` names a server, each test on
//! a database of its own.
//!
//! `sqlite::` holds what needs SQLite's own files (and the pages in a real browser),
//! `postgres::` what needs a PostgreSQL server (compiled when `SHORTENER_TEST_POSTGRES`
//! names one; see build.rs); those two run on their own database in either run.

mod admin;
mod annotation;
mod backend;
mod backups;
mod binary;
mod blocklist;
mod bulk;
mod checked;
mod cli;
mod click_faults;
mod clicks;
mod collections;
mod create;
mod cross_site;
mod docs;
mod edit;
mod expiry;
mod follow;
mod health;
mod healthcheck;
mod helpers;
mod hostile;
mod import;
mod import_from;
mod insight;
mod languages;
mod limits;
mod logs;
mod metrics;
mod moderation_targets;
mod negotiation;
mod pages;
mod previews;
mod private;
mod protected;
mod qr;
mod query_forwarding;
mod referrer_cap;
mod report_flood;
mod reports;
mod rotation;
mod scale_out;
mod scheduled_switch;
mod schema;
mod secret_files;
mod server;
mod share;
mod smart_links;
mod smart_links_changes;
mod smart_links_humans;
mod smart_links_peek;
mod smart_links_split;
mod sockets;
mod sources;
mod sqlite;
mod start_time;
mod stats_link;
mod validation;
mod well_known;

#[cfg(postgres_tests)]
mod postgres;
#[cfg(postgres_tests)]
mod proxy;
