//! A new admin secret when the old one leaked: `POST /admin/<secret>/rotate`.

use rocket::response::{Flash, Redirect};
use rocket::serde::json::Json;
use rocket::{post, routes, Either, Route, State};

use super::page::Notice;
use crate::domain::keys::SecretKey;
use crate::error::{Error, Result};
use crate::service::Links;
use crate::settings::Settings;
use crate::web::origin::SameOrigin;
use crate::web::respond::{Format, NoStore};
use crate::web::url_info::UrlInfo;

pub fn routes() -> Vec<Route> {
    routes![rotate]
}

#[utoipa::path(post, path = "/admin/{secret_key}/rotate", tag = "owners", operation_id = "rotate_admin",
    summary = "Give the admin page a new secret; the old admin URL answers 404 from now on",
    description = "For an admin URL that leaked. The link, its clicks and its stats link stay. \
        It leaves every collection it was in (each held a key to its admin URL): nothing \
        anyone held before opens it afterwards. Join a collection again with the new admin URL.",
    params(("secret_key" = String, Path)),
    responses(
        (status = 200, description = "The link with its new admin_url (JSON)", body = UrlInfo),
        (status = 303, description = "To the new admin page, which says the old one is gone (HTML)", headers(("Location" = String))),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many changes to this link", body = crate::web::respond::ErrorPage),
    ))]
#[post("/admin/<secret>/rotate")]
pub async fn rotate(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<NoStore<Either<Flash<Redirect>, Json<UrlInfo>>>> {
    let (link, new, _) = links.rotate(&secret?).await?;
    Ok(NoStore(match format {
        Format::Html => {
            let page = Redirect::to(format!("/admin/{}", new.as_str()));
            Either::Left(Flash::success(page, Notice::Rotated.as_str()))
        }
        Format::Json => Either::Right(Json(UrlInfo::new(link, &new, settings))),
    }))
}
