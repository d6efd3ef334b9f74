//! The app's one error type, with the one status and form field of each kind. It
//! imports nothing of the crate but `i18n` (its messages are catalog texts): the web
//! layer renders it (`web::respond`).

use std::fmt;

use rocket::http::Status;

use crate::i18n::{Arg, Text};

/// Everything that can go wrong in a request; `text` is the message the client sees
/// (in the page's language), `Display` its English (what JSON answers carry).
#[derive(Debug)]
pub enum Error {
    /// Unknown, deleted or malformed key or secret: the message names the request URL.
    NotFound,
    /// A target URL that is not one, with why (`domain::target`).
    InvalidUrl(Text),
    InvalidKey(Text),
    /// A field or parameter outside what it may be, with its name.
    Invalid {
        field: &'static str,
        message: Text,
    },
    /// A checked target did not answer well (unreachable, 404, 5xx, timeout, off
    /// limits, ...): one text for every reason, so the check tells nothing about
    /// what is behind the target.
    TargetCheck,
    /// The link expired or used up its clicks: never forwarded again.
    Gone,
    /// The link is not live yet: it goes live at the stamp it holds. Nothing counted.
    NotYet(String),
    /// The operator disabled the link (or its target's host is on the blocklist),
    /// with the reason given.
    Disabled(String),
    /// The target's host (normalised) is on the blocklist or is a URL shortener.
    Blocked(String),
    /// A change the link's state does not allow (disabled, or past
    /// `edit_lock_after_clicks`), with why.
    Locked(Text),
    /// Private mode, and no valid creator token came with the create.
    TokenRequired,
    PasswordRequired,
    WrongPassword,
    /// A secret offered as proof of ownership (an admin URL pasted into a collection)
    /// that opens nothing: 403, beside that field.
    Unproven {
        field: &'static str,
        message: Text,
    },
    /// A field named a secret that opens nothing (a collection to create a link in,
    /// an admin URL to add to a collection): 404, beside that field.
    Unknown {
        field: &'static str,
        message: Text,
    },
    KeyTaken(String),
    /// An imported record whose secret hash another stored link already has (the key
    /// is free): a secret must open one link's admin page only.
    SecretTaken,
    /// A body that could not be read or parsed, with the status that fits.
    BadBody(Status, Text),
    RateLimited(u64),
    TooManyReports(u64),
    TooManyAttempts(u64),
    /// The link had too many wrong passwords lately (from anyone): the attempt was not checked.
    LinkBraked(u64),
    /// Owners' changes to one link come faster than `owner_rate_limit` allows.
    TooManyChanges(u64),
    /// A state-changing request a browser sent on another site's behalf.
    CrossSite,
    /// The path exists, but not for this method; holds the `Allow` header's value.
    MethodNotAllowed(&'static str),
    /// The database could not take the write (logged); safe to retry.
    Unavailable,
    NoFreeKey,
    Database(sqlx::Error),
}

impl Error {
    /// The message the client sees, as a catalog text (its `Display` is the English).
    pub fn text(&self) -> Text {
        let wait = |id: &'static str, seconds: &u64| Text::new(id).with("seconds", *seconds);
        match self {
            Error::NotFound => Text::new("error-not-found"),
            Error::InvalidUrl(reason) => {
                Text::new("error-invalid-url").with("reason", reason.clone())
            }
            Error::InvalidKey(message)
            | Error::Invalid { message, .. }
            | Error::Locked(message)
            | Error::Unproven { message, .. }
            | Error::Unknown { message, .. }
            | Error::BadBody(_, message) => message.clone(),
            Error::TargetCheck => Text::new("error-target-check"),
            Error::Gone => Text::new("error-gone"),
            Error::NotYet(at) => Text::new("error-not-yet").with("at", Arg::Time(at.clone())),
            Error::Disabled(reason) => Text::new("error-disabled").with("reason", reason.as_str()),
            Error::Blocked(host) => Text::new("error-blocked").with("host", host.as_str()),
            Error::TokenRequired => Text::new("error-token-required"),
            Error::PasswordRequired => Text::new("error-password-required"),
            Error::WrongPassword => Text::new("error-wrong-password"),
            Error::KeyTaken(key) => Text::new("error-key-taken").with("key", key.as_str()),
            Error::SecretTaken => Text::new("error-secret-taken"),
            Error::RateLimited(seconds) => wait("error-rate-limited", seconds),
            Error::TooManyReports(seconds) => wait("error-too-many-reports", seconds),
            Error::TooManyAttempts(seconds) => wait("error-too-many-attempts", seconds),
            Error::LinkBraked(seconds) => wait("error-link-braked", seconds),
            Error::TooManyChanges(seconds) => wait("error-too-many-changes", seconds),
            Error::CrossSite => Text::new("error-cross-site"),
            Error::MethodNotAllowed(allow) => {
                Text::new("error-method-not-allowed").with("methods", *allow)
            }
            Error::Unavailable => Text::new("error-unavailable"),
            Error::NoFreeKey => Text::new("error-no-free-key"),
            Error::Database(e) if is_outage(e) => Text::new("error-unavailable"),
            Error::Database(_) => Text::new("error-internal"),
        }
    }
}

/// The English message, as JSON answers and logs carry it.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().to_string())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Database(e) => Some(e),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Error {
        Error::Database(e)
    }
}

