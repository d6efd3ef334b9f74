//! The process's logger: Rocket's messages, with every admin secret blanked out,
//! so no log level (not even `debug`, which prints each request path) leaks one.

use std::borrow::Cow;
use std::io::Write;

use log::{Level, LevelFilter, Log, Metadata, Record};
use rocket::config::LogLevel;

/// What replaces a secret key in a log line.
pub const REDACTED: &str = "<secret>";

struct RedactingLogger {
    max: LevelFilter,
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
        let message = redact(&message);
        // Rocket marks indented lines with a target ending in '_', and sends its
        // launch banner as a warning that is not one.
        let indented = record.target().ends_with('_');
        let launch = record.target().starts_with("rocket::launch");
        let prefix = match record.level() {
            _ if indented => "   >> ",
            Level::Error => "Error: ",
            Level::Warn if !launch => "Warning: ",
            _ => "",
        };
        // Errors from a closed stdout are ignored, never a panic.
        let _ = writeln!(std::io::stdout(), "{prefix}{message}");
    }

    fn flush(&self) {}
}

/// Installs the logger at Rocket's `log_level`; Rocket then keeps it instead of its own.
pub fn init(level: LogLevel) {
    let max = LevelFilter::from(level);
    if log::set_boxed_logger(Box::new(RedactingLogger { max })).is_ok() {
        log::set_max_level(max);
    }
}

/// Blanks out the secret after every `/admin/` in `text`.
pub fn redact(text: &str) -> Cow<'_, str> {
    const MARK: &str = "/admin/";
    if !text.contains(MARK) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let (before, after) = rest.split_at(at + MARK.len());
        out.push_str(before);
        let secret_len = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        if secret_len > 0 {
            out.push_str(REDACTED);
        }
        rest = &after[secret_len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_after_admin_are_blanked_everywhere_in_a_line() {
        assert_eq!(
            redact("GET /admin/AbC123 text/html: and DELETE http://x/admin/Zz9?x=1"),
            "GET /admin/<secret> text/html: and DELETE http://x/admin/<secret>?x=1"
        );
        assert_eq!(redact("GET /peek/abc"), "GET /peek/abc");
        assert_eq!(redact("route /admin/<secret>"), "route /admin/<secret>");
    }
}
