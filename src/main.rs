//! Starts the shortener: load `.env`, build the app from Rocket's figment, serve.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Loaded before the async runtime starts, so no other thread can read the
    // environment while it is written.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("error: could not read .env: {e}");
            return ExitCode::FAILURE;
        }
    }
    rocket::execute(async {
        match shortener::build(shortener::figment()).launch().await {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
