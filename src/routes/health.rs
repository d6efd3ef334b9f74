//! For operators: `GET /health` (is the database there, readable and writable?) and
//! `GET /metrics` (Prometheus).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};
use serde::Serialize;

use crate::config::Settings;
use crate::db::Db;
use crate::error::Error;
use crate::links;
use crate::metrics::{Metrics, Scraper};

/// The routes; `Heartbeat` must be managed.
pub fn routes() -> Vec<Route> {
    routes![health, metrics]
}

/// How long the check may wait for a connection and the write lock.
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// The least time between two writes of the check: `/health` answers anyone, and a
/// flood of it must not queue for SQLite's one write lock. In between it only reads.
pub const WRITE_EVERY: Duration = Duration::from_secs(5);

/// When the check last wrote (or is writing), shared by every `/health` request.
#[derive(Default)]
pub struct Heartbeat {
    last_write: Mutex<Option<Instant>>,
}

impl Heartbeat {
    /// Whether this check should write; if so, the slot is taken until `WRITE_EVERY` passes.
    fn claim(&self, now: Instant) -> bool {
        let mut last = self.last_write.lock().unwrap_or_else(|e| e.into_inner());
        let due = last.map_or(true, |at| now.duration_since(at) >= WRITE_EVERY);
        if due {
            *last = Some(now);
        }
        due
    }

    /// A failed write is not a heartbeat: the next check writes again.
    fn release(&self) {
        *self.last_write.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

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
pub(super) async fn health(db: &State<Db>, heartbeat: &State<Heartbeat>) -> (Status, Json<Health>) {
    match check(db, heartbeat).await {
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

async fn check(db: &Db, heartbeat: &Heartbeat) -> Result<(), String> {
    // A deleted file keeps working through open connections, until the restart that loses it.
    if let Some(file) = db.file() {
        if !file.exists() {
            return Err("the database file is missing".into());
        }
    }
    let write = heartbeat.claim(Instant::now());
    let query = async {
        let mut conn = db.0.acquire().await?;
        let now = crate::clock::stamp(time::OffsetDateTime::now_utc());
        links::check_health(&mut conn, write.then_some(now.as_str())).await
    };
    let outcome = match rocket::tokio::time::timeout(CHECK_TIMEOUT, query).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("the database cannot be used: {e}")),
        Err(_) => Err("the database did not answer in time".into()),
    };
    if write && outcome.is_err() {
        heartbeat.release();
    }
    outcome
}

/// Prometheus' text format; 404 when the operator turned metrics off, or to clients
/// on other machines unless `metrics_public`.
#[utoipa::path(get, path = "/metrics", tag = "operators", summary = "Prometheus metrics",
    responses((status = 200, content_type = "text/plain", body = String), (status = 404, description = "Turned off, or asked from another machine")))]
#[get("/metrics")]
pub(super) fn metrics(
    settings: &State<Settings>,
    scraper: Scraper,
    metrics: &State<std::sync::Arc<Metrics>>,
) -> Result<(rocket::http::ContentType, String), Error> {
    if !settings.metrics || !scraper.allowed {
        return Err(Error::NotFound);
    }
    let text = rocket::http::ContentType::new("text", "plain")
        .with_params([("version", "0.0.4"), ("charset", "utf-8")]);
    Ok((text, metrics.render()))
}
