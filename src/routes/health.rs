//! For operators: `GET /health` (is the database there, readable and writable?) and
//! `GET /metrics` (Prometheus).

use std::time::Duration;

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};
use serde::Serialize;

use crate::config::Settings;
use crate::db::Db;
use crate::error::Error;
use crate::links;
use crate::metrics::Metrics;

pub fn routes() -> Vec<Route> {
    routes![health, metrics]
}

/// How long the check may wait for a connection and the write lock.
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// For load balancers and monitors: always JSON, whatever `Accept` says.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

#[utoipa::path(get, path = "/health", tag = "operators", summary = "Is the database readable and writable?",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
#[get("/health")]
pub(super) async fn health(db: &State<Db>) -> (Status, Json<Health>) {
    match check(db).await {
        Ok(()) => (
            Status::Ok,
            Json(Health {
                status: "ok",
                detail: None,
            }),
        ),
        Err(reason) => {
            let health = Health {
                status: "unavailable",
                detail: Some(reason),
            };
            (Status::ServiceUnavailable, Json(health))
        }
    }
}

async fn check(db: &Db) -> Result<(), String> {
    // A deleted file keeps working through open connections, until the restart that loses it.
    if let Some(file) = db.file() {
        if !file.exists() {
            return Err("the database file is missing".into());
        }
    }
    let query = async {
        let mut conn = db.0.acquire().await?;
        links::check_health(
            &mut conn,
            &crate::clock::stamp(time::OffsetDateTime::now_utc()),
        )
        .await
    };
    match rocket::tokio::time::timeout(CHECK_TIMEOUT, query).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("the database cannot be used: {e}")),
        Err(_) => Err("the database did not answer in time".into()),
    }
}

/// Prometheus' text format; 404 when the operator turned metrics off.
#[utoipa::path(get, path = "/metrics", tag = "operators", summary = "Prometheus metrics",
    responses((status = 200, content_type = "text/plain", body = String), (status = 404, description = "Turned off")))]
#[get("/metrics")]
pub(super) fn metrics(
    settings: &State<Settings>,
    metrics: &State<std::sync::Arc<Metrics>>,
) -> Result<(rocket::http::ContentType, String), Error> {
    if !settings.metrics {
        return Err(Error::NotFound);
    }
    let text = rocket::http::ContentType::new("text", "plain")
        .with_params([("version", "0.0.4"), ("charset", "utf-8")]);
    Ok((text, metrics.render()))
}
