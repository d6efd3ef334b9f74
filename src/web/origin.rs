//! Cross-site requests refused on every state-changing route. A page on another site
//! can make its visitors' browsers submit forms here (creating links under keys the
//! attacker chose, or spreading password guesses over many visitors' addresses); the
//! browser says where such a request comes from in `Sec-Fetch-Site`, or in older
//! browsers `Origin`. Programs send neither and are not affected.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use url::Url;

use crate::error::Error;
use crate::settings::Settings;

/// A request guard: the request was not sent from another site's page. On failure
/// the 403 catcher answers `Error::CrossSite` (see `web::catchers`).
pub struct SameOrigin;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SameOrigin {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match cross_site(req) {
            false => Outcome::Success(SameOrigin),
            true => Outcome::Error((Status::Forbidden, Error::CrossSite)),
        }
    }
}

/// A request guard that never fails: whether a browser sent the request from one of
/// this app's own pages (`from_own_page`).
pub struct OwnPage(pub bool);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for OwnPage {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(OwnPage(from_own_page(req)))
    }
}

/// Whether a browser says it sent `req` from this app's own page: `Sec-Fetch-Site:
/// same-origin`, or without it an `Origin` that is the app's. Every current browser
/// sends one of them with a form post; programs and scanners usually send neither.
pub fn from_own_page(req: &Request<'_>) -> bool {
    if let Some(site) = req.headers().get_one("Sec-Fetch-Site") {
        return site.trim().eq_ignore_ascii_case("same-origin");
    }
    req.headers()
        .get_one("Origin")
        .is_some_and(|origin| is_own(origin, req))
}

/// Whether a browser sent `req` on another site's behalf: `Sec-Fetch-Site` other than
/// `same-origin` or `none` (a typed address, a bookmark), or without it an `Origin`
/// (`null` included) that is neither `base_url`'s origin nor the request's `Host`.
/// Same-site is refused too: a sibling subdomain may be someone else's.
pub fn cross_site(req: &Request<'_>) -> bool {
    if let Some(site) = req.headers().get_one("Sec-Fetch-Site") {
        let site = site.trim().to_ascii_lowercase();
        return !matches!(site.as_str(), "same-origin" | "none");
    }
    match req.headers().get_one("Origin") {
        Some(origin) => !is_own(origin, req),
        None => false,
    }
}

/// Whether `origin` (the header's value) is this app's: `base_url`'s scheme, host and
/// port, or the host and port the request was sent to.
fn is_own(origin: &str, req: &Request<'_>) -> bool {
    let Ok(url) = Url::parse(origin.trim()) else {
        return false; // `null` and anything unreadable
    };
    let base = req.rocket().state::<Settings>();
    let base = base.and_then(|s| Url::parse(&s.base_url).ok());
    if base.is_some_and(|base| base.origin() == url.origin()) {
        return true;
    }
    let (Some(host), Some(requested)) = (url.host_str(), req.headers().get_one("Host")) else {
        return false;
    };
    let authority = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    authority == without_default_port(requested, url.scheme())
}

/// A `Host` header lower-cased, without the port `scheme` implies.
fn without_default_port(host: &str, scheme: &str) -> String {
    let host = host.trim().to_ascii_lowercase();
    let default = match scheme {
        "https" => ":443",
        _ => ":80",
    };
    host.strip_suffix(default)
        .map_or(host.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_scheme_s_own_port_is_dropped_from_host() {
        assert_eq!(without_default_port("Sho.RT:443", "https"), "sho.rt");
        assert_eq!(without_default_port("sho.rt:443", "http"), "sho.rt:443");
        assert_eq!(without_default_port("[::1]:80", "http"), "[::1]");
        assert_eq!(without_default_port("sho.rt:8000", "http"), "sho.rt:8000");
    }
}
