//! The whole HTTP contract on SQLite, the embedded default: each test on a file of its own.

/// A test's first line: it runs on SQLite (`$skip` is for PostgreSQL's copy).
macro_rules! backend {
    () => {
        backend!(())
    };
    ($skip:expr) => {
        crate::backend::enter(crate::backend::Backend::Sqlite);
    };
}

#[path = "admin.rs"]
mod admin;
#[path = "binary.rs"]
mod binary;
#[path = "browser.rs"]
mod browser;
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
#[path = "storage.rs"]
mod storage;
#[path = "validation.rs"]
mod validation;
