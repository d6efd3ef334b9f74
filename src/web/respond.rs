//! One way to answer: HTML or JSON from the same route (`Format` decides, `Negotiated`
//! renders), errors as a page or `{"detail": ...}`, and a refused form as the page
//! to show again around its error.

use std::sync::Arc;

use askama::Template;
use rocket::data::{self, Data, FromData};
use rocket::http::{Header, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::content::RawHtml;
use rocket::response::{self, Responder};
use rocket::serde::json::{self, Json};
use serde::Serialize;

use super::filters::Context;
use super::language;
use crate::error::Error;
use crate::i18n::{Lang, Text};
use crate::metrics::Metrics;
use crate::settings::Settings;
use crate::web::filters;

/// The representation a request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
}

impl Format {
    /// JSON when `Accept` prefers it, or when `Accept` says nothing (absent or
    /// `*/*`) and the body was JSON; HTML otherwise.
    pub fn of(req: &Request<'_>) -> Format {
        // Not req.format(): for a POST that is the Content-Type.
        let preferred = req.accept().map(|accept| accept.preferred().media_type());
        match preferred {
            Some(media) if media.is_json() => Format::Json,
            Some(media) if !media.is_any() => Format::Html,
            _ if req.content_type().is_some_and(|ct| ct.is_json()) => Format::Json,
            _ => Format::Html,
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Format {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(Format::of(req))
    }
}

/// A page in the language chosen for `req` (`web::language`), with its
/// `Content-Language`; a template that fails to render is a 500, logged.
pub fn html<T: Template>(page: &T, req: &Request<'_>) -> Result<Html, Status> {
    let lang = language::of(req);
    let context = Context {
        lang,
        switcher: language::switcher(req, lang),
    };
    let body = page.render_with_values(&context).map_err(|e| {
        rocket::error!("template error: {e}");
        Status::InternalServerError
    })?;
    Ok(Html { body, lang })
}

/// A rendered page and its language.
pub struct Html {
    body: String,
    lang: Lang,
}

impl<'r> Responder<'r, 'static> for Html {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let mut res = RawHtml(self.body).respond_to(req)?;
        res.set_raw_header("Content-Language", self.lang.tag());
        Ok(res)
    }
}

/// The 415 of a route that takes a form or JSON and got another body type (or none);
/// `what` is the message id of what to send (`error-body-link`: "the link").
pub fn unsupported_body(what: &'static str) -> Error {
    Error::BadBody(
        Status::UnsupportedMediaType,
        Text::new("error-unsupported-body").with("what", Text::new(what)),
    )
}

/// A view that is an askama page for browsers and the same struct as JSON for programs.
pub struct Negotiated<T>(pub T);

impl<'r, T: Template + Serialize> Responder<'r, 'static> for Negotiated<T> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        match Format::of(req) {
            Format::Json => Json(&self.0).respond_to(req),
            Format::Html => html(&self.0, req)?.respond_to(req),
        }
    }
}

/// An answer that carries a secret admin URL: kept out of every cache, whatever the path.
pub struct NoStore<R>(pub R);

impl<'r, 'o: 'r, R: Responder<'r, 'o>> Responder<'r, 'o> for NoStore<R> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'o> {
        let mut res = self.0.respond_to(req)?;
        res.set_header(Header::new("Cache-Control", "no-store"));
        Ok(res)
    }
}

/// The tutorial's wording for a missing link: `URL '<request url>' doesn't exist`.
pub fn not_found_message(req: &Request<'_>) -> Text {
    let base = req
        .rocket()
        .state::<Settings>()
        .map_or("", |s| s.base_url.as_str());
    Text::new("error-url-not-found").with("url", format!("{base}{}", req.uri()))
}

/// An error as a page (HTML) or as `{"detail": ...}` (JSON, the tutorial's shape).
#[derive(Debug, Template, Serialize, utoipa::ToSchema)]
#[template(path = "error.html")]
#[schema(as = Detail)]
pub struct ErrorPage {
    /// The message for the client (in JSON, its English).
    #[schema(value_type = String)]
    pub detail: Text,
    /// When the link goes live (RFC 3339), on the 404 of a link not live yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = DateTime)]
    pub starts_at: Option<String>,
    #[serde(skip)]
    #[schema(ignore)]
    pub status: Status,
}

impl ErrorPage {
    /// A page for `status` with the given message.
    pub fn new(status: Status, detail: Text) -> ErrorPage {
        ErrorPage {
            detail,
            status,
            starts_at: None,
        }
    }
}

impl ErrorPage {
    /// The message naming the status's reason on the page (`Not Found`), for the
    /// statuses the app answers with; others show the standard English reason.
    fn reason(&self) -> Option<&'static str> {
        Some(match self.status.code {
            400 => "status-400",
            401 => "status-401",
            403 => "status-403",
            404 => "status-404",
            405 => "status-405",
            409 => "status-409",
            410 => "status-410",
            413 => "status-413",
            415 => "status-415",
            422 => "status-422",
            429 => "status-429",
            500 => "status-500",
            503 => "status-503",
            _ => return None,
        })
    }
}

/// Answers with `error`'s status and headers around `body`, which may be the error
/// page or a page of the caller's (the refused form).
fn respond_with<'r>(
    error: &Error,
    req: &'r Request<'_>,
    body: impl Responder<'r, 'static>,
) -> response::Result<'static> {
    log_fault(error, req);
    let mut res = (error.status(), body).respond_to(req)?;
    if let Some(seconds) = error.retry_after() {
        res.set_raw_header("Retry-After", seconds.to_string());
    }
    if let Error::MethodNotAllowed(allow) = error {
        res.set_raw_header("Allow", *allow);
    }
    if let Error::NotYet(_) = error {
        // Not kept by any cache past the start.
        res.set_raw_header("Cache-Control", "no-store");
    }
    Ok(res)
}

