//! Creating links: the home form and JSON bodies on one path.

use rocket::form::{self, Form};
use rocket::http::{Header, Status};
use rocket::request::Request;
use rocket::response::{self, status, Flash, Redirect, Responder};
use rocket::serde::json::{self, Json};
use rocket::{post, routes, Either, Route, State};
use serde_json::Value;
use time::OffsetDateTime;

use super::admin::UrlInfo;
use super::bulk::{self, BulkPage};
use super::home::{FormValues, IndexPage};
use super::link_form::LinkForm;
use crate::batch::Batcher;
use crate::clock::Clock;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::keys::SecretKey;
use crate::limit::Allowed;
use crate::links::{Link, NewLink};
use crate::negotiate::{Format, Negotiated};
use crate::origin::SameOrigin;

pub fn routes() -> Vec<Route> {
    routes![create_form, create_json, create_unsupported]
}

/// A new link: people go to its admin page (303), programs get a 201 with `URLInfo`.
type Created = NoStore<Either<Flash<Redirect>, status::Created<Json<UrlInfo>>>>;

/// An answer that carries a secret admin URL: kept out of every cache, whatever the path.
pub struct NoStore<R>(pub R);

impl<'r, 'o: 'r, R: Responder<'r, 'o>> Responder<'r, 'o> for NoStore<R> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'o> {
        let mut res = self.0.respond_to(req)?;
        res.set_header(Header::new("Cache-Control", "no-store"));
        Ok(res)
    }
}

#[post("/url", format = "form", data = "<body>")]
async fn create_form(
    _site: SameOrigin,
    allowed: Result<Allowed<'_>, Error>,
    body: Result<Form<LinkForm>, form::Errors<'_>>,
    format: Format,
    creates: &State<Batcher<NewLink>>,
    settings: &State<Settings>,
    clock: &State<Clock>,
) -> Result<Either<Created, BulkPage>, Refused> {
    let allowed = allowed.map_err(Refused::blank)?;
    let body = body
        .map_err(|e| Refused::blank(form_error(&e)))?
        .into_inner();
    let now = clock.now();
    match body.target_urls.is_some() {
        true => bulk::from_form(body, &allowed, creates, settings, now)
            .await
            .map(Either::Right),
        false => create(body, format, creates, settings, now)
            .await
            .map(Either::Left),
    }
}

#[utoipa::path(post, path = "/url", tag = "links",
    summary = "Create a short link, or up to 100 at once",
    description = "One object answers 201 with URLInfo; an array of 1 to 100 objects answers 200 \
        with one result per item, in order: URLInfo, or {detail, status}. The same fields work as \
        an HTML form (application/x-www-form-urlencoded).",
    request_body(content = LinkForm, description = "A NewLink, or an array of up to 100"),
    responses(
        (status = 201, description = "Created", body = UrlInfo,
            headers(("Location" = String, description = "The admin URL"))),
        (status = 200, description = "Bulk: one result per item; items beyond the create allowance are not created and answer 429 (Retry-After is set)", body = Vec<super::bulk::Outcome>),
        (status = 400, description = "Invalid target URL, malformed JSON, or a failed target check", body = crate::error::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::error::ErrorPage),
        (status = 409, description = "Custom key taken", body = crate::error::ErrorPage),
        (status = 413, description = "Body too large", body = crate::error::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::error::ErrorPage),
        (status = 422, description = "Invalid field", body = crate::error::ErrorPage),
        (status = 429, description = "Too many creates from this address", body = crate::error::ErrorPage),
    ))]
