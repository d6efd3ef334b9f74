//! Following links: the redirect (the hot path), HEAD, peek, and the password form
//! of protected links.

use crate::web::single::Single;
use std::sync::Arc;

use askama::Template;
use rocket::form::Form;
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};
use rocket::{get, head, post, routes, Response, Route};
use serde::Deserialize;

use super::origin::{OwnPage, SameOrigin};
use super::respond::{unsupported_body, JsonObject, Page, Refusal};
use crate::domain::keys::ShortKey;
use crate::domain::preview::Preview;
use crate::domain::smart::{self, RuleInput};
use crate::domain::visit::Visit;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::service::{Followed, Links};
use crate::settings::Settings;
use crate::web::filters;

pub fn routes() -> Vec<Route> {
    routes![
        follow,
        follow_head,
        unlock_form,
        unlock_json,
        unlock_unsupported
    ]
}

/// A redirect to the target, its Location written as stored (validated, ASCII).
/// 307 for a visit: temporary, so browsers ask again and every visit is counted;
/// 303 after the password form, so the browser GETs the target. The third part is
/// the `Set-Cookie` value that keeps a visitor on the variant just drawn.
pub struct Forward(Status, Arc<str>, Option<String>);

impl<'r> Responder<'r, 'static> for Forward {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let mut res = Response::build();
        res.status(self.0)
            .raw_header("Location", self.1.to_string());
        if let Some(cookie) = self.2 {
            res.raw_header("Set-Cookie", cookie);
        }
        res.ok()
    }
}

/// What a visit gets: the redirect, or (a link scanner on a `humans_only` link)
/// the page with a Continue button.
pub enum VisitAnswer {
    Forward(Forward),
    Continue(ContinuePage),
}

impl<'r> Responder<'r, 'static> for VisitAnswer {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        match self {
            VisitAnswer::Forward(forward) => forward.respond_to(req),
            VisitAnswer::Continue(page) => {
                let mut res = super::respond::html(&page, req)?.respond_to(req)?;
                res.set_raw_header("Content-Security-Policy", super::headers::LOCKED_CSP);
                res.set_raw_header("Cache-Control", "no-store");
                Ok(res)
            }
        }
    }
}

/// The page a link scanner gets from a link that counts people only: a button a
/// person presses (a POST to the link, counted then).
#[derive(Template)]
#[template(path = "continue.html")]
pub struct ContinuePage {
    /// The link's short URL with the visit's query, where the button posts.
    action: String,
    /// The owner's preview, as `og:` tags and on the page; only where the operator
    /// turned previews on.
    preview: Option<Arc<Preview>>,
}

impl ContinuePage {
    /// The Continue page of `key` for this visit, with `preview` if previews are on.
    fn new(
        key: &ShortKey,
        settings: &Settings,
        query: Option<&str>,
        preview: Option<Arc<Preview>>,
    ) -> ContinuePage {
        ContinuePage {
            action: action(key, settings, query),
            preview: preview.filter(|_| settings.previews),
        }
    }
}

/// The cookie that keeps a visitor on variant `drawn` of the link `key`: that path
/// only, a month, never sent to other sites.
fn variant_cookie(key: &ShortKey, drawn: usize, settings: &Settings) -> String {
    let secure = if settings.base_url.starts_with("https:") {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{}={drawn}; Path=/{key}; Max-Age=2592000; SameSite=Lax; HttpOnly{secure}",
        smart::VARIANT_COOKIE
    )
}

/// The short URL of `key` with the visit's `query`, for forms that post to the link.
fn action(key: &ShortKey, settings: &Settings, query: Option<&str>) -> String {
    match query {
        Some(query) if !query.is_empty() => {
            format!("{}?{query}", settings.short_url(key.as_str()))
        }
        _ => settings.short_url(key.as_str()),
    }
}

/// The hot path: one call on the service, which answers from memory.
#[utoipa::path(get, path = "/{key}", tag = "links", summary = "Follow a short link (counts a click)",
    params(("key" = String, Path, description = "The short key")),
    responses(
        (status = 200, description = "A link scanner on a `humans_only` link: a page with a Continue button, nothing counted",
            content((String = "text/html"))),
        (status = 307, description = "To the target, or where a rule or variant decides (`Set-Cookie` keeps a visitor's variant), or to `expired_url` after the end", headers(("Location" = String))),
        (status = 401, description = "Protected by a password", body = crate::web::respond::ErrorPage),
        (status = 404, description = "No such link, or not live yet (`starts_at` says when; nothing counted)", body = crate::web::respond::ErrorPage),
        (status = 410, description = "Expired, used up, or disabled by the operator (with the reason)", body = crate::web::respond::ErrorPage),
    ))]
