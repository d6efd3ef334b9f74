//! Starts the shortener: load `.env`, then serve (or run an operator command) on
//! Rocket's figment. `shortener --help` lists the commands.

use std::process::ExitCode;

use clap::Parser;
use rocket::figment::Figment;
use shortener::ops::cli::{self, Cli, Command};

/// mimalloc instead of the system's allocator: under load it is faster at the many
/// small, short-lived allocations of a request, and keeps less memory per thread
/// (bench/perf.sh measures both).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    small_heaps();
    // Loaded before the async runtime starts, so no other thread can read the
    // environment while it is written.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("error: could not read .env: {e}");
            return ExitCode::FAILURE;
        }
    }
    let command = Cli::parse().command.unwrap_or(Command::Serve);
    let figment = shortener::figment();
    if let Err(e) = shortener::ops::logging::init(&figment) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    rocket::execute(async {
        let result = match command {
            Command::Serve => serve(figment).await,
            other => cli::run(&figment, other).await,
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                shortener::ops::logging::fatal(&e);
                ExitCode::FAILURE
            }
        }
    })
}

/// Serves until SIGTERM or Ctrl-C; Rocket then finishes in-flight requests, and
/// the clicks they counted are written last.
async fn serve(figment: Figment) -> Result<(), String> {
    let rocket = shortener::build(figment)
        .launch()
        .await
        .map_err(|e| e.to_string())?;
    shortener::finish(&rocket).await.map(|_| ())
}

/// Keeps the heaps small on a small machine (bench/memory.sh measures it): SQLite's
/// allocations (C `malloc`, one connection per thread) share one glibc arena instead
/// of holding one each, and mimalloc hands freed pages back to the system after 10 ms
/// rather than a second (its version 2's delay, where version 3 waits 1000 ms). Either
/// is left as it is when its own variable (`MALLOC_ARENA_MAX`, `MIMALLOC_PURGE_DELAY`)
/// says otherwise: the allocators read those themselves.
fn small_heaps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: called first in `main`, before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
    extern "C" {
        /// mimalloc's own option setter (its header's `mi_option_set`).
        fn mi_option_set(option: i32, value: std::ffi::c_long);
    }
    /// `mi_option_purge_delay` in mimalloc 3's `mi_option_t`: milliseconds before freed
    /// memory is returned to the system.
    const MI_OPTION_PURGE_DELAY: i32 = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain setter of mimalloc's option table, called before other threads start.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
    }
}
