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

shared_test_files!();