#[get("/<key>")]
pub async fn follow(
    key: Result<ShortKey, Error>,
    visitor: Visitor<'_>,
) -> Result<VisitAnswer, Refusal<LockedPage>> {
    let key = key?;
    let followed = visitor
        .links
        .follow(&key, &visitor.visit, &visitor.rule_input())
        .await;
    let settings = visitor.settings;
    match followed {
        Ok(Followed::To { url, drawn }) => {
            let cookie = drawn.map(|n| variant_cookie(&key, n, settings));
            Ok(VisitAnswer::Forward(Forward(
                Status::TemporaryRedirect,
                url,
                cookie,
            )))
        }
        Ok(Followed::Continue(preview)) => Ok(VisitAnswer::Continue(ContinuePage::new(
            &key,
            settings,
            visitor.query,
            preview,
        ))),
        Err(error) => Err(LockedPage::refusal(error, &key, settings, visitor.query)),
    }
}

/// HEAD checks a link without counting a click (Rocket would otherwise run `follow`).
#[utoipa::path(head, path = "/{key}", tag = "links", operation_id = "check", summary = "Check a short link without counting a click",
    params(("key" = String, Path, description = "The short key")),
    responses((status = 200, description = "A link that counts people only: the Continue page (its head)"),
        (status = 307, description = "It forwards"), (status = 401), (status = 404), (status = 410)))]
#[head("/<key>")]
pub async fn follow_head(
    key: Result<ShortKey, Error>,
    visitor: Visitor<'_>,
) -> Result<VisitAnswer> {
    let key = key?;
    let peeked = visitor
        .links
        .peek(&key, &visitor.rule_input(), None)
        .await?;
    if peeked.link.humans_only {
        let preview = Preview::from_stored(peeked.link.preview.as_deref()).map(Arc::new);
        let page = ContinuePage::new(&key, visitor.settings, visitor.query, preview);
        return Ok(VisitAnswer::Continue(page));
    }
    let url = peeked.target_url.into();
    Ok(VisitAnswer::Forward(Forward(
        Status::TemporaryRedirect,
        url,
        None,
    )))
}

/// The password form's body (or `{"password": ...}`).
#[derive(rocket::FromForm, Deserialize, utoipa::ToSchema)]
pub struct Unlock {
    /// Missing or wrong: 401 on a protected link; a link without one forwards anyway.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    password: Single,
}

#[post("/<key>", format = "form", data = "<body>")]
async fn unlock_form(
    _site: SameOrigin,
    page: OwnPage,
    key: Result<ShortKey, Error>,
    body: Option<Form<Unlock>>,
    visitor: Visitor<'_>,
) -> Result<VisitAnswer, Refusal<LockedPage>> {
    let password = body.and_then(|b| b.into_inner().password.0);
    let mut asking = visitor.rule_input();
    asking.from_page = page.0;
    unlock(key?, password, visitor, asking).await
}

#[utoipa::path(post, path = "/{key}", tag = "links", summary = "Open a password-protected link",
    params(("key" = String, Path, description = "The short key")),
    request_body(content((Unlock = "application/json"), (Unlock = "application/x-www-form-urlencoded"))),
    responses(
        (status = 200, description = "A `humans_only` link's Continue button pressed by something other than a browser on this site's page (no browser User-Agent, or neither `Sec-Fetch-Site: same-origin` nor this site's `Origin`): the Continue page again, nothing counted",
            content((String = "text/html"))),
        (status = 303, description = "Right password, or a `humans_only` link's Continue button pressed: to the target (a click is counted)", headers(("Location" = String))),
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
    body: Result<JsonObject<Unlock>, Error>,
    visitor: Visitor<'_>,
) -> Result<VisitAnswer, Refusal<LockedPage>> {
    let key = key?;
    let body = body?;
    // A JSON body is a program's, as `Accept: application/json` is on `GET`.
    let mut asking = visitor.rule_input();
    asking.program = true;
    unlock(key, body.0.password.0, visitor, asking).await
}

/// Any other body type (or none) on `POST /<key>`.
#[post("/<_>", rank = 3)]
fn unlock_unsupported() -> Error {
    unsupported_body("error-body-password")
}

