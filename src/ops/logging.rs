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
        if self.max < LevelFilter::Info && is_client_abort(record, &message) {
            return;
        }
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

/// Installs the logger at Rocket's `log_level`; Rocket then keeps it instead of its own.
pub fn init(level: LogLevel) {
    let max = LevelFilter::from(level);
    if log::set_boxed_logger(Box::new(RedactingLogger { max })).is_ok() {
        log::set_max_level(max);
    }
}

/// Blanks out the secret after every `admin` (or `moderate`) path segment in `text`, however the
/// path is spelled: Rocket routes `//admin/S`, `/%61dmin/S` and `/admin//S` to the
/// admin page too, and logs the path as the client wrote it.
pub fn redact(text: &str) -> Cow<'_, str> {
    if !may_name_admin(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (n, word) in text.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        match redact_word(word) {
            Some(redacted) => {
                out.push_str(&redacted);
                changed = true;
            }
            None => out.push_str(word),
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text` could hold an `admin` segment: it has a `/` and either `dmin` in
/// any case or a `%` (which may spell any letter). Reads the bytes in place, so the
/// lines that cannot (nearly all of them) cost no allocation.
fn may_name_admin(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.contains(&b'/')
        && (bytes.contains(&b'%')
            || bytes
                .windows(4)
                .any(|w| w.eq_ignore_ascii_case(b"dmin") || w.eq_ignore_ascii_case(b"erat")))
}

/// One word of a log line with the segment after an `admin` segment blanked out,
/// or `None` when it has none.
fn redact_word(word: &str) -> Option<String> {
    let (path, rest) = word.split_at(word.find(['?', '#']).unwrap_or(word.len()));
    let segments: Vec<&str> = path.split('/').collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    let mut after_admin = false;
    let mut changed = false;
    for segment in segments {
        if segment.is_empty() {
            out.push(segment);
        } else if after_admin {
            out.push(REDACTED);
            after_admin = false;
            changed = true;
        } else {
            after_admin = decoded_eq(segment, "admin") || decoded_eq(segment, "moderate");
            out.push(segment);
        }
    }
    changed.then(|| out.join("/") + rest)
}

/// Whether `segment`, percent-decoded, is `word` in any case.
fn decoded_eq(segment: &str, word: &str) -> bool {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                decoded.push((hex(h).unwrap() * 16 + hex(l).unwrap()) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    decoded.eq_ignore_ascii_case(word.as_bytes())
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
        assert_eq!(
            redact("GET /moderate/S3cret/abc?q=x"),
            "GET /moderate/<secret>/abc?q=x"
        );
    }

    #[test]
    fn secrets_are_blanked_however_the_admin_path_is_spelled() {
        for (line, want) in [
            (
                "GET //admin/S3cret text/html",
                "GET //admin/<secret> text/html",
            ),
            ("GET /admin//S3cret", "GET /admin//<secret>"),
            ("GET /%61dmin/S3cret", "GET /%61dmin/<secret>"),
            ("GET /adm%69n/S3cret?days=7", "GET /adm%69n/<secret>?days=7"),
            ("GET /admin/%53ecret/qr.png", "GET /admin/<secret>/qr.png"),
        ] {
            assert_eq!(redact(line), want, "{line}");
        }
    }

    #[test]
    fn lines_that_cannot_name_admin_are_passed_through_as_they_are() {
        for line in ["GET /abc text/html", "GET /abc/def?x=y text/html: 200 OK"] {
            assert!(!may_name_admin(line), "{line}");
            assert!(matches!(redact(line), Cow::Borrowed(_)), "{line}");
        }
        for line in [
            "GET /ADMIN/x",
            "GET /%61dmin/x",
            "GET /a%64min/x",
            "GET //aDmIn/x",
        ] {
            assert!(may_name_admin(line), "{line}");
        }
    }
}
