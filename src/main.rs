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
    shortener::small_heaps();
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
