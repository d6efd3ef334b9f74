//! A collection's changes, through its secret: add a link by its admin URL,
//! deactivate links together, and a new secret when the old one leaked. Each works
//! from the page's forms and from JSON.

use crate::web::single::Single;
use rocket::form::Form;
use rocket::response::{Flash, Redirect};
use rocket::serde::json::Json;
use rocket::{post, routes, Either, Route, State};
use serde::{Deserialize, Serialize};

use super::{page_of, CollectionPage};
use crate::domain::keys::SecretKey;
use crate::domain::window::Window;
use crate::error::{Error, Result};
use crate::service::{Links, Listing};
use crate::settings::Settings;
use crate::web::origin::SameOrigin;
use crate::web::respond::{unsupported_body, Format, JsonObject, NoStore, Refusal};
use crate::web::url_info::UrlInfo;

pub fn routes() -> Vec<Route> {
    routes![
        join_form,
        join_json,
        join_unsupported,
        deactivate_form,
        deactivate_json,
        deactivate_unsupported,
        rotate
    ]
}

/// People go back to the collection's page with a notice; programs get JSON.
type Changed<T> = NoStore<Either<Flash<Redirect>, Json<T>>>;

/// Back to the collection `secret`'s page with the notice `word`.
fn back(secret: &SecretKey, word: String) -> Flash<Redirect> {
    Flash::success(
        Redirect::to(format!("/collection/{}", secret.as_str())),
        word,
    )
}

/// A link to add: its admin URL, proof that it is the owner's.
#[derive(Debug, rocket::FromForm, Deserialize, utoipa::ToSchema)]
#[schema(as = JoinCollection)]
pub struct Join {
    /// The link's admin URL (`<base>/admin/<secret>`), or its bare secret.
    #[schema(value_type = String, required = true,
        pattern = "^[ \\t\\n\\r]*(?:(?:[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+)?/admin/)?[A-Za-z0-9]{32}/?[ \\t\\n\\r]*$")]
    #[serde(default)]
    admin_url: Single,
}

#[post("/collection/<secret>/links", format = "form", data = "<body>")]
async fn join_form(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    body: Option<Form<Join>>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Changed<UrlInfo>, Refusal<CollectionPage>> {
    let typed = body.and_then(|b| b.into_inner().admin_url.0);
    join(secret?, typed, format, links, settings).await
}

#[utoipa::path(post, path = "/collection/{secret}/links", tag = "collections", operation_id = "join_collection",
    summary = "Add an existing link to the collection, by its admin URL",
    params(("secret" = String, Path, description = "The collection's secret")),
    request_body(content((Join = "application/json"), (Join = "application/x-www-form-urlencoded"))),
    responses(
        (status = 200, description = "Added (JSON): the link, with its admin URL", body = UrlInfo),
        (status = 303, description = "Added (HTML): back to the collection's page", headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = crate::web::respond::ErrorPage),
        (status = 403, description = "No link has this admin URL, or sent from another site's page (HTML: the page again, with the message beside the field)", body = crate::web::respond::ErrorPage),
        (status = 404, description = "No such collection", body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "No admin_url, or not an admin URL", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many changes to this collection", body = crate::web::respond::ErrorPage),
    ))]
#[post("/collection/<secret>/links", format = "json", data = "<body>")]
pub async fn join_json(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    body: Result<JsonObject<Join>, Error>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Changed<UrlInfo>, Refusal<CollectionPage>> {
    let secret = secret?;
    let typed = body?.0.admin_url.0;
    join(secret, typed, format, links, settings).await
}

/// Any other body type (or none) on `POST /collection/<secret>/links`.
#[post("/collection/<_>/links", rank = 2)]
fn join_unsupported() -> Error {
    unsupported_body("error-body-admin-url")
}

/// Adds the link the pasted admin URL opens; a refusal shows the page again with
/// what was typed and why.
async fn join(
    secret: SecretKey,
    typed: Option<String>,
    format: Format,
    links: &Links,
    settings: &Settings,
) -> Result<Changed<UrlInfo>, Refusal<CollectionPage>> {
    let typed = typed.unwrap_or_default();
    let joined = async {
        let admin = SecretKey::from_pasted(&typed, "admin").ok_or_else(|| Error::Invalid {
            field: "admin_url",
            message: crate::i18n::Text::new("error-admin-url"),
        })?;
        let link = links.join(&secret, &admin).await?;
        Ok::<_, Error>((link, admin))
    };
    match joined.await {
        Ok(_) if format == Format::Html => Ok(NoStore(Either::Left(back(&secret, "added".into())))),
        Ok((link, admin)) => Ok(NoStore(Either::Right(Json(UrlInfo::new(
            link, &admin, settings,
        ))))),
        Err(error) => {
            let page = page_of(
                &secret,
                (Listing::default(), Window::default()),
                links,
                settings,
            )
            .await;
            let page = page.ok().map(|mut page| {
                page.refused = Some(("admin_url", typed, error.text()));
                page
            });
            Err(Refusal { error, page })
        }
    }
}

/// The links to deactivate, by key.
#[derive(Debug, rocket::FromForm, Deserialize, utoipa::ToSchema)]
#[schema(as = DeactivateLinks)]
pub struct Deactivate {
    /// Keys of the collection's links; others are left alone. The page's form sends
    /// one `keys` field per selected link. Absent or empty: nothing is deactivated.
    #[serde(default)]
    #[schema(max_items = 1000)]
    keys: Vec<String>,
}

/// What a deactivation did.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Deactivated)]
pub struct Deactivated {
    /// The keys deactivated (those already inactive or not in the collection are not).
    deactivated: Vec<String>,
}

/// Most keys one request may name.
const MAX_KEYS: usize = 1000;

#[post("/collection/<secret>/deactivate", format = "form", data = "<body>")]
async fn deactivate_form(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    body: Option<Form<Deactivate>>,
    format: Format,
    links: &State<Links>,
) -> Result<Changed<Deactivated>> {
    let keys = body.map(|b| b.into_inner().keys).unwrap_or_default();
    deactivate(secret?, keys, format, links).await
}

#[utoipa::path(post, path = "/collection/{secret}/deactivate", tag = "collections", operation_id = "deactivate_in_collection",
    summary = "Deactivate several of the collection's links at once",
    params(("secret" = String, Path, description = "The collection's secret")),
    request_body(content((Deactivate = "application/json"), (Deactivate = "application/x-www-form-urlencoded"))),
    responses(
        (status = 200, description = "Done (JSON)", body = Deactivated),
        (status = 303, description = "Done (HTML): back to the collection's page", headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = crate::web::respond::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "Not {\"keys\": [<string>, ...]}, or more than 1,000 keys", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many changes to this collection", body = crate::web::respond::ErrorPage),
    ))]
