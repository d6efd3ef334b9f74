//! What needs a PostgreSQL server (`SHORTENER_TEST_POSTGRES`; compiled only when it is
//! set, see build.rs): these run on it in either run. A server that does not answer
//! fails them: none is passed without running.

// Its server restarting under two instances.
mod database_restart;
