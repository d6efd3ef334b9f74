//! Every route and catcher the app serves, mounted at `/`.

use rocket::http::Status;
use rocket::{Catcher, Either, Request, Route};

use crate::error::{not_found_message, Error, ErrorPage};
use crate::negotiate::Negotiated;

mod admin;
mod assets;
mod bulk;
pub mod docs;
mod follow;
mod health;
mod home;
mod link_form;
mod links;
mod manage;
mod qr;

pub use health::Heartbeat;

/// All routes, for `build()` to mount at `/`.
pub fn routes() -> Vec<Route> {
    let mut all = home::routes();
    all.extend(links::routes());
    all.extend(follow::routes());
    all.extend(admin::routes());
    all.extend(manage::routes());
    all.extend(assets::routes());
    all.extend(health::routes());
    all.extend(qr::routes());
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
        ["url"] => Some("POST"),
        [""] => Some("GET, HEAD"),
        ["health" | "metrics" | "docs" | "openapi.json"] => Some("GET, HEAD"),
        ["admin", _] => Some("GET, HEAD, POST, PATCH, DELETE"),
        ["admin", _, _] => Some("GET, HEAD"),
        [_] => Some("GET, HEAD, POST"),
        ["peek" | "static", _] => Some("GET, HEAD"),
        _ => None,
    }
}

#[rocket::catch(default)]
fn default(status: Status, req: &Request<'_>) -> Either<Error, (Status, Negotiated<ErrorPage>)> {
    if status == Status::Forbidden && crate::origin::cross_site(req) {
        return Either::Left(Error::CrossSite);
    }
    if status == Status::NotFound {
        let allowed = allowed_methods(req.uri().path().as_str());
        if let Some(allow) = allowed.filter(|allow| !allow.contains(req.method().as_str())) {
            return Either::Left(Error::MethodNotAllowed(allow));
        }
    }
    let detail = match status.code {
        404 => not_found_message(req),
        405 => "Method not allowed".to_owned(),
        code if code < 500 => format!(
            "{}: the request could not be processed",
            status.reason_lossy()
        ),
        _ => "Internal server error".to_owned(),
    };
    Either::Right((status, Negotiated(ErrorPage::new(status, detail))))
}
