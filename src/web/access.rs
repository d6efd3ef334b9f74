//! One log line per answered request, at `normal` (the `log` crate's `info`): its
//! method, route (the handler's name, as `/metrics` counts it), status, time taken
//! and path, as key-value pairs a JSON log writes as fields; the client's address
//! only when the operator turns `log_client_address` on. At `critical` (the
//! default) nothing is timed or written.

use std::time::Instant;

use log::Level;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Data, Request, Response};

use super::metrics::route_name;
use crate::settings::Settings;

/// The log target of the request lines.
pub const TARGET: &str = "shortener::request";

/// The fairing that writes the request lines.
pub struct AccessLog;

/// When Rocket received the request (`None`: not timed, the log was off).
struct Started(Option<Instant>);

fn enabled() -> bool {
    log::log_enabled!(target: TARGET, Level::Info)
}

#[rocket::async_trait]
impl Fairing for AccessLog {
    fn info(&self) -> Info {
        Info {
            name: "Request log",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        if enabled() {
            req.local_cache(|| Started(Some(Instant::now())));
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        if !enabled() {
            return;
        }
        let elapsed = req.local_cache(|| Started(None)).0.map(|t| t.elapsed());
        // Milliseconds to the microsecond.
        let duration_ms = elapsed.map_or(0.0, |d| d.as_micros() as f64 / 1000.0);
        let method = req.method().as_str();
        let route = route_name(req);
        let status = res.status().code;
        let uri = req.uri().to_string();
        let client = req
            .rocket()
            .state::<Settings>()
            .filter(|s| s.log_client_address)
            .and_then(|_| req.client_ip());
        match client {
            Some(client) => log::info!(
                target: TARGET,
                method = method, route = route, status = status, duration_ms = duration_ms,
                uri = uri.as_str(), client:% = client;
                "{method} {uri} {status} ({route}, {duration_ms} ms, from {client})"
            ),
            None => log::info!(
                target: TARGET,
                method = method, route = route, status = status, duration_ms = duration_ms,
                uri = uri.as_str();
                "{method} {uri} {status} ({route}, {duration_ms} ms)"
            ),
        }
    }
}