#[post("/collection/<secret>/deactivate", format = "json", data = "<body>")]
pub async fn deactivate_json(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    body: Result<JsonObject<Deactivate>, Error>,
    format: Format,
    links: &State<Links>,
) -> Result<Changed<Deactivated>> {
    let secret = secret?;
    let keys = body?.0.keys;
    deactivate(secret, keys, format, links).await
}

/// Any other body type (or none) on `POST /collection/<secret>/deactivate`.
#[post("/collection/<_>/deactivate", rank = 2)]
fn deactivate_unsupported() -> Error {
    unsupported_body("error-body-keys")
}

async fn deactivate(
    secret: SecretKey,
    keys: Vec<String>,
    format: Format,
    links: &Links,
) -> Result<Changed<Deactivated>> {
    if keys.len() > MAX_KEYS {
        return Err(Error::Invalid {
            field: "keys",
            message: crate::i18n::Text::new("error-too-many-keys").with("max", MAX_KEYS),
        });
    }
    let done = links.deactivate_in(&secret, &keys).await?;
    Ok(NoStore(match format {
        // The form with no link selected: back, saying so.
        Format::Html if keys.is_empty() => Either::Left(back(&secret, "none-selected".into())),
        Format::Html => Either::Left(back(&secret, format!("deactivated:{}", done.len()))),
        Format::Json => Either::Right(Json(Deactivated { deactivated: done })),
    }))
}

#[utoipa::path(post, path = "/collection/{secret}/rotate", tag = "collections", operation_id = "rotate_collection",
    summary = "Give the collection a new secret; the old URL answers 404 from now on",
    description = "With `links=true`, every active link in it gets a new admin URL too (the \
        old ones answer 404) and leaves every other collection: for a collection URL that \
        leaked, since its page listed the links' admin URLs. Without it the links keep theirs.",
    params(("secret" = String, Path, description = "The collection's secret"),
        ("links" = Option<bool>, Query, description = "Also give every active link in it a new admin URL (`true`); default `false`")),
    responses(
        (status = 200, description = "The collection at its new url (JSON)", body = CollectionPage),
        (status = 303, description = "To the new page (HTML)", headers(("Location" = String))),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 422, description = "`links` is neither `true` nor `false`", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many changes to this collection", body = crate::web::respond::ErrorPage),
    ))]
#[post("/collection/<secret>/rotate?<links>")]
pub async fn rotate(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    links: Option<&str>,
    format: Format,
    service: &State<Links>,
    settings: &State<Settings>,
) -> Result<Changed<CollectionPage>> {
    let secret = secret?;
    let with_links = match links.map(str::trim) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return Err(Error::Invalid {
                field: "links",
                message: crate::i18n::Text::new("error-rotate-links"),
            })
        }
    };
    let (_, new, renewed) = service.rotate_collection(&secret, with_links).await?;
    Ok(NoStore(match format {
        Format::Html if with_links => Either::Left(back(&new, format!("rotated-links:{renewed}"))),
        Format::Html => Either::Left(back(&new, "rotated".into())),
        Format::Json => {
            let page = page_of(
                &new,
                (Listing::default(), Window::default()),
                service,
                settings,
            );
            Either::Right(Json(page.await?))
        }
    }))
}