/// The right password (or the Continue button, pressed in a browser on this app's
/// page) forwards (303) and counts the click; anything else shows the form (or the
/// Continue page) again.
async fn unlock(
    key: ShortKey,
    password: Option<String>,
    visitor: Visitor<'_>,
    asking: RuleInput<'_>,
) -> Result<VisitAnswer, Refusal<LockedPage>> {
    let Visitor {
        links,
        settings,
        visit,
        client,
        query,
        ..
    } = visitor;
    match links.unlock(&key, password, client, &visit, &asking).await {
        Ok(Followed::To { url, drawn }) => {
            let cookie = drawn.map(|n| variant_cookie(&key, n, settings));
            Ok(VisitAnswer::Forward(Forward(Status::SeeOther, url, cookie)))
        }
        Ok(Followed::Continue(preview)) => Ok(VisitAnswer::Continue(ContinuePage::new(
            &key, settings, query, preview,
        ))),
        Err(error) => Err(LockedPage::refusal(error, &key, settings, query)),
    }
}

/// Everything following a link needs from the app and the request, in one guard (each
/// guard is a boxed future per request, and this is the hot path): the service, the
/// settings for the password form, the visit to count, and the client address
/// (password attempts are limited by it).
pub struct Visitor<'r> {
    pub(super) links: &'r Links,
    pub(super) settings: &'r Settings,
    visit: Visit,
    client: Option<std::net::IpAddr>,
    /// The query string as sent, for links with `forward_query`.
    pub(super) query: Option<&'r str>,
    /// The headers smart links decide by, as sent.
    pub(super) heard: RuleHeaders<'r>,
}

/// The request headers a smart link's rules read (and `Accept`, asked only when a
/// link scanner's visit might be a program's): borrowed, nothing parsed up front.
#[derive(Clone, Copy)]
pub(super) struct RuleHeaders<'r> {
    pub(super) user_agent: Option<&'r str>,
    pub(super) accept_language: Option<&'r str>,
    pub(super) cookie: Option<&'r str>,
    pub(super) accept: Option<&'r str>,
}

/// What the rules are told of a visit: its headers and `query`.
pub(super) fn rule_input<'a>(heard: &RuleHeaders<'a>, query: Option<&'a str>) -> RuleInput<'a> {
    RuleInput {
        user_agent: heard.user_agent,
        accept_language: heard.accept_language,
        query,
        cookie: heard.cookie,
        accept: heard.accept,
        ..RuleInput::default()
    }
}

impl<'r> Visitor<'r> {
    /// What the rules are told of this visit.
    pub(super) fn rule_input(&self) -> RuleInput<'r> {
        rule_input(&self.heard, self.query)
    }
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
        let user_agent = headers.get_one("User-Agent");
        rocket::request::Outcome::Success(Visitor {
            links,
            settings,
            visit: Visit::from_headers(headers.get_one("Referer"), user_agent),
            client: req.client_ip(),
            query: req.uri().query().map(|q| q.as_str()),
            heard: RuleHeaders {
                user_agent,
                accept_language: headers.get_one("Accept-Language"),
                cookie: headers.get_one("Cookie"),
                accept: headers.get_one("Accept"),
            },
        })
    }
}

/// Where a visitor of a short link lands when it does not forward: the password
/// form (with the last attempt's message), or why it no longer forwards; both with
/// a link to report it.
#[derive(Template)]
#[template(path = "locked.html")]
pub struct LockedPage {
    field_error: Option<Text>,
    form_error: Option<Text>,
    /// Where the form posts: the link's short URL on `base_url` (the raw path would
    /// not do, as `//key` would make the browser post the password to a host named `key`),
    /// with the visitor's query, which a link with `forward_query` passes on once open.
    action: String,
    /// Expired or disabled: the heading (a message id) and the message, instead of
    /// the form.
    stopped: Option<(&'static str, Text)>,
    /// The report form's page.
    report_url: String,
}

impl LockedPage {
    /// A visit that did not go through: protected links get the password form
    /// (HTML) or the error (JSON); anything else is the error as usual. `query` is the
    /// visit's query string, kept in the form's action.
    pub(super) fn refusal(
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
            Error::Gone => Some(("locked-expired-title", error.text())),
            Error::Disabled(reason) => Some((
                "locked-disabled-title",
                Text::new("locked-disabled-reason").with("reason", reason.as_str()),
            )),
            _ => None,
        };
        let page = (locked || stopped.is_some()).then(|| LockedPage {
            field_error: matches!(error, Error::WrongPassword).then(|| error.text()),
            form_error: matches!(error, Error::TooManyAttempts(_) | Error::LinkBraked(_))
                .then(|| error.text()),
            action: action(key, settings, query),
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
