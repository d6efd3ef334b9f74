//! Collections, reached only through their secret: `POST /collections` makes one,
//! `/collection/<secret>` shows it (HTML or JSON, and `links.csv`), and its changes
//! (`changes`) add, deactivate and rotate.

use crate::web::single::Single;
use rocket::form::Form;
use rocket::http::{ContentType, Header, Status};
use rocket::request::FlashMessage;
use rocket::response::stream::ByteStream;
use rocket::response::{Flash, Redirect};
use rocket::serde::json::Json;
use rocket::{get, post, routes, Either, Route, State};
use serde::{Deserialize, Serialize};

use super::allowance::Allowed;
use super::create::{FormValues, IndexPage};
use super::origin::SameOrigin;
use super::respond::{unsupported_body, Format, JsonObject, Negotiated, NoStore, Refusal};
use crate::domain::collection::{page_number, CollectionName, Sort};
use crate::domain::keys::SecretKey;
use crate::domain::window::Window;
use crate::error::{Error, Result};
use crate::service::{Links, Listing};
use crate::settings::Settings;

pub(super) mod changes;
mod page;

pub use page::CollectionPage;

pub fn routes() -> Vec<Route> {
    let mut all = routes![
        create_form,
        create_json,
        create_unsupported,
        show,
        links_csv
    ];
    all.extend(changes::routes());
    all
}

/// A new collection's name.
#[derive(Debug, rocket::FromForm, Deserialize, utoipa::ToSchema)]
#[schema(as = NewCollection)]
pub struct NewCollection {
    /// 1 to 100 characters, not only spaces, no control characters.
    #[schema(value_type = String, required = true, max_length = 100,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    #[serde(default)]
    name: Single,
}

/// A new collection, as `POST /collections` answers it.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = CollectionCreated)]
pub struct Created {
    name: String,
    /// The collection's page (keep it secret).
    url: String,
    /// Empty: links join it at creation (`collection` on `POST /url`) or by their admin URL.
    #[schema(value_type = Vec<crate::web::url_info::UrlInfo>)]
    links: Vec<()>,
}

/// People go to the new collection's page (303), programs get a 201.
type Made = NoStore<Either<Flash<Redirect>, (Status, Json<Created>)>>;

#[post("/collections", format = "form", data = "<body>")]
async fn create_form(
    _site: SameOrigin,
    allowed: Result<Allowed<'_>, Error>,
    body: Option<Form<NewCollection>>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Made, Refusal<IndexPage>> {
    let name = body.and_then(|b| b.into_inner().name.0);
    create(allowed, name, format, links, settings).await
}

#[utoipa::path(post, path = "/collections", tag = "collections", operation_id = "create_collection",
    summary = "Start a collection: one secret page for many links",
    request_body(content((NewCollection = "application/json"), (NewCollection = "application/x-www-form-urlencoded"))),
    responses(
        (status = 201, description = "Created (JSON)", body = Created,
            headers(("Location" = String, description = "The collection's page"))),
        (status = 303, description = "Created (HTML): to the collection's page", headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = crate::web::respond::ErrorPage),
        (status = 401, description = "Private mode: no valid creator token", body = crate::web::respond::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "No name, or not 1 to 100 characters", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many creates from this address", body = crate::web::respond::ErrorPage),
    ))]
#[post("/collections", format = "json", data = "<body>")]
pub async fn create_json(
    _site: SameOrigin,
    allowed: Result<Allowed<'_>, Error>,
    body: Result<JsonObject<NewCollection>, Error>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Made, Refusal<IndexPage>> {
    let name = body?.0.name.0;
    create(allowed, name, format, links, settings).await
}

/// Any other body type (or none) on `POST /collections`.
#[post("/collections", rank = 2)]
fn create_unsupported() -> Error {
    unsupported_body("error-body-collection")
}

/// Checks the name and stores the collection; a refusal shows the home page again
/// with the message beside the name.
async fn create(
    allowed: Result<Allowed<'_>, Error>,
    name: Option<String>,
    format: Format,
    links: &Links,
    settings: &Settings,
) -> Result<Made, Refusal<IndexPage>> {
    let made = async {
        allowed?;
        let name = CollectionName::parse(name.as_deref().unwrap_or_default())?;
        links.new_collection(&name).await
    };
    let (collection, secret) = made.await.map_err(|error| Refusal {
        page: Some(IndexPage::new(
            settings,
            FormValues::default(),
            Some(&error),
        )),
        error,
    })?;
    let url = settings.collection_url(secret.as_str());
    Ok(NoStore(match format {
        Format::Html => {
            let page = format!("/collection/{}", secret.as_str());
            Either::Left(Flash::success(Redirect::to(page), "created"))
        }
        Format::Json => Either::Right((
            Status::Created,
            Json(Created {
                name: collection.name,
                url,
                links: Vec::new(),
            }),
        )),
    }))
}

/// A collection page's query, as given (checked by `listing`).
#[derive(Debug, rocket::FromForm)]
pub struct View<'r> {
    sort: Option<&'r str>,
    q: Option<&'r str>,
    days: Option<&'r str>,
    page: Option<&'r str>,
}

