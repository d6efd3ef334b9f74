//! Creating links: the home form and JSON bodies on one path.

use rocket::form::{self, Form};
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, status, Flash, Redirect, Responder};
use rocket::serde::json::{self, Json};
use rocket::{post, routes, Either, Route, State};
use serde::Deserialize;

use super::admin::UrlInfo;
use super::home::{FormValues, IndexPage};
use crate::batch::Batcher;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::keys::{SecretKey, ShortKey};
use crate::limit::Allowed;
use crate::links::{Link, NewLink};
use crate::negotiate::{Format, Negotiated};
use crate::target::TargetUrl;

pub fn routes() -> Vec<Route> {
    routes![create_form, create_json, create_unsupported]
}

/// The create request, from the home form or a JSON body (the tutorial's `URLBase`).
#[derive(Debug, rocket::FromForm, Deserialize)]
pub struct LinkForm {
    target_url: String,
    #[serde(default)]
    custom_key: Option<String>,
}

impl LinkForm {
    /// Validates the request into a `NewLink`; an empty `custom_key` means "pick one for me".
    fn validate(&self, settings: &Settings) -> Result<NewLink> {
        let target = TargetUrl::parse(&self.target_url, &settings.own_host)?;
        let custom_key = match self.custom_key.as_deref().filter(|k| !k.is_empty()) {
            Some(key) => Some(ShortKey::custom(key)?),
            None => None,
        };
        Ok(NewLink { target, custom_key })
    }

    fn values(self) -> FormValues {
        FormValues {
            target_url: self.target_url,
            custom_key: self.custom_key.unwrap_or_default(),
        }
    }
}

type JsonObject = serde_json::Map<String, serde_json::Value>;

/// A new link: people go to its admin page (303), programs get a 201 with `URLInfo`.
type Created = Either<Flash<Redirect>, status::Created<Json<UrlInfo>>>;

#[post("/url", format = "form", data = "<body>")]
async fn create_form(
    allowed: Result<Allowed, Error>,
    body: Result<Form<LinkForm>, form::Errors<'_>>,
    format: Format,
    creates: &State<Batcher<NewLink>>,
    settings: &State<Settings>,
) -> Result<Created, Refused> {
    allowed.map_err(Refused::blank)?;
    let body = body.map_err(|e| Refused::blank(form_error(&e)))?;
    create(body.into_inner(), format, creates, settings).await
}

#[post("/url", format = "json", data = "<body>")]
async fn create_json(
    allowed: Result<Allowed, Error>,
    body: Result<Json<JsonObject>, json::Error<'_>>,
    format: Format,
    creates: &State<Batcher<NewLink>>,
    settings: &State<Settings>,
) -> Result<Created, Refused> {
    allowed.map_err(Refused::blank)?;
    let object = body
        .map_err(|e| Refused::blank(json_error(&e)))?
        .into_inner();
    // Through a map first: serde would otherwise also take `["<url>"]` as a LinkForm.
    let body = serde_json::from_value(object.into()).map_err(|e| {
        Refused::blank(Error::BadBody(
            Status::UnprocessableEntity,
            format!("Invalid request body: {e}"),
        ))
    })?;
    create(body, format, creates, settings).await
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
) -> Result<Created, Refused> {
    let link = match body.validate(settings) {
        Ok(new) => creates.run(new).await,
        Err(e) => Err(e),
    };
    let link = link.map_err(|error| Refused {
        error,
        values: body.values(),
    })?;
    Ok(created(link, format, settings))
}

fn created((link, secret): (Link, SecretKey), format: Format, settings: &Settings) -> Created {
    match format {
        Format::Html => {
            let page = format!("/admin/{}", secret.as_str());
            Either::Left(Flash::success(Redirect::to(page), "created"))
        }
        Format::Json => {
            let info = UrlInfo::new(link, &secret, settings);
            Either::Right(status::Created::new(info.admin_url.clone()).body(Json(info)))
        }
    }
}

/// A refused create: programs get the error, people get the form back with
/// what they typed and the message beside the field.
pub struct Refused {
    error: Error,
    values: FormValues,
}

impl Refused {
    fn blank(error: Error) -> Refused {
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

fn json_error(error: &json::Error<'_>) -> Error {
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
