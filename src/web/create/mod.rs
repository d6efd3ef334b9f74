//! Creating links: the home page's form and JSON bodies on one path, one link or
//! many (`bulk`).

use rocket::form::{Errors as FormErrors, Form};
use rocket::http::{CookieJar, Status};
use rocket::response::{status, Flash, Redirect};
use rocket::serde::json::{self, Json};
use rocket::{get, post, routes, Either, Route, State};
use serde_json::Value;

use super::allowance::{Allowed, TOKEN_COOKIE};
use super::origin::SameOrigin;
use super::respond::{json_error, unsupported_body, Format, Negotiated, NoStore};
use super::url_info::UrlInfo;
use crate::domain::keys::SecretKey;
use crate::error::Error;
use crate::service::{Link, Links};
use crate::settings::Settings;

pub(super) mod bulk;
mod form;
mod page;
pub(super) mod smart;

pub use smart::SmartFields;

use bulk::BulkPage;
use form::{parse_item, unprocessable};
pub use form::{start_time, LinkForm};
use page::{refused, Refused};
pub use page::{FormValues, IndexPage};

pub fn routes() -> Vec<Route> {
    routes![index, create_form, create_json, create_unsupported]
}

#[utoipa::path(get, path = "/", tag = "links",
    summary = "Welcome message and a map of the API (the create form in HTML)",
    description = "In HTML, `url` (or else the first http(s) address in `text`, as a share sheet \
        sends it) fills in the create form; nothing is created on a GET. `title` is accepted and \
        not used.",
    params(
        ("url" = Option<String>, Query, description = "A long URL to fill the form in with"),
        ("text" = Option<String>, Query, description = "Shared text: its first http(s) address fills the form in when `url` is empty"),
        ("title" = Option<String>, Query, description = "A shared page's title (accepted, not used)"),
    ),
    responses((status = 200, description = "The home page with the create forms, or (JSON) a welcome and a map of the API",
        content((IndexPage = "application/json"), (String = "text/html")))))]
#[get("/?<url>&<text>")]
pub fn index(
    url: Option<&str>,
    text: Option<&str>,
    settings: &State<Settings>,
    cookies: &CookieJar<'_>,
) -> Negotiated<IndexPage> {
    let form = FormValues::shared(url, text);
    let mut page = IndexPage::new(settings, form, None);
    page.ask_token = settings.private && cookies.get(TOKEN_COOKIE).is_none();
    Negotiated(page)
}

/// A new link: people go to its admin page (303), programs get a 201 with `URLInfo`.
type Created = NoStore<Either<Flash<Redirect>, status::Created<Json<UrlInfo>>>>;

#[post("/url", format = "form", data = "<body>")]
async fn create_form(
    _site: SameOrigin,
    allowed: Result<Allowed<'_>, Error>,
    body: Result<Form<LinkForm>, FormErrors<'_>>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Either<Created, Either<BulkPage, Negotiated<IndexPage>>>, Refused> {
    let blank = |error| refused(error, FormValues::default(), settings);
    let allowed = allowed.map_err(blank)?;
    let body = body.map_err(|e| blank(form_error(&e)))?.into_inner();
    if body.more.is_some() {
        let page = IndexPage::new(settings, FormValues::from(body), None);
        return Ok(Either::Right(Either::Right(Negotiated(page))));
    }
    match body.target_urls.is_some() {
        true => bulk::from_form(body, &allowed, links, settings)
            .await
            .map(|page| Either::Right(Either::Left(page))),
        false => create(body, allowed.token_id, format, links, settings)
            .await
            .map(Either::Left),
    }
}

