//! The API described from the code: `/openapi.json` (OpenAPI 3.1, from the handlers'
//! and types' annotations plus the rules they share, in `contract`) and `/docs`, a
//! page of it for people, served here (no external UI assets).

mod contract;
mod page;

use rocket::serde::json::Json;
use rocket::{get, routes, Route};
use utoipa::openapi::OpenApi as Spec;
use utoipa::OpenApi;

use contract::Shared;
use page::DocsPage;

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
            body was JSON, else HTML. Every answer but a forward carries `Vary: Accept, Accept-Language, Cookie`: pages are in the visitor's language (`?lang=`, the `lang` cookie, `Accept-Language`); JSON is always English.\n\n\
            **Bodies.** `POST /url`, `POST /{key}`, `PATCH /admin/{secret_key}`, `POST /collections` \
            and the collection's `links` and `deactivate` take `application/json`; all of them but \
            `PATCH` take `application/x-www-form-urlencoded` too (the pages' forms, with \
            `POST /admin/{secret_key}` for the admin page's). Other body types get 415 \
            where a body is expected. A form that succeeds answers a browser with a 303 to the \
            page that shows the result (many links at once: the page of results itself).\n\n\
            **Query forwarding.** A link with `forward_query` adds the visitor's query string to its \
            target: `GET /{key}?utm_source=mail` goes to the target with `utm_source=mail` added, \
            the target's own parameters kept; on a name both have, the visitor's value wins.\n\n\
            **Errors** are `{\"detail\": \"...\"}` in JSON and a page saying the same in HTML, \
            with the status given here; 429 carries `Retry-After`. Requests that change \
            something are refused (403) when a browser says they come from another site \
            (`Sec-Fetch-Site: cross-site`, or an `Origin` that is not this one).\n\n\
            **Headers.** Every answer has `X-Content-Type-Options: nosniff` and \
            `X-Frame-Options: DENY`; every answer but a forward has a Content-Security-Policy; \
            owner pages (`/admin/...`, `/stats/...`, `/collection/...`, `/collections`) are `Cache-Control: no-store`, \
            `Referrer-Policy: same-origin` and `X-Robots-Tag: noindex`."
    ),
    modifiers(&Shared),
    paths(
        super::create::index,
        super::create::create_json,
        super::follow::follow,
        super::follow::follow_head,
        super::follow::unlock_json,
        super::peek::peek,
        super::owner::show,
        super::owner::changes::edit_json,
        super::owner::changes::delete,
        super::owner::changes::method_form,
        super::owner::qr::qr_file,
        super::health::health,
        super::health::metrics,
        super::report::form_page,
        super::report::report_json,
        super::moderate::page,
        super::moderate::decide_json,
        super::token::token_json,
        super::owner::rotate::rotate,
        super::owner::memberships::leave,
        super::stats::show,
        super::collection::create_json,
        super::collection::show,
        super::collection::links_csv,
        super::collection::changes::join_json,
        super::collection::changes::deactivate_json,
        super::collection::changes::rotate,
    ),
    tags(
        (name = "links", description = "Creating and following short links"),
        (name = "owners", description = "Through the secret key of admin_url (and the read-only stats_url)"),
        (name = "collections", description = "Many links behind one more secret URL"),
        (name = "operators", description = "Health, metrics, and moderation through the secret URL of `shortener moderation-url`"),
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

/// The same document as a page for people.
#[get("/docs")]
fn docs() -> Negotiated<DocsPage> {
    Negotiated(DocsPage::new(&spec()))
}