/// The order, filter, page and window a collection is shown with.
fn listing(
    (sort, q, page): (Option<&str>, Option<&str>, Option<&str>),
    days: Option<&str>,
) -> Result<(Listing, Window)> {
    let listing = Listing {
        sort: Sort::parse(sort)?,
        filter: q.map(str::to_owned),
        page: page_number(page)?,
    };
    Ok((listing, Window::parse(days)?))
}

/// The page of the collection behind `secret`, as `listing` and `window` ask.
pub(super) async fn page_of(
    secret: &SecretKey,
    (listing, window): (Listing, Window),
    links: &Links,
    settings: &Settings,
) -> Result<CollectionPage> {
    let view = links.collection(secret, window, &listing).await?;
    let page = CollectionPage::new(view, secret.as_str(), settings, listing.filter.as_deref());
    Ok(page.sorted(listing.sort))
}

#[utoipa::path(get, path = "/collection/{secret}", tag = "collections", operation_id = "collection",
    summary = "A collection: its links with their clicks, totals and one chart over all of them",
    params(
        ("secret" = String, Path, description = "The secret from the collection's url"),
        ("sort" = Option<String>, Query, description = "date (newest first, the default) or clicks"),
        ("q" = Option<String>, Query, description = "Only links whose key or target contains this"),
        ("days" = Option<u16>, Query, description = "Chart window: 7, 30 (default), 90 or 365"),
        ("page" = Option<u32>, Query, minimum = 1, description = "Which 100 links of the list, from 1 (the default); `next` and `previous` link the pages; one past the last is empty"),
    ),
    responses(
        (status = 200, description = "The collection (HTML: its page, with the forms that add and deactivate links)",
            content((CollectionPage = "application/json"), (String = "text/html"))),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 422, description = "Another sort, window or page", body = crate::web::respond::ErrorPage),
    ))]
#[get("/collection/<secret>?<view..>")]
pub async fn show(
    secret: Result<SecretKey, Error>,
    view: View<'_>,
    flash: Option<FlashMessage<'_>>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Negotiated<CollectionPage>> {
    let secret = secret?;
    let shown = listing((view.sort, view.q, view.page), view.days)?;
    let mut page = page_of(&secret, shown, links, settings).await?;
    page.flash = flash.map(|f| f.message().to_owned());
    Ok(Negotiated(page))
}

/// The collection's list as a CSV file, written as it is read.
#[derive(rocket::Responder)]
pub struct CsvFile<S> {
    body: ByteStream<S>,
    content_type: ContentType,
    disposition: Header<'static>,
}

/// Links read for each part of the CSV file.
const CSV_PART: u32 = 500;

#[utoipa::path(get, path = "/collection/{secret}/links.csv", tag = "collections", operation_id = "collection_csv",
    summary = "The collection's links as CSV: key, short_url, target_url, clicks, created_at, status, admin_url",
    description = "Every link the filter matches (all of them without one), written as it is read.",
    params(
        ("secret" = String, Path, description = "The secret from the collection's url"),
        ("sort" = Option<String>, Query, description = "date (the default) or clicks"),
        ("q" = Option<String>, Query, description = "Only links whose key or target contains this"),
    ),
    responses(
        (status = 200, content((String = "text/csv"))),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 422, description = "Another sort", body = crate::web::respond::ErrorPage),
    ))]
#[get("/collection/<secret>/links.csv?<sort>&<q>")]
pub async fn links_csv<'r>(
    secret: Result<SecretKey, Error>,
    sort: Option<&str>,
    q: Option<&str>,
    links: &'r State<Links>,
    settings: &'r State<Settings>,
) -> Result<CsvFile<impl rocket::futures::Stream<Item = Vec<u8>> + Send + 'r>> {
    let secret = secret?;
    let (listing, _) = listing((sort, q, None), None)?;
    // The first part is read before answering, so an unknown secret is still a 404.
    let first = links
        .collection_rows(&secret, &listing, (CSV_PART, 0))
        .await?;
    let stream = ByteStream! {
        yield csv_rows(None, settings);
        let mut part = first;
        let mut offset = 0_u64;
        loop {
            let full = part.len() == CSV_PART as usize;
            offset += part.len() as u64;
            yield csv_rows(Some(part), settings);
            if !full {
                break;
            }
            match links.collection_rows(&secret, &listing, (CSV_PART, offset)).await {
                Ok(next) => part = next,
                Err(error) => {
                    rocket::error!("a collection's CSV stopped after {offset} links: {error}");
                    break;
                }
            }
        }
    };
    Ok(CsvFile {
        body: stream,
        content_type: ContentType::CSV,
        disposition: Header::new("Content-Disposition", "attachment; filename=\"links.csv\""),
    })
}

/// The CSV file's header line (`None`), or the lines of `rows`.
fn csv_rows(rows: Option<Vec<crate::service::Member>>, settings: &Settings) -> Vec<u8> {
    match rows {
        None => page::csv_header(),
        Some(rows) => page::csv_lines(rows, settings),
    }
}
