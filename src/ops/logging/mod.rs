//! The process's logger: Rocket's messages and the app's, with every secret blanked
//! out, so no log level (not even `debug`, which prints each request path) and no
//! format leaks one; written as text or, with `log_format = "json"`, one JSON object
//! per line.

mod json;
mod redact;

use std::io::Write;
use std::sync::OnceLock;

use log::{Level, LevelFilter, Log, Metadata, Record};
use rocket::config::LogLevel;
use rocket::figment::Figment;

use crate::settings::LogFormat;
pub use redact::{redact, REDACTED};

/// The format chosen at `init`, for the lines written outside the logger (`notice`, `fatal`).
static FORMAT: OnceLock<LogFormat> = OnceLock::new();

struct RedactingLogger {
    max: LevelFilter,
    format: LogFormat,
}

impl Log for RedactingLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // Hyper's own chatter only when debugging, as Rocket's logger does.
        let noisy = ["hyper", "rustls", "h2"]
            .iter()
            .any(|m| metadata.target().starts_with(m));
        metadata.level() <= self.max && (!noisy || self.max >= LevelFilter::Debug)
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let message = record.args().to_string();
        if self.max < LevelFilter::Info && is_client_abort(record, &message) {
            return;
        }
        let message = redact(&message);
        // Rocket marks indented lines with a target ending in '_', and sends its
        // launch banner as a warning that is not one.
        let indented = record.target().ends_with('_');
        let launch = record.target().starts_with("rocket::launch");
        let line = match self.format {
            LogFormat::Json if is_request_narration(record, &message) => return,
            LogFormat::Json => {
                let level = match record.level() {
                    Level::Warn if launch => Level::Info,
                    level => level,
                };
                json::line(level, &message, Some(record))
            }
            LogFormat::Text => {
                let prefix = match record.level() {
                    _ if indented => "   >> ",
                    Level::Error => "Error: ",
                    Level::Warn if !launch => "Warning: ",
                    _ => "",
                };
                format!("{prefix}{message}")
            }
        };
        // Errors from a closed stdout are ignored, never a panic.
        let _ = writeln!(std::io::stdout(), "{line}");
    }

    fn flush(&self) {}
}

/// Rocket's account of each request as it handles it (`GET /x text/html:`,
/// `Matched: ...`, `No matching routes for ...`, the catcher it chose): in JSON the
/// request's own line (`web::access`) says all of it in one object, and these would
/// be lines of their own, some at `error` for a client's 404.
fn is_request_narration(record: &Record<'_>, message: &str) -> bool {
    const NARRATION: [&str; 3] = [
        "No matching routes for",
        "Responding with registered",
        "No 404 catcher registered",
    ];
    record.target().starts_with("rocket::server")
        && (record.level() >= Level::Info || NARRATION.iter().any(|n| message.starts_with(n)))
}

/// What Rocket says when a client goes away mid-request (a closed tab, a scanner, an
/// attacker): one per aborted request, so at `critical` they would let any client
/// fill the log. `normal` and above still show them.
const CLIENT_ABORTS: [&str; 4] = [
    "Connection failed",
    "Failed to read into peek buffer",
    "Remote left",
    "Data left unread",
];

thread_local! {
    /// Whether the last line on this thread was a client abort that was left out, so
    /// the indented lines that explain it are left out too.
    static DROPPING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether `record` is a client's abort (or a line explaining one just left out).
fn is_client_abort(record: &Record<'_>, message: &str) -> bool {
    let indented = record.target().ends_with('_');
    let abort = CLIENT_ABORTS.iter().any(|m| message.starts_with(m));
    DROPPING.with(|dropping| {
        let drop = abort || (indented && dropping.get());
        if !indented || abort {
            dropping.set(abort);
        }
        drop
    })
}

/// Installs the logger at Rocket's `log_level`, in the figment's `log_format`;
/// Rocket then keeps it instead of its own. `Err` when `log_format` is neither
/// `text` nor `json`.
pub fn init(figment: &Figment) -> Result<(), String> {
    let level = figment
        .extract_inner("log_level")
        .unwrap_or(LogLevel::Critical);
    let format = figment
        .extract_inner::<LogFormat>("log_format")
        .map_err(|e| format!("invalid configuration: {e}"))?;
    let _ = FORMAT.set(format);
    let max = LevelFilter::from(level);
    if log::set_boxed_logger(Box::new(RedactingLogger { max, format })).is_ok() {
        log::set_max_level(max);
    }
    Ok(())
}

fn format() -> LogFormat {
    FORMAT.get().copied().unwrap_or(LogFormat::Text)
}

/// A line for the operator whatever the log level (where the app serves), on stdout,
/// in the log's format.
pub fn notice(message: &str) {
    let line = match format() {
        LogFormat::Json => json::line(Level::Info, &redact(message), None),
        LogFormat::Text => redact(message).into_owned(),
    };
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// The error that ends the process, on stderr, in the log's format.
pub fn fatal(message: &str) {
    let line = match format() {
        LogFormat::Json => json::line(Level::Error, &redact(message), None),
        LogFormat::Text => format!("error: {}", redact(message)),
    };
    let _ = writeln!(std::io::stderr(), "{line}");
}