#[post("/url", format = "json", data = "<body>")]
pub(super) async fn create_json(
    _site: SameOrigin,
    allowed: Result<Allowed<'_>, Error>,
    body: Result<Json<Value>, json::Error<'_>>,
    format: Format,
    creates: &State<Batcher<NewLink>>,
    settings: &State<Settings>,
    clock: &State<Clock>,
) -> Result<Either<Created, NoStore<bulk::Results>>, Refused> {
    let allowed = allowed.map_err(Refused::blank)?;
    let body = body
        .map_err(|e| Refused::blank(json_error(&e)))?
        .into_inner();
    let now = clock.now();
    match body {
        Value::Array(items) => bulk::from_json(items, &allowed, creates, settings, now)
            .await
            .map(|all| Either::Right(NoStore(all)))
            .map_err(Refused::blank),
        object @ Value::Object(_) => {
            let body = parse_item(object).map_err(Refused::blank)?;
            create(body, format, creates, settings, now)
                .await
                .map(Either::Left)
        }
        _ => Err(Refused::blank(unprocessable(
            "The body must be a JSON object, or an array of up to 100 of them",
        ))),
    }
}

/// One create request from JSON; only objects (serde would also take `["<url>"]`).
pub fn parse_item(value: Value) -> Result<LinkForm> {
    if !value.is_object() {
        return Err(unprocessable("Each link must be a JSON object"));
    }
    serde_json::from_value(value).map_err(|e| unprocessable(&format!("Invalid request body: {e}")))
}

fn unprocessable(message: &str) -> Error {
    Error::BadBody(Status::UnprocessableEntity, message.to_owned())
}

/// Any other body type (or none) on `POST /url`.
#[post("/url", rank = 2)]
fn create_unsupported() -> Error {
    Error::BadBody(
        Status::UnsupportedMediaType,
        "Send the link as application/json or application/x-www-form-urlencoded".into(),
    )
}

async fn create(
    body: LinkForm,
    format: Format,
    creates: &Batcher<NewLink>,
    settings: &Settings,
    now: OffsetDateTime,
) -> Result<Created, Refused> {
    let link = create_one(&body, creates, settings, now).await;
    let link = link.map_err(|error| Refused {
        error,
        values: FormValues::from(body),
    })?;
    Ok(created(link, format, settings))
}

/// Validates and stores one link.
pub async fn create_one(
    body: &LinkForm,
    creates: &Batcher<NewLink>,
    settings: &Settings,
    now: OffsetDateTime,
) -> Result<(Link, SecretKey)> {
    creates.run(body.validate(settings, now).await?).await
}

pub fn created((link, secret): (Link, SecretKey), format: Format, settings: &Settings) -> Created {
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

/// A refused create: programs get the error, people get the form back with
/// what they typed and the message beside the field.
pub struct Refused {
    pub error: Error,
    pub values: FormValues,
}

impl Refused {
    /// The error with the form emptied.
    pub fn blank(error: Error) -> Refused {
        Refused {
            error,
            values: FormValues::default(),
        }
    }
}

impl<'r> Responder<'r, 'static> for Refused {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let settings = req.rocket().state::<Settings>();
        match (Format::of(req), settings) {
            (Format::Html, Some(settings)) => {
                let page = IndexPage::new(settings, self.values, Some(&self.error));
                self.error.respond_with(req, Negotiated(page))
            }
            _ => self.error.respond_to(req),
        }
    }
}

fn form_error(errors: &form::Errors<'_>) -> Error {
    let message = match errors.iter().next() {
        Some(e) if e.status() == Status::PayloadTooLarge => "The form is too large".to_owned(),
        Some(e) => match e.name.as_ref() {
            Some(name) => format!("Form field '{name}': {}", e.kind),
            None => format!("The form could not be read: {}", e.kind),
        },
        None => "The form could not be read".to_owned(),
    };
    Error::BadBody(errors.status(), message)
}

pub fn json_error(error: &json::Error<'_>) -> Error {
    use serde_json::error::Category;
    match error {
        json::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Error::BadBody(Status::PayloadTooLarge, "The JSON body is too large".into())
        }
        json::Error::Io(_) => Error::BadBody(
            Status::BadRequest,
            "The body could not be read as UTF-8 text".into(),
        ),
        json::Error::Parse(_, e) if e.classify() == Category::Data => Error::BadBody(
            Status::UnprocessableEntity,
            format!("Invalid request body: {e}"),
        ),
        json::Error::Parse(_, e) => {
            Error::BadBody(Status::BadRequest, format!("Malformed JSON: {e}"))
        }
    }
}
