//! The owner's pages, reached only through the secret key.

use askama::Template;
use rocket::form::Form;
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect};
use rocket::serde::json::Json;
use rocket::{delete, get, post, routes, Either, Route, State};
use rocket_db_pools::Connection;
use serde::Serialize;

use crate::batch::Batcher;
use crate::cache::LinkCache;
use crate::chart::Chart;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::jobs::AdminLookup;
use crate::keys::SecretKey;
use crate::links::{self, Link};
use crate::negotiate::{Format, Negotiated};
use crate::stats::{DayClicks, SourceClicks, Window};

pub fn routes() -> Vec<Route> {
    routes![show, delete, delete_form]
}

/// The tutorial's `URLInfo`: what programs get for a link they own.
#[derive(Debug, Serialize)]
pub struct UrlInfo {
    pub target_url: String,
    pub is_active: bool,
    pub clicks: i64,
    pub url: String,
    pub admin_url: String,
    pub created_at: String,
}

impl UrlInfo {
    /// Builds the absolute `url` and `admin_url` on the configured `base_url`; the
    /// secret comes from the request or the create, as the database has only its hash.
    pub fn new(link: Link, secret: &SecretKey, settings: &Settings) -> UrlInfo {
        UrlInfo {
            url: settings.short_url(&link.key),
            admin_url: settings.admin_url(secret.as_str()),
            target_url: link.target_url,
            is_active: link.is_active,
            clicks: link.clicks,
            created_at: link.created_at,
        }
    }
}

/// The admin page; `just_created` greets the creator right after the form.
#[derive(Template, Serialize)]
#[template(path = "admin.html")]
pub struct AdminPage {
    #[serde(flatten)]
    info: UrlInfo,
    last_clicked_at: Option<String>,
    /// Clicks per UTC day over the chosen window, oldest first.
    history: Vec<DayClicks>,
    referrers: Vec<SourceClicks>,
    clients: Vec<SourceClicks>,
    #[serde(skip)]
    days: u16,
    #[serde(skip)]
    just_created: bool,
}

impl AdminPage {
    /// The short URL's QR code, inline (without the XML prolog); only HTML renders it.
    fn qr_svg(&self) -> String {
        let svg = crate::qr::svg(&self.info.url).unwrap_or_default();
        svg.find("<svg")
            .map_or(svg.clone(), |at| svg[at..].to_owned())
    }

    fn created(&self) -> String {
        for_people(&self.info.created_at)
    }

    fn last_click(&self) -> String {
        self.last_clicked_at
            .as_deref()
            .map_or("never".to_owned(), for_people)
    }

    fn chart(&self) -> Chart {
        Chart::new(&self.history)
    }

    fn windows(&self) -> [u16; 4] {
        Window::CHOICES
    }

    /// Each breakdown with its heading and first column's name.
    fn sources(&self) -> [(&str, &str, &[SourceClicks]); 2] {
        [
            ("Referrers", "Site", &self.referrers),
            ("Clients", "Kind", &self.clients),
        ]
    }
}

/// `2026-11-28T14:05:09Z` as `2026-11-28 14:05 UTC`.
fn for_people(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => at.to_owned(),
    }
}

#[get("/admin/<secret>?<days>")]
async fn show(
    secret: Result<SecretKey, Error>,
    days: Option<&str>,
    flash: Option<FlashMessage<'_>>,
    reads: &State<Batcher<AdminLookup>>,
    settings: &State<Settings>,
    clock: &State<Clock>,
) -> Result<Negotiated<AdminPage>> {
    let secret = secret?;
    let window = Window::parse(days)?;
    let today = clock.today();
    let lookup = AdminLookup {
        secret: secret.clone(),
        since: Some(window.since(today)),
    };
    let (link, insight) = reads.run(lookup).await?;
    Ok(Negotiated(AdminPage {
        last_clicked_at: link.last_clicked_at.clone(),
        history: insight.history(window, today),
        referrers: insight.top_referrers(),
        clients: insight.top_clients(),
        info: UrlInfo::new(link, &secret, settings),
        days: window.days(),
        just_created: flash.is_some_and(|f| f.message() == "created"),
    }))
}

/// The JSON answer to a delete (the tutorial's wording).
#[derive(Serialize)]
struct Detail {
    detail: String,
}

#[delete("/admin/<secret>")]
async fn delete(
    secret: Result<SecretKey, Error>,
    format: Format,
    cache: &State<LinkCache>,
    mut db: Connection<Db>,
) -> Result<Either<Flash<Redirect>, Json<Detail>>> {
    let link = links::deactivate(&mut db, &secret?).await?;
    cache.remove(&link.key);
    let detail = format!(
        "Successfully deleted shortened URL for '{}'",
        link.target_url
    );
    Ok(match format {
        Format::Html => Either::Left(Flash::success(Redirect::to("/deleted"), detail)),
        Format::Json => Either::Right(Json(Detail { detail })),
    })
}

/// A form POST to the admin page; Rocket turns it into DELETE itself only when
/// `_method` is the first field, so this catches the other field orders.
#[derive(rocket::FromForm)]
struct MethodForm {
    #[field(name = "_method")]
    method: String,
}

#[post("/admin/<secret>", data = "<form>")]
async fn delete_form(
    secret: Result<SecretKey, Error>,
    form: Form<MethodForm>,
    format: Format,
    cache: &State<LinkCache>,
    db: Connection<Db>,
) -> Result<Either<Flash<Redirect>, Json<Detail>>> {
    match form.method.eq_ignore_ascii_case("delete") {
        true => delete(secret, format, cache, db).await,
        false => Err(Error::MethodNotAllowed("GET, HEAD, POST, DELETE")),
    }
}
