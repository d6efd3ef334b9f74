//! Following links: the redirect (the hot path), HEAD, peek, and the password form
//! of protected links.

use std::sync::Arc;

use askama::Template;
use rocket::form::Form;
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};
use rocket::serde::json::{self, Json};
use rocket::{get, head, post, routes, Response, Route, State};
use serde::{Deserialize, Serialize};

use super::origin::SameOrigin;
use super::respond::{json_error, unsupported_body, Negotiated, Page, Refusal};
use crate::domain::keys::ShortKey;
use crate::domain::visit::Visit;
use crate::error::{Error, Result};
use crate::service::Links;
use crate::settings::Settings;

pub fn routes() -> Vec<Route> {
    routes![
        follow,
        check,
        peek,
        unlock_form,
        unlock_json,
        unlock_unsupported
    ]
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

/// The hot path: one call on the service, which answers from memory.
#[utoipa::path(get, path = "/{key}", tag = "links", summary = "Follow a short link (counts a click)",
    params(("key" = String, Path, description = "The short key")),
    responses(
        (status = 307, description = "To the target", headers(("Location" = String))),
        (status = 401, description = "Protected by a password", body = crate::web::respond::ErrorPage),
        (status = 404, description = "No such link", body = crate::web::respond::ErrorPage),
        (status = 410, description = "Expired, used up, or disabled by the operator (with the reason)", body = crate::web::respond::ErrorPage),
    ))]
#[get("/<key>")]
pub async fn follow(
    key: Result<ShortKey, Error>,
    visitor: Visitor<'_>,
) -> Result<Forward, Refusal<LockedPage>> {
    let key = key?;
    match visitor
        .links
        .follow(&key, &visitor.visit, visitor.query)
        .await
    {
        Ok(url) => Ok(Forward(Status::TemporaryRedirect, url)),
        Err(error) => Err(LockedPage::refusal(
            error,
            &key,
            visitor.settings,
            visitor.query,
        )),
    }
}

/// HEAD checks a link without counting a click (Rocket would otherwise run `follow`).
#[utoipa::path(head, path = "/{key}", tag = "links", summary = "Check a short link without counting a click",
    params(("key" = String, Path, description = "The short key")),
    responses((status = 307, description = "It forwards"), (status = 401), (status = 404), (status = 410)))]
#[head("/<key>")]
pub async fn check(key: Result<ShortKey, Error>, links: &State<Links>) -> Result<Forward> {
    let link = links.peek(&key?).await?;
    Ok(Forward(Status::TemporaryRedirect, link.target_url.into()))
}

/// Where a link goes, without going there (and without counting a click).
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "peek.html")]
#[schema(as = Peek)]
pub struct PeekPage {
    target_url: String,
    url: String,
    /// When the owner last changed the target (UTC, RFC 3339); `null`: never.
    target_changed_at: Option<String>,
    /// Where the "Report this link" form posts.
    #[serde(skip)]
    #[schema(ignore)]
    report: super::report::ReportForm,
}

#[utoipa::path(get, path = "/peek/{key}", tag = "links", summary = "Where a link goes, without going there",
    params(("key" = String, Path, description = "The short key")),
    responses(
        (status = 200, description = "The target, shown (with a link to it)",
            content((PeekPage = "application/json"), (String = "text/html"))),
        (status = 401, description = "Protected: the target is not shown", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 410, description = "Expired, used up, or disabled by the operator", body = crate::web::respond::ErrorPage),
    ))]
