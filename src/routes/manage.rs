//! The owner's changes, through the secret key: a new target, or delete.
//! Each works from JSON (`PATCH`/`DELETE`) and from the admin page's forms (`_method`).

use rocket::form::Form;
use rocket::request::Request;
use rocket::response::{self, Flash, Redirect, Responder};
use rocket::serde::json::{self, Json};
use rocket::{delete, patch, post, routes, Route, State};
use rocket_db_pools::Connection;
use serde::Serialize;
use serde_json::Value;

use super::admin::{AdminPage, UrlInfo};
use super::links::json_error;
use crate::batch::Batcher;
use std::sync::Arc;

use crate::cache::LinkCache;
use crate::clicks::Clicks;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::jobs::AdminLookup;
use crate::keys::SecretKey;
use crate::limit::Limiters;
use crate::links;
use crate::negotiate::{Format, Negotiated};
use crate::origin::SameOrigin;
use crate::stats::Window;
use crate::target::TargetUrl;

pub fn routes() -> Vec<Route> {
    routes![delete, edit_json, edit_form, method_form]
}

/// The JSON answer to a delete (the tutorial's wording).
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Deleted)]
pub struct Detail {
    detail: String,
}

/// The flash message of a delete, all the `/deleted` page needs to know.
pub(super) const DELETED: &str = "deleted";

/// What a change answers: people go back to a page, programs get JSON.
#[derive(rocket::Responder)]
pub(super) enum Changed {
    Page(Flash<Redirect>),
    Deleted(Json<Detail>),
    Edited(Json<UrlInfo>),
}

#[utoipa::path(delete, path = "/admin/{secret_key}", tag = "owners", summary = "Deactivate a link",
    params(("secret_key" = String, Path)),
    responses((status = 200, body = Detail),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::error::ErrorPage),
        (status = 404, body = crate::error::ErrorPage),
        (status = 429, description = "Too many changes to this link", body = crate::error::ErrorPage)))]
#[delete("/admin/<secret>")]
pub(super) async fn delete(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    format: Format,
    cache: &State<LinkCache>,
    limiters: &State<Limiters>,
    mut db: Connection<Db>,
) -> Result<Changed> {
    let secret = secret?;
    allow_change(limiters, &secret)?;
    let link = links::deactivate(&mut db, &secret).await?;
    cache.remove(&link.key);
    let detail = format!(
        "Successfully deleted shortened URL for '{}'",
        link.target_url
    );
    Ok(match format {
        // The cookie says only that it worked: the target stays out of the browser's storage.
        Format::Html => Changed::Page(Flash::success(Redirect::to("/deleted"), DELETED)),
        Format::Json => Changed::Deleted(Json(Detail { detail })),
    })
}

/// Takes one change from the allowance of `secret`'s link (`owner_rate_limit`), before
/// any database work: every change makes every server forget and re-read the link,
/// so one owner's script must not be able to do it many times a second.
fn allow_change(limiters: &Limiters, secret: &SecretKey) -> Result<()> {
    limiters
        .owner
        .check_key(&secret.hash())
        .map_err(Error::TooManyChanges)
}

/// Points the link at a new target: same rules as creation; clicks, limits and
/// password stay; the cached target is dropped, so the next visit goes to the new one.
async fn change_target(
    secret: &SecretKey,
    raw: &str,
    app: &Owner<'_>,
    db: &mut Connection<Db>,
) -> Result<links::Link> {
    allow_change(app.limiters, secret)?;
    let target = TargetUrl::parse(raw, &app.settings.own_hosts)?;
    let update = links::set_target(db, secret, &target);
    let link = app
        .clicks
        .with_pending(update, |link, pending| {
            if let Some(clicks) = pending.get(&link.id) {
                clicks.add_to(link);
            }
        })
        .await?;
    app.cache.remove(&link.key);
    Ok(link)
}

/// The body of an edit.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct Edit {
    pub target_url: String,
}

#[utoipa::path(patch, path = "/admin/{secret_key}", tag = "owners",
    summary = "Point the link at a new target (clicks, expiry, limit and password stay)",
    params(("secret_key" = String, Path)),
    request_body = Edit,
    responses(
        (status = 200, body = UrlInfo),
        (status = 400, description = "Invalid target URL", body = crate::error::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::error::ErrorPage),
        (status = 404, body = crate::error::ErrorPage),
        (status = 422, description = "Not {\"target_url\": <string>}", body = crate::error::ErrorPage),
        (status = 429, description = "Too many changes to this link", body = crate::error::ErrorPage),
    ))]
