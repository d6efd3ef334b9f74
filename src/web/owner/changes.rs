//! The owner's changes, through the secret key: a new target, query forwarding, the
//! stats link, or delete.
//! Each works from JSON (`PATCH`/`DELETE`) and from the admin page's forms (`_method`).

use rocket::form::Form;
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect};
use rocket::serde::json::{self, Json};
use rocket::{delete, get, patch, post, routes, Route, State};
use serde::Serialize;
use serde_json::Value;

use super::bodies::{change_of, AdminForm, ChangeAnswer, Edit, MethodForm};
use super::page::AdminPage;
use crate::domain::keys::SecretKey;
use crate::domain::window::Window;
use crate::error::{Error, Result};
use crate::service::Links;
use crate::settings::Settings;
use crate::web::create::SmartFields;
use crate::web::filters;
use crate::web::origin::SameOrigin;
use crate::web::respond::{json_error, unsupported_body, Format, Negotiated, Refusal};
use crate::web::url_info::UrlInfo;

pub fn routes() -> Vec<Route> {
    routes![
        delete,
        edit_json,
        edit_form,
        edit_unsupported,
        method_form,
        deleted
    ]
}

/// The JSON answer to a delete (the tutorial's wording).
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Deleted)]
pub struct Detail {
    detail: String,
}

/// The flash message of a delete, all the `/deleted` page needs to know.
const DELETED: &str = "deleted";

/// What a change answers: people go back to a page, programs get JSON.
/// Answered once per request and never stored, so its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(rocket::Responder)]
pub enum Changed {
    Page(Flash<Redirect>),
    Deleted(Json<Detail>),
    Edited(Json<UrlInfo>),
    /// The admin page again, its smart link's form with one row more.
    Again(Negotiated<AdminPage>),
}

#[utoipa::path(delete, path = "/admin/{secret_key}", tag = "owners", summary = "Deactivate a link",
    params(("secret_key" = String, Path)),
    responses((status = 200, description = "Deactivated (JSON)", body = Detail),
        (status = 303, description = "Deactivated (HTML): to a page that says so", headers(("Location" = String))),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many changes to this link", body = crate::web::respond::ErrorPage)))]
#[delete("/admin/<secret>")]
pub async fn delete(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    format: Format,
    links: &State<Links>,
) -> Result<Changed> {
    let link = links.deactivate(&secret?).await?;
    Ok(match format {
        // The cookie says only that it worked: the target stays out of the browser's storage.
        Format::Html => Changed::Page(Flash::success(Redirect::to("/deleted"), DELETED)),
        Format::Json => Changed::Deleted(Json(Detail {
            detail: format!(
                "Successfully deleted shortened URL for '{}'",
                link.target_url
            ),
        })),
    })
}

#[utoipa::path(patch, path = "/admin/{secret_key}", tag = "owners",
    summary = "Change the link: its target, query forwarding, its stats link",
    description = "One or more of the fields; those absent stay as they are. Clicks, expiry, \
        limit and password always stay.",
    params(("secret_key" = String, Path)),
    request_body = Edit,
    responses(
        (status = 200, body = UrlInfo),
        (status = 400, description = "Invalid target URL", body = crate::web::respond::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 409, description = "The target can no longer be changed (disabled, or past the click lock)", body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "Not an object with one or more of the fields", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many changes to this link", body = crate::web::respond::ErrorPage),
    ))]
#[patch("/admin/<secret>", format = "json", data = "<body>")]
pub async fn edit_json(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    body: Result<Json<Value>, json::Error<'_>>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Json<UrlInfo>> {
    let secret = secret?;
    let body = body.map_err(|e| json_error(&e))?.into_inner();
    let link = links
        .change(&secret, change_of(body, &settings.own_hosts)?)
        .await?;
    Ok(Json(UrlInfo::new(link, &secret, settings)))
}

/// Rocket turns a form POST into PATCH or DELETE itself when `_method` comes first.
#[patch("/admin/<secret>", format = "form", data = "<form>")]
async fn edit_form(
    _site: SameOrigin,
    secret: Result<SecretKey, Error>,
    form: Form<MethodForm>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Changed, Refusal<AdminPage>> {
    edit(secret?, form.into_inner(), format, links, settings).await
}

/// Any other body type (or none) on `PATCH /admin/<secret>`.
#[patch("/admin/<_>", rank = 3)]
fn edit_unsupported() -> Error {
    unsupported_body("error-body-new-target")
}

/// Any other field order arrives as a POST.
#[utoipa::path(post, path = "/admin/{secret_key}", tag = "owners",
    summary = "The admin page's forms: edit (`_method=PATCH`) or delete (`_method=DELETE`)",
    description = "What a browser without PATCH and DELETE sends; answers as those do.",
    params(("secret_key" = String, Path)),
    request_body(content((AdminForm = "application/x-www-form-urlencoded"))),
    responses(
        (status = 200, description = "Changed (JSON): the link, or the delete's message",
            content((ChangeAnswer = "application/json"))),
        (status = 303, description = "Changed (HTML): back to the admin page with a notice, or to a page saying it was deleted",
            headers(("Location" = String))),
        (status = 400, description = "Invalid target URL (HTML: the admin page again, with the message beside the field)", body = crate::web::respond::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 405, description = "Another `_method`", body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Not a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "No `_method`", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many changes to this link", body = crate::web::respond::ErrorPage),
    ))]
