//! The collections a link is in, from its owner's side: each can list the link's
//! admin URL, so the owner may take it out of any
//! (`DELETE /admin/<secret>/collections/<id>`; the admin page's button sends
//! `_method=DELETE`).

use rocket::response::{Flash, Redirect};
use rocket::serde::json::Json;
use rocket::{delete, routes, Either, Route, State};
use serde::Serialize;

use super::page::{Membership, Notice};
use crate::domain::keys::SecretKey;
use crate::error::{Error, Result};
use crate::service::Links;
use crate::web::origin::SameOrigin;
use crate::web::respond::{Format, NoStore};

pub fn routes() -> Vec<Route> {
    routes![leave]
}

/// The collections the link is still in.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Memberships)]
pub struct Memberships {
    collections: Vec<Membership>,
}

#[utoipa::path(delete, path = "/admin/{secret_key}/collections/{collection_id}", tag = "owners",
    operation_id = "leave_collection",
    summary = "Take the link out of a collection it is in",
    description = "The admin page lists the collections the link is in (`collections`); \
        a collection it leaves no longer lists it or its admin URL.",
    params(("secret_key" = String, Path),
        ("collection_id" = i64, Path, description = "An `id` from the admin page's `collections`")),
    responses(
        (status = 200, description = "Taken out (JSON): the collections it is still in", body = Memberships),
        (status = 303, description = "Taken out (HTML): back to the admin page", headers(("Location" = String))),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, description = "No such link, or it is not in that collection", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many changes to this link", body = crate::web::respond::ErrorPage),
    ))]
#[delete("/admin/<secret>/collections/<collection_id>")]
pub async fn leave(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    collection_id: &str,
    format: Format,
    links: &State<Links>,
) -> Result<NoStore<Either<Flash<Redirect>, Json<Memberships>>>> {
    let secret = secret?;
    // Not a collection's id (not a number, or out of range): in none of them.
    let collection_id: i64 = collection_id.parse().map_err(|_| Error::NotFound)?;
    let left = links.leave(&secret, collection_id).await?;
    Ok(NoStore(match format {
        Format::Html => {
            let page = Redirect::to(format!("/admin/{}", secret.as_str()));
            Either::Left(Flash::success(page, Notice::Left.as_str()))
        }
        Format::Json => Either::Right(Json(Memberships {
            collections: Membership::all(left),
        })),
    }))
}
