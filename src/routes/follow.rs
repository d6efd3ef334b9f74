//! Following links: the redirect (the hot path), HEAD, peek, and the password form
//! of protected links.

use std::net::IpAddr;
use std::sync::Arc;

use askama::Template;
use rocket::form::Form;
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, content::RawHtml, Responder};
use rocket::serde::json::Json;
use rocket::{get, head, post, routes, Response, Route, State};
use rocket_db_pools::Connection;
use serde::{Deserialize, Serialize};

use crate::cache::{LinkCache, Target};
use crate::clicks::Clicks;
use crate::clock::{stamp, Clock};
use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::keys::ShortKey;
use crate::limit::Limiters;
use crate::links;
use crate::negotiate::{Format, Negotiated};
use crate::origin::SameOrigin;
use crate::password;
use crate::visit::Visit;

pub fn routes() -> Vec<Route> {
    routes![follow, check, peek, unlock_form, unlock_json]
}

/// A redirect to the target, its Location written as stored (validated, ASCII).
/// 307 for a visit: temporary, so browsers ask again and every visit is counted;
/// 303 after the password form, so the browser GETs the target.
pub struct Forward(Status, Arc<str>);

impl<'r> Responder<'r, 'static> for Forward {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        Response::build()
            .status(self.0)
            .raw_header("Location", self.1.to_string())
            .ok()
    }
}

/// The hot path: the target from memory, the click counted in memory.
#[utoipa::path(get, path = "/{key}", tag = "links", summary = "Follow a short link (counts a click)",
    params(("key" = String, Path, description = "The short key")),
    responses(
        (status = 307, description = "To the target", headers(("Location" = String))),
        (status = 401, description = "Protected by a password", body = crate::error::ErrorPage),
        (status = 404, description = "No such link", body = crate::error::ErrorPage),
        (status = 410, description = "Expired or used up", body = crate::error::ErrorPage),
    ))]
#[get("/<key>")]
pub(super) async fn follow(
    key: Result<ShortKey, Error>,
    db: &State<Db>,
    cache: &State<LinkCache>,
    clicks: &State<Arc<Clicks>>,
    clock: &State<Clock>,
    visit: Visit,
) -> Result<Forward, Locked> {
    let target = cache.target(db, &key?).await?;
    if target.protected {
        return Err(Error::PasswordRequired.into());
    }
    let url = pass(&target, db, clicks, &visit, clock.inner()).await?;
    Ok(Forward(Status::TemporaryRedirect, url))
}

/// Lets a visit through the link's limits and counts it: expired links never
/// forward; links with `max_clicks` are counted by the database, so the last
/// allowed click is exact under any concurrency.
async fn pass(
    target: &Target,
    db: &Db,
    clicks: &Clicks,
    visit: &Visit,
    clock: &Clock,
) -> Result<Arc<str>> {
    let now = clock.now();
    if target.expired(now) {
        return Err(Error::Gone);
    }
    if target.limited {
        let mut conn = db.0.acquire().await?;
        if !links::take_click(&mut conn, target.id, &stamp(now)).await? {
            return Err(Error::Gone);
        }
        clicks.record_counted(target.id, visit, now);
    } else {
        clicks.record(target.id, visit, now);
    }
    Ok(target.url.clone())
}

/// HEAD checks a link without counting a click (Rocket would otherwise run `follow`).
#[utoipa::path(head, path = "/{key}", tag = "links", summary = "Check a short link without counting a click",
    params(("key" = String, Path, description = "The short key")),
    responses((status = 307, description = "It forwards"), (status = 401), (status = 404), (status = 410)))]
#[head("/<key>")]
pub(super) async fn check(
    key: Result<ShortKey, Error>,
    mut db: Connection<Db>,
    clock: &State<Clock>,
) -> Result<Forward> {
    let link = open_link(&mut db, &key?, clock).await?;
    Ok(Forward(Status::TemporaryRedirect, link.target_url.into()))
}

/// A link that would forward a visitor now (for HEAD and peek, which count nothing).
async fn open_link(db: &mut Connection<Db>, key: &ShortKey, clock: &Clock) -> Result<links::Link> {
    let link = links::find(db, key).await?;
    if link.protected {
        return Err(Error::PasswordRequired);
    }
    if link.is_expired(clock.now()) {
        return Err(Error::Gone);
    }
    Ok(link)
}

/// Where a link goes, without going there (and without counting a click).
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "peek.html")]
#[schema(as = Peek)]
pub struct PeekPage {
    target_url: String,
    url: String,
}

#[utoipa::path(get, path = "/peek/{key}", tag = "links", summary = "Where a link goes, without going there",
    params(("key" = String, Path, description = "The short key")),
    responses(
        (status = 200, body = PeekPage),
        (status = 401, description = "Protected: the target is not shown", body = crate::error::ErrorPage),
        (status = 404, body = crate::error::ErrorPage),
        (status = 410, body = crate::error::ErrorPage),
    ))]
#[get("/peek/<key>")]
pub(super) async fn peek(
    key: Result<ShortKey, Error>,
    mut db: Connection<Db>,
    settings: &State<Settings>,
    clock: &State<Clock>,
) -> Result<Negotiated<PeekPage>> {
    let link = open_link(&mut db, &key?, clock).await?;
    Ok(Negotiated(PeekPage {
        url: settings.short_url(&link.key),
        target_url: link.target_url,
    }))
}

/// The password form's body (or `{"password": ...}`).
#[derive(rocket::FromForm, Deserialize, utoipa::ToSchema)]
pub struct Unlock {
    password: String,
}

