//! The app's one error type, with the one status and form field of each kind. It
//! imports nothing of the crate: the web layer renders it (`web::respond`).

use rocket::http::Status;

/// Everything that can go wrong in a request; `Display` is the message the client sees.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Unknown, deleted or malformed key or secret: the message names the request URL.
    #[error("URL doesn't exist")]
    NotFound,
    #[error("Your provided URL is not valid: {0}")]
    InvalidUrl(&'static str),
    #[error("{0}")]
    InvalidKey(String),
    /// A field or parameter outside what it may be, with its name.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// A checked target did not answer well (unreachable, 404, 5xx, timeout, off
    /// limits, ...): one text for every reason, so the check tells nothing about
    /// what is behind the target.
    #[error("The target URL could not be checked")]
    TargetCheck,
    /// The link expired or used up its clicks: never forwarded again.
    #[error("This link has expired")]
    Gone,
    /// The operator disabled the link (or its target's host is on the blocklist),
    /// with the reason given.
    #[error("This link was disabled by the operator: {0}")]
    Disabled(String),
    /// The target's host (normalised) is on the blocklist or is a URL shortener.
    #[error("Links to {0} are not allowed here")]
    Blocked(String),
    /// A change the link's state does not allow (disabled, or past
    /// `edit_lock_after_clicks`), with why.
    #[error("{0}")]
    Locked(String),
    /// Private mode, and no valid creator token came with the create.
    #[error("This instance creates links only for people with a token")]
    TokenRequired,
    #[error("This link is protected by a password")]
    PasswordRequired,
    #[error("Wrong password")]
    WrongPassword,
    /// A secret offered as proof of ownership (an admin URL pasted into a collection)
    /// that opens nothing: 403, beside that field.
    #[error("{message}")]
    Unproven {
        field: &'static str,
        message: &'static str,
    },
    /// A field named a secret that opens nothing (a collection to create a link in,
    /// an admin URL to add to a collection): 404, beside that field.
    #[error("{message}")]
    Unknown {
        field: &'static str,
        message: &'static str,
    },
    #[error("Custom key '{0}' is already taken")]
    KeyTaken(String),
    /// An imported record whose secret hash another stored link already has (the key
    /// is free): a secret must open one link's admin page only.
    #[error("A link with this secret_hash is already stored")]
    SecretTaken,
    /// A body that could not be read or parsed, with the status that fits.
    #[error("{1}")]
    BadBody(Status, String),
    #[error("Too many links created from your address; try again in {0} seconds")]
    RateLimited(u64),
    #[error("Too many reports from your address; try again in {0} seconds")]
    TooManyReports(u64),
    #[error("Too many password attempts from your address; try again in {0} seconds")]
    TooManyAttempts(u64),
    /// The link had too many wrong passwords lately (from anyone): the attempt was not checked.
    #[error("Too many wrong passwords for this link lately; try again in {0} seconds")]
    LinkBraked(u64),
    /// Owners' changes to one link come faster than `owner_rate_limit` allows.
    #[error("Too many changes to this link; try again in {0} seconds")]
    TooManyChanges(u64),
    /// A state-changing request a browser sent on another site's behalf.
    #[error("Cross-site form posts are not accepted")]
    CrossSite,
    /// The path exists, but not for this method; holds the `Allow` header's value.
    #[error("Method not allowed; this path accepts {0}")]
    MethodNotAllowed(&'static str),
    /// The database could not take the write (logged); safe to retry.
    #[error("The service is busy; please try again")]
    Unavailable,
    #[error("No free short key was found; please try again")]
    NoFreeKey,
    #[error("Internal server error")]
    Database(#[from] sqlx::Error),
}

/// Shorthand for results whose error is the app's `Error`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The one status each kind of error answers with.
    pub fn status(&self) -> Status {
        match self {
            Error::NotFound | Error::Unknown { .. } => Status::NotFound,
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
            Error::NoFreeKey | Error::Unavailable | Error::Database(sqlx::Error::PoolTimedOut) => {
                Status::ServiceUnavailable
            }
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
