//! The browser's side of private mode: the home page asks for the creator token once,
//! and `POST /token` keeps it in a cookie (HttpOnly, SameSite=Lax, Secure on https).
//! Programs send `Authorization: Bearer <token>` with each create instead.

use crate::web::single::Single;
use rocket::form::Form;
use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::response::Redirect;
use rocket::serde::json::Json;
use rocket::{post, routes, Either, Route, State};
use serde::{Deserialize, Serialize};

use super::allowance::TOKEN_COOKIE;
use super::create::{FormValues, IndexPage};
use super::origin::SameOrigin;
use super::respond::{unsupported_body, Format, JsonObject, Refusal};
use crate::error::{Error, Result};
use crate::service::Links;
use crate::settings::Settings;

pub fn routes() -> Vec<Route> {
    routes![token_form, token_json, token_unsupported]
}

/// The token form's body (or `{"token": ...}`).
#[derive(Debug, rocket::FromForm, Deserialize, utoipa::ToSchema)]
#[schema(as = CreatorToken)]
pub struct TokenBody {
    /// A creator token from `shortener tokens create`.
    #[schema(value_type = String, required = true)]
    #[serde(default)]
    token: Single,
}

/// What a kept token answers (JSON).
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = TokenKept)]
pub struct Kept {
    detail: &'static str,
}

#[post("/token", format = "form", data = "<body>")]
async fn token_form(
    _site: SameOrigin,
    body: Option<Form<TokenBody>>,
    format: Format,
    cookies: &CookieJar<'_>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Either<Redirect, Json<Kept>>, Refusal<IndexPage>> {
    let token = body.and_then(|b| b.into_inner().token.0);
    keep(token, format, cookies, links, settings).await
}

#[utoipa::path(post, path = "/token", tag = "links",
    summary = "Keep a creator token in this browser (private mode)",
    description = "Checks the token and sets the `creator_token` cookie (HttpOnly, SameSite=Lax, Secure on https), which later creates from this browser send. Programs can instead send `Authorization: Bearer <token>` with each create.",
    request_body(content((TokenBody = "application/json"), (TokenBody = "application/x-www-form-urlencoded"))),
    responses(
        (status = 200, description = "Kept (JSON)", body = Kept),
        (status = 303, description = "Kept (HTML): to the home page, now with the create forms", headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = crate::web::respond::ErrorPage),
        (status = 401, description = "Not a valid creator token, or it was revoked", body = crate::web::respond::ErrorPage),
        (status = 403, description = "Sent from another site's page", body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "Not {\"token\": <string>}", body = crate::web::respond::ErrorPage),
    ))]
#[post("/token", format = "json", data = "<body>")]
pub async fn token_json(
    _site: SameOrigin,
    body: Result<JsonObject<TokenBody>, Error>,
    format: Format,
    cookies: &CookieJar<'_>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Either<Redirect, Json<Kept>>, Refusal<IndexPage>> {
    let body = body?;
    keep(body.0.token.0, format, cookies, links, settings).await
}

/// Any other body type (or none) on `POST /token`.
#[post("/token", rank = 2)]
fn token_unsupported() -> Error {
    unsupported_body("error-body-token")
}

/// Sets the cookie for a valid token; else the home page asks again, with why.
async fn keep(
    token: Option<String>,
    format: Format,
    cookies: &CookieJar<'_>,
    links: &Links,
    settings: &Settings,
) -> Result<Either<Redirect, Json<Kept>>, Refusal<IndexPage>> {
    let token = token.map(|t| t.trim().to_owned()).unwrap_or_default();
    if let Err(error) = links.check_token(&token).await {
        let page = IndexPage::new(settings, FormValues::default(), Some(&error));
        return Err(Refusal {
            error,
            page: Some(page),
        });
    }
    let cookie = Cookie::build((TOKEN_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(settings.base_url.starts_with("https://"))
        .path("/")
        .max_age(rocket::time::Duration::days(365));
    cookies.add(cookie);
    Ok(match format {
        Format::Html => Either::Left(Redirect::to("/")),
        Format::Json => Either::Right(Json(Kept {
            detail: "The token was accepted; this browser keeps it",
        })),
    })
}
