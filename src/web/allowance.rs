//! The service's create admission (`Links::admit_creator`) as a request guard: the
//! client address (honouring Rocket's `ip_header` setting, for deployments behind a
//! proxy) and the creator token (`Authorization: Bearer`, or the browser's cookie)
//! are read here; the service decides.

use std::ops::Deref;

use rocket::request::{FromRequest, Outcome, Request};

use crate::error::Error;
use crate::service::gates::allowance::Admission;
use crate::service::Links;

/// The cookie the browser keeps the creator token in (private mode).
pub const TOKEN_COOKIE: &str = "creator_token";

/// A request guard: the client may create a link now (one was taken from its
/// allowance); a bulk create takes one more per further item (`Admission::more`).
pub struct Allowed<'r>(Admission<'r>);

impl<'r> Deref for Allowed<'r> {
    type Target = Admission<'r>;

    fn deref(&self) -> &Admission<'r> {
        &self.0
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Allowed<'r> {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(links) = req.rocket().state::<Links>() else {
            return Outcome::Error((Error::Unavailable.status(), Error::Unavailable));
        };
        match links.admit_creator(req.client_ip(), token_of(req)).await {
            Ok(admission) => Outcome::Success(Allowed(admission)),
            Err(e) => Outcome::Error((e.status(), e)),
        }
    }
}

/// The creator token of `req`: `Authorization: Bearer <token>`, else the cookie.
pub fn token_of<'r>(req: &'r Request<'_>) -> Option<&'r str> {
    let bearer = req.headers().get_one("Authorization").and_then(|value| {
        let (scheme, token) = value.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    bearer.or_else(|| req.cookies().get(TOKEN_COOKIE).map(|c| c.value()))
}
