//! Prometheus metrics at `/metrics`: requests by route and status, redirect latency,
//! links created, clicks written, and the link cache's hits and misses. Each app has
//! its own registry (no global recorder), so tests and embedders never share counts.

use std::time::Instant;

use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, Opts, Registry, TextEncoder,
};
use std::net::IpAddr;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::request::{FromRequest, Outcome};
use rocket::{Data, Request, Response};

use crate::config::Settings;

/// Buckets for redirect latency, in seconds: the hot path answers in well under a millisecond.
const REDIRECT_BUCKETS: &[f64] = &[
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1, 0.5,
];

/// The app's metrics, managed as `Arc<Metrics>` state.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    redirect_seconds: Histogram,
    /// Links stored (bulk items one by one).
    pub links_created: IntCounter,
    /// Clicks moved from memory to the database.
    pub clicks_written: IntCounter,
    /// Redirects answered from memory, and those that read the database.
    pub cache_hits: IntCounter,
    pub cache_misses: IntCounter,
}

impl Metrics {
    /// A fresh registry with every metric at zero.
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "shortener_http_requests_total",
                "HTTP requests by route and status",
            ),
            &["route", "status"],
        )?;
        let redirect_seconds = Histogram::with_opts(
            HistogramOpts::new(
                "shortener_redirect_duration_seconds",
                "Time to answer GET /{key}, from request to response",
            )
            .buckets(REDIRECT_BUCKETS.to_vec()),
        )?;
        let counter = |name: &str, help: &str| IntCounter::new(name, help);
        let metrics = Metrics {
            links_created: counter("shortener_links_created_total", "Links stored")?,
            clicks_written: counter(
                "shortener_clicks_written_total",
                "Clicks written from memory to the database",
            )?,
            cache_hits: counter(
                "shortener_cache_hits_total",
                "Redirects answered from the in-memory link cache",
            )?,
            cache_misses: counter(
                "shortener_cache_misses_total",
                "Redirects that read the database",
            )?,
            registry,
            requests,
            redirect_seconds,
        };
        metrics
            .registry
            .register(Box::new(metrics.requests.clone()))?;
        metrics
            .registry
            .register(Box::new(metrics.redirect_seconds.clone()))?;
        for counter in [
            &metrics.links_created,
            &metrics.clicks_written,
            &metrics.cache_hits,
            &metrics.cache_misses,
        ] {
            metrics.registry.register(Box::new(counter.clone()))?;
        }
        Ok(metrics)
    }

    /// Every metric in Prometheus' text format.
    pub fn render(&self) -> String {
        let mut text = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut text) {
            rocket::error!("encoding metrics failed: {e}");
        }
        String::from_utf8(text).unwrap_or_default()
    }
}

/// When the request arrived, for the latency histogram.
struct Arrived(Instant);

/// Counts every response by route (the handler's name, so the label set stays small
/// whatever the paths) and status, and times redirects.
pub struct Meter;

#[rocket::async_trait]
impl Fairing for Meter {
    fn info(&self) -> Info {
        Info {
            name: "Metrics",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(|| Arrived(Instant::now()));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let Some(metrics) = req.rocket().state::<std::sync::Arc<Metrics>>() else {
            return;
        };
        let route = req
            .route()
            .and_then(|r| r.name.as_deref())
            .unwrap_or("unmatched");
        let status = res.status().code;
        metrics
            .requests
            .with_label_values(&[route, status.to_string().as_str()])
            .inc();
        if route == "follow" {
            let arrived = req.local_cache(|| Arrived(Instant::now()));
            metrics
                .redirect_seconds
                .observe(arrived.0.elapsed().as_secs_f64());
        }
    }
}

/// Whether a request may read `/metrics`: counts of routes, statuses and links are for
/// the operator's scraper, on this machine unless `metrics_public` says otherwise.
pub struct Scraper {
    /// The request may read the metrics.
    pub allowed: bool,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Scraper {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let public = req
            .rocket()
            .state::<Settings>()
            .is_some_and(|s| s.metrics_public);
        Outcome::Success(Scraper {
            allowed: public || from_this_machine(req),
        })
    }
}

/// Headers a proxy adds: a request carrying one came from elsewhere through it.
const FORWARDING_HEADERS: [&str; 3] = ["Forwarded", "X-Forwarded-For", "X-Real-IP"];

/// The connection and the client (`ip_header`, if set) are on loopback, and no proxy
/// forwarded the request (a proxy on this machine connects from loopback). A request
/// with no connection (the local test client) counts as this machine.
fn from_this_machine(req: &Request<'_>) -> bool {
    let peer = req.remote().map_or(true, |addr| is_loopback(addr.ip()));
    let client = req.client_ip().map_or(true, is_loopback);
    let forwarded = FORWARDING_HEADERS
        .iter()
        .any(|name| req.headers().contains(*name));
    peer && client && !forwarded
}

/// Loopback, IPv4-mapped IPv6 (`::ffff:127.0.0.1`) included.
fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map_or(v6.is_loopback(), |v4| v4.is_loopback()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_v4_v6_and_v4_mapped_v6() {
        for ip in ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"] {
            assert!(is_loopback(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["10.0.0.1", "203.0.113.7", "::ffff:10.0.0.1", "2001:db8::1"] {
            assert!(!is_loopback(ip.parse().unwrap()), "{ip}");
        }
    }
}
