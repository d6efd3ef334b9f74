//! Every route and catcher the app serves, mounted at `/`.

use rocket::http::Status;
use rocket::{Catcher, Request, Route};

use crate::error::{not_found_message, ErrorPage};
use crate::negotiate::Negotiated;

mod admin;
mod assets;
mod health;
mod home;
mod links;

/// All routes, for `build()` to mount at `/`.
pub fn routes() -> Vec<Route> {
    let mut all = home::routes();
    all.extend(links::routes());
    all.extend(admin::routes());
    all.extend(assets::routes());
    all.extend(health::routes());
    all
}

/// Catchers for what no route answered (unknown paths, guard failures), negotiated like pages.
pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![default]
}

#[rocket::catch(default)]
fn default(status: Status, req: &Request<'_>) -> (Status, Negotiated<ErrorPage>) {
    let detail = match status.code {
        404 => not_found_message(req),
        405 => "Method not allowed".to_owned(),
        code if code < 500 => format!(
            "{}: the request could not be processed",
            status.reason_lossy()
        ),
        _ => "Internal server error".to_owned(),
    };
    (status, Negotiated(ErrorPage::new(status, detail)))
}
