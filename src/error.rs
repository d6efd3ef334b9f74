//! The app's one error type, mapped once to a status and an HTML or JSON body.

use askama::Template;
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};
use serde::Serialize;

use crate::config::Settings;
use crate::negotiate::Negotiated;

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
    #[error("This link is protected by a password")]
    PasswordRequired,
    #[error("Wrong password")]
    WrongPassword,
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
            Error::NotFound => Status::NotFound,
            Error::InvalidUrl(_) => Status::BadRequest,
            Error::InvalidKey(_) | Error::Invalid { .. } => Status::UnprocessableEntity,
            Error::TargetCheck => Status::BadRequest,
            Error::Gone => Status::Gone,
            Error::PasswordRequired | Error::WrongPassword => Status::Unauthorized,
            Error::KeyTaken(_) | Error::SecretTaken => Status::Conflict,
            Error::BadBody(status, _) => *status,
            Error::RateLimited(_)
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
            Error::InvalidUrl(_) | Error::TargetCheck => Some("target_url"),
            Error::Invalid { field, .. } => Some(field),
            Error::WrongPassword => Some("password"),
            Error::InvalidKey(_) | Error::KeyTaken(_) => Some("custom_key"),
            _ => None,
        }
    }

    /// The message for the client; a missing link is described by the URL asked for.
    fn message(&self, req: &Request<'_>) -> String {
        match self {
            Error::NotFound => not_found_message(req),
            other => other.to_string(),
        }
    }
}

/// The tutorial's wording for a missing link: `URL '<request url>' doesn't exist`.
pub fn not_found_message(req: &Request<'_>) -> String {
    let base = req
        .rocket()
        .state::<Settings>()
        .map_or("", |s| s.base_url.as_str());
    format!("URL '{base}{}' doesn't exist", req.uri())
}

/// An error as a page (HTML) or as `{"detail": ...}` (JSON, the tutorial's shape).
#[derive(Debug, Template, Serialize, utoipa::ToSchema)]
#[template(path = "error.html")]
#[schema(as = Detail)]
pub struct ErrorPage {
    /// The message for the client.
    pub detail: String,
    #[serde(skip)]
    #[schema(ignore)]
    pub status: Status,
}

impl ErrorPage {
    /// A page for `status` with the given message.
    pub fn new(status: Status, detail: String) -> ErrorPage {
        ErrorPage { detail, status }
    }
}

impl Error {
    /// Answers with this error's status and headers around `body`, which may be
    /// the error page or a page of the caller's (the refused form).
    pub fn respond_with<'r>(
        &self,
        req: &'r Request<'_>,
        body: impl Responder<'r, 'static>,
    ) -> response::Result<'static> {
        if let Error::Database(e) = self {
            rocket::error!("database error: {e}");
        }
        let mut res = (self.status(), body).respond_to(req)?;
        match self {
            Error::RateLimited(seconds)
            | Error::TooManyAttempts(seconds)
            | Error::LinkBraked(seconds)
            | Error::TooManyChanges(seconds) => {
                res.set_raw_header("Retry-After", seconds.to_string())
            }
            Error::MethodNotAllowed(allow) => res.set_raw_header("Allow", *allow),
            _ => false,
        };
        Ok(res)
    }
}

impl<'r> Responder<'r, 'static> for Error {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let page = ErrorPage::new(self.status(), self.message(req));
        self.respond_with(req, Negotiated(page))
    }
}