#[post("/<key>", format = "form", data = "<body>")]
async fn unlock_form(
    _site: SameOrigin,
    key: Result<ShortKey, Error>,
    body: Option<Form<Unlock>>,
    gate: Gate<'_>,
) -> Result<Forward, Locked> {
    gate.unlock(key?, body.map(|b| b.into_inner().password))
        .await
}

#[utoipa::path(post, path = "/{key}", tag = "links", summary = "Open a password-protected link",
    params(("key" = String, Path, description = "The short key")),
    request_body = Unlock,
    responses(
        (status = 303, description = "Right password: to the target (a click is counted)", headers(("Location" = String))),
        (status = 401, description = "Wrong or missing password", body = crate::error::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::error::ErrorPage),
        (status = 404, body = crate::error::ErrorPage),
        (status = 410, body = crate::error::ErrorPage),
        (status = 429, description = "Too many attempts from this address, or too many wrong passwords for this link lately (Retry-After)", body = crate::error::ErrorPage),
    ))]
#[post("/<key>", format = "json", data = "<body>")]
pub(super) async fn unlock_json(
    _site: SameOrigin,
    key: Result<ShortKey, Error>,
    body: Option<Json<Unlock>>,
    gate: Gate<'_>,
) -> Result<Forward, Locked> {
    gate.unlock(key?, body.map(|b| b.into_inner().password))
        .await
}

/// Everything a password attempt needs from the app and the request.
pub(super) struct Gate<'r> {
    db: &'r Db,
    cache: &'r LinkCache,
    clicks: &'r Clicks,
    clock: &'r Clock,
    limiters: &'r Limiters,
    client: Option<IpAddr>,
    visit: Visit,
}

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for Gate<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, ()> {
        let rocket = req.rocket();
        let parts = (
            rocket.state::<Db>(),
            rocket.state::<LinkCache>(),
            rocket.state::<Arc<Clicks>>(),
            rocket.state::<Clock>(),
            rocket.state::<Limiters>(),
        );
        let (Some(db), Some(cache), Some(clicks), Some(clock), Some(limiters)) = parts else {
            return rocket::request::Outcome::Error((Status::InternalServerError, ()));
        };
        let visit = req.guard::<Visit>().await.succeeded();
        rocket::request::Outcome::Success(Gate {
            db,
            cache,
            clicks,
            clock,
            limiters,
            client: req.client_ip(),
            visit: visit.unwrap_or_else(|| Visit::from_headers(None, None)),
        })
    }
}

impl Gate<'_> {
    /// The right password forwards (303) and counts the click; attempts are rate
    /// limited per client and braked per link (both refuse before any argon2 work),
    /// and checked against the argon2 hash only.
    async fn unlock(&self, key: ShortKey, password: Option<String>) -> Result<Forward, Locked> {
        let target = self.cache.target(self.db, &key).await?;
        if target.protected {
            let attempt = password.ok_or(Error::PasswordRequired)?;
            let limit = self.limiters.unlock.check(self.client);
            limit.map_err(Error::TooManyAttempts)?;
            let turn = self.limiters.brake.admit(target.id);
            let turn = turn.map_err(Error::LinkBraked)?;
            if !self.verify(target.id, attempt).await? {
                turn.wrong();
                return Err(Error::WrongPassword.into());
            }
            turn.right();
        }
        let url = pass(&target, self.db, self.clicks, &self.visit, self.clock).await?;
        Ok(Forward(Status::SeeOther, url))
    }

    /// Whether `attempt` is the password of link `id`.
    async fn verify(&self, id: i64, attempt: String) -> Result<bool> {
        let mut conn = self.db.0.acquire().await?;
        let hash = links::password_hash(&mut conn, id).await?;
        drop(conn);
        password::verify(attempt, hash).await
    }
}

/// A visit that did not go through: protected links get the password form (HTML)
/// or the error (JSON); anything else is the error as usual.
pub struct Locked(Error);

impl From<Error> for Locked {
    fn from(error: Error) -> Locked {
        Locked(error)
    }
}

/// The password form, with the last attempt's message.
#[derive(Template)]
#[template(path = "locked.html")]
struct LockedPage<'a> {
    error: &'a Error,
    /// Where the form posts: the link's short URL.
    action: &'a str,
}

impl LockedPage<'_> {
    fn field_error(&self) -> Option<String> {
        matches!(self.error, Error::WrongPassword).then(|| self.error.to_string())
    }

    fn form_error(&self) -> Option<String> {
        matches!(self.error, Error::TooManyAttempts(_) | Error::LinkBraked(_))
            .then(|| self.error.to_string())
    }
}

impl<'r> Responder<'r, 'static> for Locked {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let locked = matches!(
            self.0,
            Error::PasswordRequired
                | Error::WrongPassword
                | Error::TooManyAttempts(_)
                | Error::LinkBraked(_)
        );
        if !locked || Format::of(req) == Format::Json {
            return self.0.respond_to(req);
        }
        // The link's own address on `base_url`: the raw path would not do, as
        // `//key` would make the browser post the password to a host named `key`.
        let key = req.uri().path().segments().last().unwrap_or_default();
        let action = match req.rocket().state::<Settings>() {
            Some(settings) => settings.short_url(key),
            None => format!("/{key}"),
        };
        let page = LockedPage {
            error: &self.0,
            action: &action,
        };
        let mut res = match page.render() {
            Ok(html) => self.0.respond_with(req, RawHtml(html))?,
            Err(_) => return self.0.respond_to(req),
        };
        res.set_raw_header("Content-Security-Policy", crate::headers::LOCKED_CSP);
        Ok(res)
    }
}