#[get("/peek/<key>")]
pub async fn peek(
    key: Result<ShortKey, Error>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Negotiated<PeekPage>, Refusal<LockedPage>> {
    let key = key?;
    let link = match links.peek(&key).await {
        Ok(link) => link,
        Err(e @ (Error::Gone | Error::Disabled(_))) => {
            return Err(LockedPage::refusal(e, &key, settings, None))
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Negotiated(PeekPage {
        url: settings.short_url(&link.key),
        target_url: link.target_url,
        target_changed_at: link.target_changed_at,
        report: super::report::ReportForm::new(&link.key),
    }))
}

/// The password form's body (or `{"password": ...}`).
#[derive(rocket::FromForm, Deserialize, utoipa::ToSchema)]
pub struct Unlock {
    /// Missing or wrong: 401 on a protected link; a link without one forwards anyway.
    password: Option<String>,
}

#[post("/<key>", format = "form", data = "<body>")]
async fn unlock_form(
    _site: SameOrigin,
    key: Result<ShortKey, Error>,
    body: Option<Form<Unlock>>,
    visitor: Visitor<'_>,
) -> Result<Forward, Refusal<LockedPage>> {
    let password = body.and_then(|b| b.into_inner().password);
    unlock(key?, password, visitor).await
}

#[utoipa::path(post, path = "/{key}", tag = "links", summary = "Open a password-protected link",
    params(("key" = String, Path, description = "The short key")),
    request_body(content((Unlock = "application/json"), (Unlock = "application/x-www-form-urlencoded"))),
    responses(
        (status = 303, description = "Right password: to the target (a click is counted)", headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = crate::web::respond::ErrorPage),
        (status = 401, description = "Wrong or missing password (HTML: the password form again, with why)", body = crate::web::respond::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 410, body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "Not {\"password\": <string>}", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many attempts from this address, or too many wrong passwords for this link lately (Retry-After)", body = crate::web::respond::ErrorPage),
    ))]
#[post("/<key>", format = "json", data = "<body>")]
pub async fn unlock_json(
    _site: SameOrigin,
    key: Result<ShortKey, Error>,
    body: Result<Json<Unlock>, json::Error<'_>>,
    visitor: Visitor<'_>,
) -> Result<Forward, Refusal<LockedPage>> {
    let key = key?;
    let body = body.map_err(|e| json_error(&e))?;
    unlock(key, body.into_inner().password, visitor).await
}

/// Any other body type (or none) on `POST /<key>`.
#[post("/<_>", rank = 3)]
fn unlock_unsupported() -> Error {
    unsupported_body("the password")
}

/// The right password forwards (303) and counts the click; anything else shows the
/// form again with why.
async fn unlock(
    key: ShortKey,
    password: Option<String>,
    visitor: Visitor<'_>,
) -> Result<Forward, Refusal<LockedPage>> {
    let Visitor {
        links,
        settings,
        visit,
        client,
        query,
    } = visitor;
    match links.unlock(&key, password, client, &visit, query).await {
        Ok(url) => Ok(Forward(Status::SeeOther, url)),
        Err(error) => Err(LockedPage::refusal(error, &key, settings, query)),
    }
}

/// Everything following a link needs from the app and the request, in one guard (each
/// guard is a boxed future per request, and this is the hot path): the service, the
/// settings for the password form, the visit to count, and the client address
/// (password attempts are limited by it).
pub struct Visitor<'r> {
    links: &'r Links,
    settings: &'r Settings,
    visit: Visit,
    client: Option<std::net::IpAddr>,
    /// The query string as sent, for links with `forward_query`.
    query: Option<&'r str>,
}

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for Visitor<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, ()> {
        let rocket = req.rocket();
        let (Some(links), Some(settings)) = (rocket.state::<Links>(), rocket.state::<Settings>())
        else {
            return rocket::request::Outcome::Error((Status::InternalServerError, ()));
        };
        let headers = req.headers();
        rocket::request::Outcome::Success(Visitor {
            links,
            settings,
            visit: Visit::from_headers(headers.get_one("Referer"), headers.get_one("User-Agent")),
            client: req.client_ip(),
            query: req.uri().query().map(|q| q.as_str()),
        })
    }
}

/// Where a visitor of a short link lands when it does not forward: the password
/// form (with the last attempt's message), or why it no longer forwards; both with
/// a link to report it.
#[derive(Template)]
#[template(path = "locked.html")]
pub struct LockedPage {
    field_error: Option<String>,
    form_error: Option<String>,
    /// Where the form posts: the link's short URL on `base_url` (the raw path would
    /// not do, as `//key` would make the browser post the password to a host named `key`),
    /// with the visitor's query, which a link with `forward_query` passes on once open.
    action: String,
    /// Expired or disabled: the heading and the message, instead of the form.
    stopped: Option<(&'static str, String)>,
    /// The report form's page.
    report_url: String,
}

impl LockedPage {
    /// A visit that did not go through: protected links get the password form
    /// (HTML) or the error (JSON); anything else is the error as usual. `query` is the
    /// visit's query string, kept in the form's action.
    fn refusal(
        error: Error,
        key: &ShortKey,
        settings: &Settings,
        query: Option<&str>,
    ) -> Refusal<LockedPage> {
        let locked = matches!(
            error,
            Error::PasswordRequired
                | Error::WrongPassword
                | Error::TooManyAttempts(_)
                | Error::LinkBraked(_)
        );
        let stopped = match &error {
            Error::Gone => Some(("This link has expired", error.to_string())),
            Error::Disabled(reason) => Some((
                "This link was disabled by the operator of this site",
                format!("The reason given: {reason}"),
            )),
            _ => None,
        };
        let page = (locked || stopped.is_some()).then(|| LockedPage {
            field_error: matches!(error, Error::WrongPassword).then(|| error.to_string()),
            form_error: matches!(error, Error::TooManyAttempts(_) | Error::LinkBraked(_))
                .then(|| error.to_string()),
            action: match query {
                Some(query) if !query.is_empty() => {
                    format!("{}?{query}", settings.short_url(key.as_str()))
                }
                _ => settings.short_url(key.as_str()),
            },
            stopped,
            report_url: format!("/report/{key}"),
        });
        Refusal { error, page }
    }
}

impl Page for LockedPage {
    fn csp(&self) -> Option<&'static str> {
        Some(super::headers::LOCKED_CSP)
    }
}
