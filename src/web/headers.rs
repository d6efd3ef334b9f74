//! Security and caching headers, set in one place for every response.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{Header, Status};
use rocket::shield::{Frame, Shield};
use rocket::{Request, Response};

/// Scripts, styles and everything else only from this origin; no framing.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The password form's page: the same, except that the form may lead anywhere on the
/// web. Chromium applies `form-action` to the redirect that answers a form, and the
/// right password answers with a 303 to the link's target, on another origin; naming
/// that origin here would tell it to visitors without the password.
pub const LOCKED_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; manifest-src 'self'; form-action 'self' https: http:; base-uri 'none'; frame-ancestors 'none'";

/// What `Shield` sets on every answer, as the API description lists it.
pub const EVERY_ANSWER: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "interest-cohort=()"),
];

/// Set on owner pages (admin paths), which carry the owner's secret.
pub const OWNER_PAGES: &[(&str, &str)] = &[
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "same-origin"),
    ("X-Robots-Tag", "noindex"),
];

/// Rocket's `Shield` (nosniff, permissions policy) with framing denied outright.
pub fn shield() -> Shield {
    Shield::default().enable(Frame::Deny)
}

/// Whether `req` reached an owner's page (admin, stats, collection; or the operator's
/// moderation page): by the route that answered it, or, when no
/// route did (a catcher), by its decoded path, so `//admin/S` or `/%61dmin/S` get the
/// same protection as `/admin/S`.
fn is_admin(req: &Request<'_>) -> bool {
    let routed = req.route().map(|route| route.uri.as_str());
    let secret = |first: &str| {
        matches!(
            first,
            "admin" | "moderate" | "stats" | "collection" | "collections"
        )
    };
    routed.is_some_and(|uri| uri.split('/').nth(1).is_some_and(secret))
        || req.uri().path().segments().next().is_some_and(secret)
}

/// What an answer other than a forward depends on: the representation (`Accept`)
/// and a page's language (`Accept-Language`, and the `lang` cookie).
pub const VARY: &str = "Accept, Accept-Language, Cookie";

/// Adds `Vary`, the CSP, and, on admin paths (which carry the owner's
/// secret), headers that keep the page out of caches, other sites' referrers and
/// search engines. `same-origin` rather than `no-referrer`: with `no-referrer` a
/// browser sends `Origin: null` on the page's own forms, which the cross-site check
/// must refuse.
pub struct Headers;

#[rocket::async_trait]
impl Fairing for Headers {
    fn info(&self) -> Info {
        Info {
            name: "Security headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let path = req.uri().path();
        // The forward (307) is the same for every client and carries no document.
        if path.starts_with("/static/") || res.status() == Status::TemporaryRedirect {
            return;
        }
        res.set_header(Header::new("Vary", VARY));
        if !res.headers().contains("Content-Security-Policy") {
            res.set_header(Header::new("Content-Security-Policy", CSP));
        }
        if is_admin(req) {
            for (name, value) in OWNER_PAGES {
                res.set_header(Header::new(*name, *value));
            }
        }
    }
}