/// One line at `error` for an answer that is the app's fault (a database error, a
/// service that could not take the request), at the default log level: which
/// operation (the route, as `/metrics` names it) and what failed, never the request's
/// values. The cause of a 503 was logged where it happened (a failed batch names its
/// database error). A database error, or the database unable to take a write
/// (`Unavailable`), also counts in `shortener_database_errors_total` under the route.
fn log_fault(error: &Error, req: &Request<'_>) {
    let route = super::metrics::route_name(req);
    let status = error.status().code;
    if matches!(error, Error::Database(_) | Error::Unavailable) {
        if let Some(metrics) = req.rocket().state::<Arc<Metrics>>() {
            metrics.count_database_error(route);
        }
    }
    match error {
        Error::Database(e) => {
            let fault = crate::error::database_fault(e);
            rocket::error!("{route} answered {status}: {fault}");
        }
        Error::Unavailable | Error::NoFreeKey => {
            rocket::error!("{route} answered {status}: {}", error.text());
        }
        _ => {}
    }
}

impl<'r> Responder<'r, 'static> for Error {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let detail = match &self {
            Error::NotFound => not_found_message(req),
            other => other.text(),
        };
        let mut page = ErrorPage::new(self.status(), detail);
        if let Error::NotYet(at) = &self {
            page.starts_at = Some(at.clone());
        }
        respond_with(&self, req, Negotiated(page))
    }
}

/// A page shown again around a refusal (the form with its message beside the field).
pub trait Page: Template {
    /// A Content-Security-Policy of the page's own, instead of the app's.
    fn csp(&self) -> Option<&'static str> {
        None
    }
}

/// A refused request: programs get the error; people get `page` again (with the
/// error's status) when there is one, else the error page.
pub struct Refusal<P> {
    pub error: Error,
    pub page: Option<P>,
}

impl<P> From<Error> for Refusal<P> {
    fn from(error: Error) -> Refusal<P> {
        Refusal { error, page: None }
    }
}

impl<'r, P: Page> Responder<'r, 'static> for Refusal<P> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let Some(page) = self.page.filter(|_| Format::of(req) == Format::Html) else {
            return self.error.respond_to(req);
        };
        let mut res = respond_with(&self.error, req, html(&page, req)?)?;
        if let Some(csp) = page.csp() {
            res.set_raw_header("Content-Security-Policy", csp);
        }
        Ok(res)
    }
}

/// A JSON body that is an object, read into `T`: what every route that takes a JSON
/// object receives. serde alone would read an array into a struct's fields in order
/// (`["x"]` as `{"name": "x"}`, `[]` as all defaults); here it is a 422 like any other
/// body of the wrong shape. Unreadable bodies are `json_error`'s 413, 400 or 422.
pub struct JsonObject<T>(pub T);

impl<T> std::ops::Deref for JsonObject<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

#[rocket::async_trait]
impl<'r, T: serde::de::DeserializeOwned> FromData<'r> for JsonObject<T> {
    type Error = Error;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        let value = match Json::<serde_json::Value>::from_data(req, data).await {
            data::Outcome::Success(Json(value)) => value,
            data::Outcome::Error((status, e)) => {
                return data::Outcome::Error((status, json_error(&e)))
            }
            data::Outcome::Forward(forward) => return data::Outcome::Forward(forward),
        };
        let read = match value {
            object @ serde_json::Value::Object(_) => serde_json::from_value(object),
            other => Err(serde::de::Error::invalid_type(
                unexpected(&other),
                &"a JSON object",
            )),
        };
        match read {
            Ok(body) => data::Outcome::Success(JsonObject(body)),
            Err(e) => {
                let error = Error::BadBody(
                    Status::UnprocessableEntity,
                    Text::new("error-invalid-body").with("error", e.to_string()),
                );
                data::Outcome::Error((Status::UnprocessableEntity, error))
            }
        }
    }
}

/// What a JSON value is, in serde's words for an error.
fn unexpected(value: &serde_json::Value) -> serde::de::Unexpected<'_> {
    use serde::de::Unexpected;
    match value {
        serde_json::Value::Null => Unexpected::Unit,
        serde_json::Value::Bool(b) => Unexpected::Bool(*b),
        serde_json::Value::Number(_) => Unexpected::Other("number"),
        serde_json::Value::String(s) => Unexpected::Str(s),
        serde_json::Value::Array(_) => Unexpected::Seq,
        serde_json::Value::Object(_) => Unexpected::Map,
    }
}

/// A JSON body that could not be read, as the error that fits (413, 400 or 422).
pub fn json_error(error: &json::Error<'_>) -> Error {
    use serde_json::error::Category;
    match error {
        json::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Error::BadBody(Status::PayloadTooLarge, Text::new("error-json-too-large"))
        }
        json::Error::Io(_) => Error::BadBody(Status::BadRequest, Text::new("error-not-utf8")),
        // serde_json's own English, passed as it is.
        json::Error::Parse(_, e) if e.classify() == Category::Data => Error::BadBody(
            Status::UnprocessableEntity,
            Text::new("error-invalid-body").with("error", e.to_string()),
        ),
        json::Error::Parse(_, e) => Error::BadBody(
            Status::BadRequest,
            Text::new("error-malformed-json").with("error", e.to_string()),
        ),
    }
}
