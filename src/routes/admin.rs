//! The owner's pages, reached only through the secret key.

use askama::Template;
use rocket::request::FlashMessage;
use rocket::{get, routes, Route, State};
use serde::Serialize;

use crate::batch::Batcher;
use crate::chart::Chart;
use crate::clock::Clock;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::jobs::AdminLookup;
use crate::keys::SecretKey;
use crate::links::Link;
use crate::negotiate::Negotiated;
use crate::stats::{DayClicks, SourceClicks, Window};

pub fn routes() -> Vec<Route> {
    routes![show]
}

/// The tutorial's `URLInfo`: what programs get for a link they own.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = URLInfo)]
pub struct UrlInfo {
    pub target_url: String,
    pub is_active: bool,
    pub clicks: i64,
    pub url: String,
    pub admin_url: String,
    pub created_at: String,
    /// When the link stops forwarding, if ever (UTC, RFC 3339).
    pub expires_at: Option<String>,
    /// The click that reaches this is the last one forwarded.
    pub max_clicks: Option<i64>,
    pub password_protected: bool,
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
            expires_at: link.expires_at,
            max_clicks: link.max_clicks,
            password_protected: link.protected,
        }
    }
}

/// The admin page; `just_created` greets the creator right after the form.
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "admin.html")]
#[schema(as = AdminInfo)]
pub struct AdminPage {
    #[serde(flatten)]
    info: UrlInfo,
    last_clicked_at: Option<String>,
    /// Clicks per UTC day over the chosen window, oldest first.
    history: Vec<DayClicks>,
    referrers: Vec<SourceClicks>,
    clients: Vec<SourceClicks>,
    /// Past its expiry time or its click limit: it answers 410 now.
    is_expired: bool,
    #[serde(skip)]
    #[schema(ignore)]
    days: u16,
    /// The one-time greeting: `created` or `updated`.
    #[serde(skip)]
    #[schema(ignore)]
    pub flash: Option<String>,
    /// A refused edit: what was typed and why.
    #[serde(skip)]
    #[schema(ignore)]
    pub edit: Option<(String, String)>,
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

    fn expires(&self) -> Option<String> {
        self.info.expires_at.as_deref().map(for_people)
    }

    fn remaining(&self) -> Option<i64> {
        self.info
            .max_clicks
            .map(|max| (max - self.info.clicks).max(0))
    }

    fn just_created(&self) -> bool {
        self.flash.as_deref() == Some("created")
    }

    fn just_updated(&self) -> bool {
        self.flash.as_deref() == Some("updated")
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

#[utoipa::path(get, path = "/admin/{secret_key}", tag = "owners",
    summary = "The owner's view: URLInfo with click history and sources",
    params(
        ("secret_key" = String, Path, description = "The secret from admin_url"),
        ("days" = Option<u16>, Query, description = "History window: 7, 30 (default), 90 or 365"),
    ),
    responses(
        (status = 200, body = AdminPage),
        (status = 404, body = crate::error::ErrorPage),
        (status = 422, description = "Another window", body = crate::error::ErrorPage),
    ))]
#[get("/admin/<secret>?<days>")]
pub(super) async fn show(
    secret: Result<SecretKey, Error>,
    days: Option<&str>,
    flash: Option<FlashMessage<'_>>,
    reads: &State<Batcher<AdminLookup>>,
    settings: &State<Settings>,
    clock: &State<Clock>,
) -> Result<Negotiated<AdminPage>> {
    let window = Window::parse(days)?;
    let mut page = AdminPage::load(secret?, window, reads, settings, clock).await?;
    page.flash = flash.map(|f| f.message().to_owned());
    Ok(Negotiated(page))
}

impl AdminPage {
    /// The owner's page of the link behind `secret`, with `window` days of history.
    pub async fn load(
        secret: SecretKey,
        window: Window,
        reads: &Batcher<AdminLookup>,
        settings: &Settings,
        clock: &Clock,
    ) -> Result<AdminPage> {
        let now = clock.now();
        let lookup = AdminLookup {
            secret: secret.clone(),
            since: Some(window.since(now.date())),
        };
        let (link, insight) = reads.run(lookup).await?;
        Ok(AdminPage {
            last_clicked_at: link.last_clicked_at.clone(),
            history: insight.history(window, now.date()),
            referrers: insight.top_referrers(),
            clients: insight.top_clients(),
            is_expired: link.is_expired(now),
            info: UrlInfo::new(link, &secret, settings),
            days: window.days(),
            flash: None,
            edit: None,
        })
    }
}
