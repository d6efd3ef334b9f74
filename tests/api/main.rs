//! The whole HTTP contract, through Rocket's local client and the real binary, on
//! both databases: every test file is compiled into `sqlite::` and, when
//! `SHORTENER_TEST_POSTGRES` names a server (build.rs), into `postgres::` too.

// On purpose: each test file is compiled once per database.
#![allow(clippy::duplicate_mod)]

/// The test files both databases run; `sqlite.rs` and `postgres.rs` each expand it once.
macro_rules! shared_test_files {
    () => {
        #[path = "admin.rs"]
        mod admin;
        #[path = "backups.rs"]
        mod backups;
        #[path = "binary.rs"]
        mod binary;
        #[path = "blocklist.rs"]
        mod blocklist;
        #[path = "bulk.rs"]
        mod bulk;
        #[path = "checked.rs"]
        mod checked;
        #[path = "cli.rs"]
        mod cli;
        #[path = "click_faults.rs"]
        mod click_faults;
        #[path = "clicks.rs"]
        mod clicks;
        #[path = "collections.rs"]
        mod collections;
        #[path = "create.rs"]
        mod create;
        #[path = "cross_site.rs"]
        mod cross_site;
        #[path = "docs.rs"]
        mod docs;
        #[path = "edit.rs"]
        mod edit;
        #[path = "expiry.rs"]
        mod expiry;
        #[path = "follow.rs"]
        mod follow;
        #[path = "health.rs"]
        mod health;
        #[path = "healthcheck.rs"]
        mod healthcheck;
        #[path = "hostile.rs"]
        mod hostile;
        #[path = "import.rs"]
        mod import;
        #[path = "import_from.rs"]
        mod import_from;
        #[path = "insight.rs"]
        mod insight;
        #[path = "languages.rs"]
        mod languages;
        #[path = "limits.rs"]
        mod limits;
        #[path = "logs.rs"]
        mod logs;
        #[path = "metrics.rs"]
        mod metrics;
        #[path = "moderation_targets.rs"]
        mod moderation_targets;
        #[path = "negotiation.rs"]
        mod negotiation;
        #[path = "pages.rs"]
        mod pages;
        #[path = "private.rs"]
        mod private;
        #[path = "protected.rs"]
        mod protected;
        #[path = "qr.rs"]
        mod qr;
        #[path = "query_forwarding.rs"]
        mod query_forwarding;
        #[path = "referrer_cap.rs"]
        mod referrer_cap;
        #[path = "report_flood.rs"]
        mod report_flood;
        #[path = "reports.rs"]
        mod reports;
        #[path = "rotation.rs"]
        mod rotation;
        #[path = "scale_out.rs"]
        mod scale_out;
        #[path = "scheduled_switch.rs"]
        mod scheduled_switch;
        #[path = "schema.rs"]
        mod schema;
        #[path = "secret_files.rs"]
        mod secret_files;
        #[path = "smart_links.rs"]
        mod smart_links;
        #[path = "smart_links_changes.rs"]
        mod smart_links_changes;
        #[path = "smart_links_humans.rs"]
        mod smart_links_humans;
        #[path = "smart_links_peek.rs"]
        mod smart_links_peek;
        #[path = "smart_links_split.rs"]
        mod smart_links_split;
        #[path = "sockets.rs"]
        mod sockets;
        #[path = "stats_link.rs"]
        mod stats_link;
        #[path = "validation.rs"]
        mod validation;
    };
}

mod backend;
mod helpers;
#[cfg(postgres_tests)]
mod postgres;
#[cfg(postgres_tests)]
mod proxy;
mod server;
mod sources;
mod sqlite;
