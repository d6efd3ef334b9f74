//! The API described from the code: `/openapi.json` (OpenAPI 3.1, from the handlers'
//! and types' annotations plus the rules they share, in `contract`) and `/docs`, a
//! page of it for people, served here (no external UI assets).

mod contract;

use contract::Shared;

use askama::Template;
use rocket::serde::json::Json;
use rocket::{get, routes, Route};
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::{OpenApi as Spec, RefOr};
use utoipa::OpenApi;

use super::respond::Negotiated;

pub fn routes() -> Vec<Route> {
    routes![openapi_json, docs]
}

/// Every route and type; a test checks the mounted routes against it.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "shortener",
        description = "A URL shortener. The same routes serve people (HTML pages, forms) and \
            programs (JSON).\n\n\
            **Which representation.** JSON when `Accept` prefers `application/json`; HTML when \
            `Accept` prefers anything else; when `Accept` is absent or `*/*`, JSON if the request \
            body was JSON, else HTML. Every answer carries `Vary: Accept`.\n\n\
            **Bodies.** `POST /url`, `POST /{key}` and `PATCH /admin/{secret_key}` take \
            `application/json`; `POST /url`, `POST /{key}` and `POST /admin/{secret_key}` (the \
            pages' forms) take `application/x-www-form-urlencoded`. Other body types get 415 \
            where a body is expected. A form answered in HTML ends in a 303 to the page that \
            shows the result.\n\n\
            **Errors** are `{\"detail\": \"...\"}` in JSON and a page saying the same in HTML, \
            with the status given here; 429 carries `Retry-After`. Requests that change \
            something are refused (403) when a browser says they come from another site \
            (`Sec-Fetch-Site: cross-site`, or an `Origin` that is not this one).\n\n\
            **Headers.** Every answer has `X-Content-Type-Options: nosniff` and \
            `X-Frame-Options: DENY`; every answer but a forward has a Content-Security-Policy; \
            owner pages (`/admin/...`) are `Cache-Control: no-store`, \
            `Referrer-Policy: same-origin` and `X-Robots-Tag: noindex`."
    ),
    modifiers(&Shared),
    paths(
        super::create::index,
        super::create::create_json,
        super::follow::follow,
        super::follow::check,
        super::follow::unlock_json,
        super::follow::peek,
        super::owner::show,
        super::owner::changes::edit_json,
        super::owner::changes::delete,
        super::owner::changes::method_form,
        super::owner::qr::qr_file,
        super::health::health,
        super::health::metrics,
    ),
    tags(
        (name = "links", description = "Creating and following short links"),
        (name = "owners", description = "Through the secret key of admin_url"),
        (name = "operators", description = "Health and metrics"),
    )
)]
pub struct ApiDoc;

/// The spec, built once per call (cheap, and never stale).
pub fn spec() -> Spec {
    ApiDoc::openapi()
}

#[get("/openapi.json")]
fn openapi_json() -> Json<Spec> {
    Json(spec())
}

/// One operation, as the docs page lists it.
pub struct Entry {
    pub method: &'static str,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub params: Vec<String>,
    pub body: Option<String>,
    pub responses: Vec<(String, String)>,
}

/// The docs page: every operation with its parameters and answers.
#[derive(Template, serde::Serialize)]
#[template(path = "docs.html")]
struct DocsPage {
    #[serde(skip)]
    entries: Vec<Entry>,
    /// JSON clients get pointed at the machine-readable spec.
    spec: &'static str,
}

#[get("/docs")]
fn docs() -> Negotiated<DocsPage> {
    let spec = spec();
    let entries = spec
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| operations(item).map(move |(method, op)| entry(path, method, op)))
        .collect();
    Negotiated(DocsPage {
        entries,
        spec: "/openapi.json",
    })
}

fn operations(item: &PathItem) -> impl Iterator<Item = (&'static str, &Operation)> {
    [
        ("GET", &item.get),
        ("HEAD", &item.head),
        ("POST", &item.post),
        ("PATCH", &item.patch),
        ("DELETE", &item.delete),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
}

fn entry(path: &str, method: &'static str, op: &Operation) -> Entry {
    let params = op
        .parameters
        .iter()
        .flatten()
        .map(|p| {
            let place = match p.parameter_in {
                utoipa::openapi::path::ParameterIn::Path => "in the path",
                utoipa::openapi::path::ParameterIn::Query => "in the query",
                _ => "in a header",
            };
            let about = p.description.clone().unwrap_or_default();
            format!("{} ({place}): {about}", p.name)
        })
        .collect();
    let body = op.request_body.as_ref().map(|body| {
        let types = body.content.keys().cloned().collect::<Vec<_>>().join(", ");
        match &body.description {
            Some(about) => format!("{types}: {about}"),
            None => types,
        }
    });
    let responses = op
        .responses
        .responses
        .iter()
        .map(|(code, response)| {
            let about = match response {
                RefOr::T(r) => r.description.clone(),
                RefOr::Ref(r) => r.ref_location.clone(),
            };
            (code.clone(), about)
        })
        .collect();
    Entry {
        method,
        path: path.to_owned(),
        summary: op.summary.clone().unwrap_or_default(),
        description: op.description.clone().unwrap_or_default(),
        params,
        body,
        responses,
    }
}
