//! The same contract on PostgreSQL, each test in a schema of its own; every test
//! skips itself, with a line saying so, when no PostgreSQL server answers (CI sets
//! `SHORTENER_REQUIRE_POSTGRES`, which makes that a failure instead).
//! Left out: `storage` (SQLite's files and pragmas) and `browser` (pages only; the
//! database underneath is covered here by every other module).

/// A test's first line: it runs on PostgreSQL, or returns `$skip` (default `()`) when there is none.
macro_rules! backend {
    () => {
        backend!(())
    };
    ($skip:expr) => {
        if !crate::backend::enter(crate::backend::Backend::Postgres) {
            return $skip;
        }
    };
}

#[path = "admin.rs"]
mod admin;
#[path = "binary.rs"]
mod binary;
#[path = "bulk.rs"]
mod bulk;
#[path = "checked.rs"]
mod checked;
#[path = "cli.rs"]
mod cli;
#[path = "clicks.rs"]
mod clicks;
#[path = "create.rs"]
mod create;
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
#[path = "hostile.rs"]
mod hostile;
#[path = "insight.rs"]
mod insight;
#[path = "limits.rs"]
mod limits;
#[path = "metrics.rs"]
mod metrics;
#[path = "negotiation.rs"]
mod negotiation;
#[path = "pages.rs"]
mod pages;
#[path = "protected.rs"]
mod protected;
#[path = "qr.rs"]
mod qr;
#[path = "scale_out.rs"]
mod scale_out;
#[path = "validation.rs"]
mod validation;
