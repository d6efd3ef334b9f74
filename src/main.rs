//! Starts the shortener: load `.env`, then serve (or run a command) on Rocket's figment.

use std::process::ExitCode;

use rocket::config::LogLevel;
use rocket::figment::Figment;
use shortener::cli::{self, Command};

fn main() -> ExitCode {
    // Loaded before the async runtime starts, so no other thread can read the
    // environment while it is written.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("error: could not read .env: {e}");
            return ExitCode::FAILURE;
        }
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = Command::parse(&args) else {
        eprintln!("{}", cli::USAGE);
        return ExitCode::from(2);
    };
    let figment = shortener::figment();
    shortener::logging::init(
        figment
            .extract_inner("log_level")
            .unwrap_or(LogLevel::Critical),
    );
    rocket::execute(async {
        let result = match command {
            Command::Serve => serve(figment).await,
            Command::Backup(file) => cli::backup(&figment, &file).await,
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
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
    shortener::clicks::flush_on_exit(&rocket).await.map(|_| ())
}
