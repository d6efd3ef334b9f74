//! The web side of the metrics: every response counted by route and status, and who
//! may read `/metrics` (the service times the redirects itself).

use std::net::IpAddr;
use std::sync::Arc;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::request::{FromRequest, Outcome};
use rocket::{Request, Response};

use crate::metrics::Metrics;
use crate::settings::Settings;

/// Counts every response by route (the handler's name, so the label set stays small
/// whatever the paths) and status.
pub struct Meter;

#[rocket::async_trait]
impl Fairing for Meter {
    fn info(&self) -> Info {
        Info {
            name: "Metrics",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let Some(metrics) = req.rocket().state::<Arc<Metrics>>() else {
            return;
        };
        metrics.count_response(route_name(req), res.status().code);
    }
}

/// The route a request matched, by its handler's name (`follow`, `create_json`), or
/// `unmatched`: the label `/metrics` counts it under, and the `route` of its log line.
pub fn route_name<'r>(req: &'r Request<'_>) -> &'r str {
    req.route()
        .and_then(|r| r.name.as_deref())
        .unwrap_or("unmatched")
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