#[patch("/admin/<secret>", format = "json", data = "<body>")]
pub(super) async fn edit_json(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    body: Result<Json<Value>, json::Error<'_>>,
    owner: Owner<'_>,
    mut db: Connection<Db>,
) -> Result<Json<UrlInfo>> {
    let secret = secret?;
    let body = body.map_err(|e| json_error(&e))?.into_inner();
    let edit: Edit = match body {
        object @ Value::Object(_) => serde_json::from_value(object).ok(),
        _ => None,
    }
    .ok_or_else(|| {
        Error::BadBody(
            rocket::http::Status::UnprocessableEntity,
            "Send {\"target_url\": \"<new URL>\"}".into(),
        )
    })?;
    let link = change_target(&secret, &edit.target_url, &owner, &mut db).await?;
    Ok(Json(UrlInfo::new(link, &secret, owner.settings)))
}

/// The admin page's forms: `_method` says which change (`DELETE` or `PATCH`).
#[derive(rocket::FromForm)]
struct MethodForm {
    #[field(name = "_method")]
    method: String,
    target_url: Option<String>,
}

/// Rocket turns a form POST into PATCH or DELETE itself when `_method` comes first.
#[patch("/admin/<secret>", format = "form", data = "<form>")]
async fn edit_form(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    form: Form<MethodForm>,
    owner: Owner<'_>,
    db: Connection<Db>,
) -> Result<Changed, EditRefused> {
    owner.edit(secret?, form.into_inner(), db).await
}

/// Any other field order arrives as a POST.
#[post("/admin/<secret>", data = "<form>")]
async fn method_form(
    site: SameOrigin,
    secret: Result<SecretKey, Error>,
    form: Form<MethodForm>,
    format: Format,
    owner: Owner<'_>,
    db: Connection<Db>,
) -> Result<Changed, EditRefused> {
    let form = form.into_inner();
    if form.method.eq_ignore_ascii_case("delete") {
        let (cache, limiters) = (State::from(owner.cache), State::from(owner.limiters));
        return Ok(delete(site, secret, format, cache, limiters, db).await?);
    }
    if form.method.eq_ignore_ascii_case("patch") {
        return owner.edit(secret?, form, db).await;
    }
    Err(Error::MethodNotAllowed("GET, HEAD, POST, PATCH, DELETE").into())
}

/// What an edit from a form needs.
pub(super) struct Owner<'r> {
    settings: &'r Settings,
    cache: &'r LinkCache,
    clicks: &'r Clicks,
    reads: &'r Batcher<AdminLookup>,
    clock: &'r Clock,
    limiters: &'r Limiters,
    format: Format,
}

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for Owner<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, ()> {
        let rocket = req.rocket();
        let parts = (
            rocket.state::<Settings>(),
            rocket.state::<LinkCache>(),
            rocket.state::<Batcher<AdminLookup>>(),
            rocket.state::<Clock>(),
            rocket.state::<Arc<Clicks>>(),
            rocket.state::<Limiters>(),
        );
        let (Some(settings), Some(cache), Some(reads), Some(clock), Some(clicks), Some(limiters)) =
            parts
        else {
            return rocket::request::Outcome::Error((
                rocket::http::Status::InternalServerError,
                (),
            ));
        };
        rocket::request::Outcome::Success(Owner {
            settings,
            cache,
            reads,
            clock,
            clicks,
            limiters,
            format: Format::of(req),
        })
    }
}

impl Owner<'_> {
    /// A new target from the admin page's form: back to the page (303) with a notice,
    /// or the page again with the message beside the field.
    async fn edit(
        &self,
        secret: SecretKey,
        form: MethodForm,
        mut db: Connection<Db>,
    ) -> Result<Changed, EditRefused> {
        let typed = form.target_url.unwrap_or_default();
        match change_target(&secret, &typed, self, &mut db).await {
            Ok(link) if self.format == Format::Json => Ok(Changed::Edited(Json(UrlInfo::new(
                link,
                &secret,
                self.settings,
            )))),
            Ok(_) => {
                let page = Redirect::to(format!("/admin/{}", secret.as_str()));
                Ok(Changed::Page(Flash::success(page, "updated")))
            }
            Err(error) => {
                let page = AdminPage::load(
                    secret,
                    Window::default(),
                    self.reads,
                    self.settings,
                    self.clock,
                );
                let page = page.await.ok().map(|mut page| {
                    page.edit = Some((typed, error.to_string()));
                    page
                });
                Err(EditRefused { error, page })
            }
        }
    }
}

/// A refused edit: programs get the error, people get the admin page again.
pub(super) struct EditRefused {
    error: Error,
    page: Option<AdminPage>,
}

impl From<Error> for EditRefused {
    fn from(error: Error) -> EditRefused {
        EditRefused { error, page: None }
    }
}

impl<'r> Responder<'r, 'static> for EditRefused {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        match (self.page, Format::of(req)) {
            (Some(page), Format::Html) => self.error.respond_with(req, Negotiated(page)),
            _ => self.error.respond_to(req),
        }
    }
}
