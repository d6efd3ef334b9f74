//! For operators: `GET /health` (is the database there, readable and writable, and are
//! clicks being written?) and
//! `GET /metrics` (Prometheus).

use std::sync::Arc;

use rocket::http::{ContentType, Status};
use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};
use serde::Serialize;

use super::metrics::Scraper;
use crate::error::Error;
use crate::metrics::Metrics;
use crate::service::Links;
use crate::settings::Settings;

/// The version this binary was built as.
const VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn routes() -> Vec<Route> {
    routes![health, metrics]
}

/// For load balancers and monitors: always JSON, whatever `Accept` says.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    status: &'static str,
    /// The running version (`Cargo.toml`'s), so a monitor sees which release answers
    /// and an upgrade can be confirmed from outside.
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

#[utoipa::path(get, path = "/health", tag = "operators", summary = "Is the database readable and writable, and are clicks being written?",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
#[get("/health")]
pub async fn health(links: &State<Links>) -> (Status, Json<Health>) {
    match links.health().await {
        Ok(()) => (
            Status::Ok,
            Json(Health {
                status: "ok",
                version: VERSION,
                detail: None,
            }),
        ),
        Err(reason) => {
            let health = Health {
                status: "unavailable",
                version: VERSION,
                detail: Some(reason),
            };
            (Status::ServiceUnavailable, Json(health))
        }
    }
}

/// Prometheus' text format; 404 when the operator turned metrics off, or to clients
/// on other machines unless `metrics_public`.
#[utoipa::path(get, path = "/metrics", tag = "operators", summary = "Prometheus metrics",
    responses((status = 200, content_type = "text/plain", body = String), (status = 404, description = "Turned off, or asked from another machine", body = crate::web::respond::ErrorPage)))]
#[get("/metrics")]
pub fn metrics(
    settings: &State<Settings>,
    scraper: Scraper,
    metrics: &State<Arc<Metrics>>,
) -> Result<(ContentType, String), Error> {
    if !settings.metrics || !scraper.allowed {
        return Err(Error::NotFound);
    }
    let text =
        ContentType::new("text", "plain").with_params([("version", "0.0.4"), ("charset", "utf-8")]);
    Ok((text, metrics.render()))
}
