//! The web layer: every route and catcher the app serves (mounted at `/`), and what
//! they share: negotiation and error pages (`respond`), request guards, response
//! headers, metering and the connection watch. Handlers parse the request, make one
//! call on the link service, and answer with what it returns.

use rocket::http::Status;
use rocket::{Catcher, Either, Request, Route};

use crate::error::Error;
use respond::{not_found_message, ErrorPage, Negotiated};

pub mod access;
pub mod allowance;
mod assets;
mod collection;
pub mod connections;
mod constraints;
pub(crate) mod create;
mod destinations;
pub mod docs;
mod filters;
mod follow;
pub mod headers;
mod health;
mod language;
pub mod metrics;
mod moderate;
pub mod origin;
mod owner;
mod params;
mod peek;
mod report;
pub mod respond;
mod sharex;
mod single;
mod stats;
mod token;
mod url_info;
mod well_known;

/// All routes, for `build()` to mount at `/`.
pub fn routes() -> Vec<Route> {
    let mut all = create::routes();
    all.extend(follow::routes());
    all.extend(rocket::routes![peek::peek]);
    all.extend(owner::routes());
    all.extend(report::routes());
    all.extend(moderate::routes());
    all.extend(token::routes());
    all.extend(stats::routes());
    all.extend(collection::routes());
    all.extend(assets::routes());
    all.extend(well_known::routes());
    all.extend(sharex::routes());
    all.extend(health::routes());
    all.extend(docs::routes());
    all
}

/// Catchers for what no route answered (unknown paths, guard failures), negotiated like pages.
pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![default]
}

/// The methods each path shape accepts, for 405 answers: Rocket 0.5 answers a
/// wrong method with 404. A test checks this against the mounted routes.
pub fn allowed_methods(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        ["url" | "token"] => Some("POST"),
        [""] => Some("GET, HEAD"),
        ["health" | "metrics" | "docs" | "openapi.json"] => Some("GET, HEAD"),
        ["admin", _] => Some("GET, HEAD, POST, PATCH, DELETE"),
        ["admin", _, "rotate"] | ["collection", _, "rotate" | "links" | "deactivate"] => {
            Some("POST")
        }
        ["admin", _, "collections", _] => Some("DELETE"),
        ["admin", _, _] => Some("GET, HEAD"),
        ["collection", _, "links.csv"] => Some("GET, HEAD"),
        ["collection", _] => Some("GET, HEAD"),
        ["collections"] => Some("POST"),
        [_] => Some("GET, HEAD, POST"),
        ["peek" | "static" | "stats" | ".well-known", _] => Some("GET, HEAD"),
        ["report", _] => Some("GET, HEAD, POST"),
        ["moderate", _] => Some("GET, HEAD"),
        ["moderate", _, _] => Some("POST"),
        _ => None,
    }
}

#[rocket::catch(default)]
fn default(status: Status, req: &Request<'_>) -> Either<Error, (Status, Negotiated<ErrorPage>)> {
    if status == Status::Forbidden && origin::cross_site(req) {
        return Either::Left(Error::CrossSite);
    }
    if status == Status::NotFound {
        let allowed = allowed_methods(req.uri().path().as_str());
        if let Some(allow) = allowed.filter(|allow| !allow.contains(req.method().as_str())) {
            return Either::Left(Error::MethodNotAllowed(allow));
        }
    }
    use crate::i18n::Text;
    let detail = match status.code {
        404 => not_found_message(req),
        405 => Text::new("error-method-not-allowed-plain"),
        // HTTP's English reason phrase (`Bad Request`), passed as it is.
        code if code < 500 => {
            Text::new("error-not-processed").with("status", status.reason_lossy())
        }
        _ => Text::new("error-internal"),
    };
    Either::Right((status, Negotiated(ErrorPage::new(status, detail))))
}