#[post("/admin/<secret>", data = "<form>")]
pub async fn method_form(
    site: SameOrigin,
    secret: Result<SecretKey, Error>,
    form: Form<MethodForm>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Changed, Refusal<AdminPage>> {
    let form = form.into_inner();
    if form.method.eq_ignore_ascii_case("delete") {
        return Ok(delete(site, secret, format, links).await?);
    }
    if form.method.eq_ignore_ascii_case("patch") {
        return edit(secret?, form, format, links, settings).await;
    }
    Err(Error::MethodNotAllowed("GET, HEAD, POST, PATCH, DELETE").into())
}

/// A change from the admin page's forms: back to the page (303) with a notice of
/// what changed, or the page again with the message beside the field.
async fn edit(
    secret: SecretKey,
    form: MethodForm,
    format: Format,
    links: &Links,
    settings: &Settings,
) -> Result<Changed, Refusal<AdminPage>> {
    if form.more() {
        let view = links.admin(&secret, Window::default()).await?;
        let mut page = AdminPage::new(view, &secret, settings);
        page.smart = form.smart_fields();
        return Ok(Changed::Again(Negotiated(page)));
    }
    let typed_smart = form.smart_fields();
    let (change, typed) = match form.change(&settings.own_hosts) {
        Ok(parsed) => parsed,
        Err(error) => {
            let typed = match error.field() {
                Some(field) if BESIDE_THEIR_FORMS.contains(&field) => Typed::Target(String::new()),
                _ => Typed::Smart(typed_smart),
            };
            return Err(again(links, &secret, settings, error, typed).await);
        }
    };
    let typed = match change.smart.is_empty() {
        true => Typed::Target(typed),
        false => Typed::Smart(typed_smart),
    };
    let notice = super::page::Notice::of(&change);
    match links.change(&secret, change).await {
        Ok(link) if format == Format::Json => {
            Ok(Changed::Edited(Json(UrlInfo::new(link, &secret, settings))))
        }
        Ok(_) => {
            let page = Redirect::to(format!("/admin/{}", secret.as_str()));
            Ok(Changed::Page(Flash::success(page, notice.as_str())))
        }
        Err(error) => Err(again(links, &secret, settings, error, typed).await),
    }
}

/// The fields whose forms on the admin page show their own refusals (the others' go
/// beside the target or in the smart link's form).
const BESIDE_THEIR_FORMS: [&str; 4] = ["starts_at", "title", "note", "preview"];

/// What a refused edit form held, to show again around its message.
enum Typed {
    Target(String),
    Smart(SmartFields),
}

/// A refused edit: the admin page again (HTML), with what was typed and why.
async fn again(
    links: &Links,
    secret: &SecretKey,
    settings: &Settings,
    error: Error,
    typed: Typed,
) -> Refusal<AdminPage> {
    let view = links.admin(secret, Window::default()).await;
    let page = view.ok().map(|view| {
        let mut page = AdminPage::new(view, secret, settings);
        match typed {
            Typed::Smart(fields) => page.smart = fields.refused(Some(&error)),
            Typed::Target(typed) => match error.field() {
                Some(field) if BESIDE_THEIR_FORMS.contains(&field) => {
                    page.refused = Some((field, error.text()))
                }
                _ => page.edit = Some((typed, error.text())),
            },
        }
        page
    });
    Refusal { error, page }
}

#[derive(askama::Template, Serialize)]
#[template(path = "deleted.html")]
struct DeletedPage {
    /// English in JSON, the visitor's language on the page.
    detail: crate::i18n::Text,
}

#[get("/deleted")]
fn deleted(flash: Option<FlashMessage<'_>>) -> Negotiated<DeletedPage> {
    // The flash names no link (see `delete`); any other message is not ours.
    let detail = match flash {
        Some(f) if f.message() == DELETED => "deleted-success",
        _ => "deleted-done",
    };
    Negotiated(DeletedPage {
        detail: crate::i18n::Text::new(detail),
    })
}