/// What went wrong with the database, for the log: sqlx's kind of error and, for a
/// database's own error, its code (SQLite's message too, which names no value). Never
/// a statement's parameters: PostgreSQL's messages and details may quote them.
pub fn database_fault(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(d) => {
            let code = d.code().unwrap_or_default().into_owned();
            match d.try_downcast_ref::<sqlx::sqlite::SqliteError>() {
                Some(_) => format!("database error {code} ({})", d.message()),
                None => format!("database error {code} ({:?})", d.kind()),
            }
        }
        sqlx::Error::Io(io) => format!("database I/O error ({})", io.kind()),
        sqlx::Error::PoolTimedOut => "no database connection free in time".into(),
        sqlx::Error::PoolClosed => "the database pool is closed".into(),
        sqlx::Error::RowNotFound => "row not found".into(),
        sqlx::Error::ColumnDecode { index, .. } => format!("column {index} could not be read"),
        sqlx::Error::Protocol(_) => "database protocol error".into(),
        sqlx::Error::Tls(_) => "database TLS error".into(),
        sqlx::Error::WorkerCrashed => "the database worker crashed".into(),
        _ => "database error".into(),
    }
}

/// Whether a database error is the database unable to serve for now (gone,
/// restarting, full, locked, read-only), not a fault in the request or the app: a 503
/// that is worth trying again, rather than a 500.
pub fn is_outage(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Protocol(_)
        | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(d) => {
            let code = d.code().unwrap_or_default();
            match d.try_downcast_ref::<sqlx::sqlite::SqliteError>() {
                // SQLite's primary result codes: BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN.
                Some(_) => code
                    .parse::<i32>()
                    .is_ok_and(|code| matches!(code & 0xff, 5 | 6 | 8 | 10 | 13 | 14)),
                // PostgreSQL's classes: connection exception, insufficient resources,
                // operator intervention (a shutdown), and a read-only transaction.
                None => {
                    code.starts_with("08")
                        || code.starts_with("53")
                        || code.starts_with("57P")
                        || code == "25006"
                }
            }
        }
        _ => false,
    }
}

/// Shorthand for results whose error is the app's `Error`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The one status each kind of error answers with.
    pub fn status(&self) -> Status {
        match self {
            Error::NotFound | Error::Unknown { .. } | Error::NotYet(_) => Status::NotFound,
            Error::InvalidUrl(_) => Status::BadRequest,
            Error::InvalidKey(_) | Error::Invalid { .. } => Status::UnprocessableEntity,
            Error::TargetCheck => Status::BadRequest,
            Error::Gone | Error::Disabled(_) => Status::Gone,
            Error::Blocked(_) | Error::Unproven { .. } => Status::Forbidden,
            Error::PasswordRequired | Error::WrongPassword | Error::TokenRequired => {
                Status::Unauthorized
            }
            Error::KeyTaken(_) | Error::SecretTaken | Error::Locked(_) => Status::Conflict,
            Error::BadBody(status, _) => *status,
            Error::RateLimited(_)
            | Error::TooManyReports(_)
            | Error::TooManyAttempts(_)
            | Error::LinkBraked(_)
            | Error::TooManyChanges(_) => Status::TooManyRequests,
            Error::CrossSite => Status::Forbidden,
            Error::MethodNotAllowed(_) => Status::MethodNotAllowed,
            Error::NoFreeKey | Error::Unavailable => Status::ServiceUnavailable,
            Error::Database(e) if is_outage(e) => Status::ServiceUnavailable,
            Error::Database(_) => Status::InternalServerError,
        }
    }

    /// The form field the error is about, so the page can show it beside that field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::InvalidUrl(_) | Error::TargetCheck | Error::Blocked(_) => Some("target_url"),
            Error::Invalid { field, .. } => Some(field),
            Error::WrongPassword => Some("password"),
            Error::Unknown { field, .. } | Error::Unproven { field, .. } => Some(field),
            Error::InvalidKey(_) | Error::KeyTaken(_) => Some("custom_key"),
            _ => None,
        }
    }

    /// The seconds to wait before trying again, for the `Retry-After` header.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Error::RateLimited(seconds)
            | Error::TooManyReports(seconds)
            | Error::TooManyAttempts(seconds)
            | Error::LinkBraked(seconds)
            | Error::TooManyChanges(seconds) => Some(*seconds),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_database_that_cannot_serve_now_is_a_503_and_a_bug_a_500() {
        let gone = Error::Database(sqlx::Error::Io(std::io::ErrorKind::BrokenPipe.into()));
        assert_eq!(gone.status(), Status::ServiceUnavailable);
        assert_eq!(gone.to_string(), Error::Unavailable.to_string());
        assert_eq!(
            Error::Database(sqlx::Error::PoolTimedOut).status(),
            Status::ServiceUnavailable
        );
        let bug = Error::Database(sqlx::Error::RowNotFound);
        assert_eq!(bug.status(), Status::InternalServerError);
    }

    #[test]
    fn english_texts_keep_plain_digits_and_translations_group_and_pluralise() {
        let wait = Error::TooManyChanges(3600);
        assert_eq!(
            wait.to_string(),
            "Too many changes to this link; try again in 3600 seconds"
        );
        assert!(wait.text().in_lang(Lang::De).contains("3.600 Sekunden"));
        assert!(Error::TooManyChanges(1)
            .text()
            .in_lang(Lang::De)
            .contains("in einer Sekunde"));
        let long = Error::InvalidUrl(Text::new("error-url-too-long").with("max", 2048));
        assert!(long.to_string().ends_with("longer than 2048 characters"));
        assert!(long.text().in_lang(Lang::Fr).contains("2\u{202f}048"));
    }
}
