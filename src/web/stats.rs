//! The stats link an owner shares: `/stats/<token>` shows a link's clicks, their
//! chart, referrers and client kinds, and nothing else (no target, no secret, no
//! forms), kept out of caches and search engines like the owner's own pages.

use askama::Template;
use rocket::{get, routes, Route, State};
use serde::Serialize;

use super::owner::counts::Counts;
use super::respond::{Negotiated, Page};
use crate::domain::keys::StatsToken;
use crate::domain::window::Window;
use crate::error::{Error, Result};
use crate::service::Links;
use crate::settings::Settings;
use crate::web::filters;

pub fn routes() -> Vec<Route> {
    routes![show]
}

/// A link's counts, for anyone with the stats link.
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "stats.html")]
#[schema(as = Stats)]
pub struct StatsPage {
    /// The short link counted (public anyway: it is what was shared).
    url: String,
    clicks: i64,
    #[serde(flatten)]
    counts: Counts,
}

impl Page for StatsPage {}

#[utoipa::path(get, path = "/stats/{token}", tag = "owners", operation_id = "stats",
    summary = "A link's counts, to share: clicks, chart, referrers and client kinds only",
    description = "Opened by the stats_url of URLInfo. No target, no admin URL, nothing to change. \
        A token the owner turned off or replaced answers 404.",
    params(
        ("token" = String, Path, description = "The token from stats_url"),
        ("days" = Option<u16>, Query, description = "History window: 7, 30 (default), 90 or 365"),
    ),
    responses(
        (status = 200, description = "The counts",
            content((StatsPage = "application/json"), (String = "text/html"))),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 422, description = "Another window", body = crate::web::respond::ErrorPage),
    ))]
#[get("/stats/<token>?<days>")]
pub async fn show(
    token: Result<StatsToken, Error>,
    days: Option<&str>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Negotiated<StatsPage>> {
    let (token, window) = (token?, Window::parse(days)?);
    let mut view = links.stats(&token, window).await?;
    Ok(Negotiated(StatsPage {
        counts: Counts::take(&mut view),
        url: settings.short_url(&view.link.key),
        clicks: view.link.clicks,
    }))
}
