//! The same contract on PostgreSQL, each test in a schema of its own on the server
//! `SHORTENER_TEST_POSTGRES` names (compiled only when it is set; see build.rs). A
//! server that does not answer fails every test: none is passed without running.
//! Left out: `storage` (SQLite's files and pragmas), `browser`, `keyboard` and
//! `valid_html` (pages only; the database underneath is covered here by every other
//! module).

/// A test's first line: it runs on PostgreSQL.
macro_rules! backend {
    () => {
        crate::backend::enter(crate::backend::Backend::Postgres)
    };
}

shared_test_files!();

// PostgreSQL only: its server restarting under two instances.
#[path = "database_restart.rs"]
mod database_restart;
