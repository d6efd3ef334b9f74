//! Following links: the redirect (the hot path), HEAD, and peek.

use std::sync::Arc;

use askama::Template;
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};
use rocket::{get, head, routes, Response, Route, State};
use rocket_db_pools::Connection;
use serde::Serialize;

use crate::cache::LinkCache;
use crate::clicks::Clicks;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::keys::ShortKey;
use crate::links;
use crate::negotiate::Negotiated;
use crate::visit::Visit;

pub fn routes() -> Vec<Route> {
    routes![follow, check, peek]
}

/// A 307 to the target: temporary, so browsers ask again and every visit is counted.
/// The Location header is written as stored (validated, ASCII), not re-parsed.
pub struct Forward(Arc<str>);

impl<'r> Responder<'r, 'static> for Forward {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        Response::build()
            .status(Status::TemporaryRedirect)
            .raw_header("Location", self.0.to_string())
            .ok()
    }
}

/// The hot path: the target from memory, the click counted in memory.
#[get("/<key>")]
async fn follow(
    key: Result<ShortKey, Error>,
    db: &State<Db>,
    cache: &State<LinkCache>,
    clicks: &State<Arc<Clicks>>,
    clock: &State<Clock>,
    visit: Visit,
) -> Result<Forward> {
    let target = cache.target(db, &key?).await?;
    clicks.record(target.id, &visit, clock.now());
    Ok(Forward(target.url))
}

/// HEAD checks a link without counting a click (Rocket would otherwise run `follow`).
#[head("/<key>")]
async fn check(
    key: Result<ShortKey, Error>,
    db: &State<Db>,
    cache: &State<LinkCache>,
) -> Result<Forward> {
    Ok(Forward(cache.target(db, &key?).await?.url))
}

/// Where a link goes, without going there (and without counting a click).
#[derive(Template, Serialize)]
#[template(path = "peek.html")]
struct PeekPage {
    target_url: String,
    url: String,
}

#[get("/peek/<key>")]
async fn peek(
    key: Result<ShortKey, Error>,
    mut db: Connection<Db>,
    settings: &State<Settings>,
) -> Result<Negotiated<PeekPage>> {
    let link = links::find(&mut db, &key?).await?;
    Ok(Negotiated(PeekPage {
        url: settings.short_url(&link.key),
        target_url: link.target_url,
    }))
}