#[utoipa::path(post, path = "/url", tag = "links",
    summary = "Create a short link, or up to 100 at once",
    description = "One object answers 201 with URLInfo; an array of 1 to 100 objects answers 200 \
        with one result per item, in order: URLInfo, or {detail, status}. The same fields work as \
        an HTML form (application/x-www-form-urlencoded), whose `target_urls` box (one URL per \
        line) makes several at once.",
    request_body(description = "A NewLink (JSON: or an array of 1 to 100 of them)",
        content((bulk::NewLinks = "application/json"), (LinkForm = "application/x-www-form-urlencoded"))),
    responses(
        (status = 201, description = "Created (JSON)", body = UrlInfo,
            headers(("Location" = String, description = "The admin URL"))),
        (status = 200, description = "Bulk: one result per item; items beyond the create allowance are not created and answer 429 (Retry-After is set). In HTML, the table of results of the form's `target_urls` box",
            content((Vec<bulk::Outcome> = "application/json"), (String = "text/html"))),
        (status = 303, description = "Created (HTML): to the new link's admin page, which greets its creator",
            headers(("Location" = String, description = "The admin page"))),
        (status = 400, description = "Invalid target URL, malformed JSON, or a failed target check", body = crate::web::respond::ErrorPage),
        (status = 401, description = "Private mode: no valid creator token (`Authorization: Bearer <token>`, or the browser's cookie)", body = crate::web::respond::ErrorPage),
        (status = 403, description = "The target's host is not allowed here (blocklist, URL shorteners), or sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, description = "No collection has the `collection` given (nothing is stored)", body = crate::web::respond::ErrorPage),
        (status = 409, description = "Custom key taken", body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "Invalid field", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many creates from this address", body = crate::web::respond::ErrorPage),
    ))]
#[post("/url", format = "json", data = "<body>")]
pub async fn create_json(
    _site: SameOrigin,
    allowed: Result<Allowed<'_>, Error>,
    body: Result<Json<Value>, json::Error<'_>>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Either<Created, NoStore<bulk::Results>>, Refused> {
    let blank = |error| refused(error, FormValues::default(), settings);
    let allowed = allowed.map_err(blank)?;
    let body = body.map_err(|e| blank(json_error(&e)))?.into_inner();
    match body {
        Value::Array(items) => bulk::from_json(items, &allowed, links, settings)
            .await
            .map(|all| Either::Right(NoStore(all)))
            .map_err(blank),
        object @ Value::Object(_) => {
            let body = parse_item(object).map_err(blank)?;
            create(body, allowed.token_id, format, links, settings)
                .await
                .map(Either::Left)
        }
        _ => Err(blank(unprocessable(
            crate::i18n::Text::new("error-body-shape").with("max", bulk::MAX_ITEMS),
        ))),
    }
}

/// Any other body type (or none) on `POST /url`.
#[post("/url", rank = 2)]
fn create_unsupported() -> Error {
    unsupported_body("error-body-link")
}

/// Parses and stores one link.
async fn create(
    body: LinkForm,
    token_id: Option<i64>,
    format: Format,
    links: &Links,
    settings: &Settings,
) -> Result<Created, Refused> {
    let draft = body.draft(&settings.own_hosts, links.clock().now(), token_id);
    let link = match draft {
        Ok(draft) => links.create(draft).await,
        Err(error) => Err(error),
    };
    match link {
        Ok(link) => Ok(created(link, format, settings)),
        Err(error) => Err(refused(error, FormValues::from(body), settings)),
    }
}

fn created((link, secret): (Link, SecretKey), format: Format, settings: &Settings) -> Created {
    NoStore(match format {
        Format::Html => {
            let page = format!("/admin/{}", secret.as_str());
            Either::Left(Flash::success(Redirect::to(page), "created"))
        }
        Format::Json => {
            let info = UrlInfo::new(link, &secret, settings);
            Either::Right(status::Created::new(info.admin_url.clone()).body(Json(info)))
        }
    })
}

fn form_error(errors: &FormErrors<'_>) -> Error {
    use crate::i18n::Text;
    // The field's name and Rocket's reason (`e.kind`, English) are passed as they are.
    let message = match errors.iter().next() {
        Some(e) if e.status() == Status::PayloadTooLarge => Text::new("error-form-too-large"),
        Some(e) => match e.name.as_ref() {
            Some(name) => Text::new("error-form-field")
                .with("field", name.to_string())
                .with("error", e.kind.to_string()),
            None => Text::new("error-form-unreadable-because").with("error", e.kind.to_string()),
        },
        None => Text::new("error-form-unreadable"),
    };
    Error::BadBody(errors.status(), message)
}
