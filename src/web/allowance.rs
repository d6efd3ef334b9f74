//! The create allowance per client address (`rate_limit`), as a request guard, and in
//! private mode the creator token (`Authorization: Bearer`, or the browser's cookie).
//! The client address honours Rocket's `ip_header` setting, for deployments behind a proxy.

use std::net::IpAddr;

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use crate::error::Error;
use crate::service::gates::limit::Limiter;
use crate::service::Links;
use crate::settings::Settings;

/// The cookie the browser keeps the creator token in (private mode).
pub const TOKEN_COOKIE: &str = "creator_token";

/// The creates limiter, managed as state.
pub struct CreateLimit(pub Limiter);

/// A request guard: the client may create a link now (one was taken from its
/// allowance); a bulk create takes one more per further item (`Allowed::more`).
pub struct Allowed<'r> {
    limiter: Option<&'r Limiter>,
    client: Option<IpAddr>,
    /// The creator token the request came with (private mode; `None` otherwise).
    pub token_id: Option<i64>,
}

impl Allowed<'_> {
    /// Takes up to `n` further creates from the client's allowance: how many it got,
    /// and when fewer, the seconds until the next one is allowed.
    pub fn more(&self, n: usize) -> (usize, Option<u64>) {
        match self.limiter {
            Some(limiter) => limiter.take_up_to(self.client, n),
            None => (n, None),
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Allowed<'r> {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let limiter = req.rocket().state::<CreateLimit>().map(|l| &l.0);
        let mut allowed = Allowed {
            limiter,
            client: req.client_ip(),
            token_id: None,
        };
        let private = req.rocket().state::<Settings>().is_some_and(|s| s.private);
        if private {
            match creator(req).await {
                Ok(id) => allowed.token_id = Some(id),
                Err(e) => return Outcome::Error((e.status(), e)),
            }
        }
        match limiter.map_or(Ok(()), |limiter| limiter.check(allowed.client)) {
            Ok(()) => Outcome::Success(allowed),
            Err(seconds) => Outcome::Error((Status::TooManyRequests, Error::RateLimited(seconds))),
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

/// The id of the request's valid creator token (its allowance taken), or `TokenRequired`.
async fn creator(req: &Request<'_>) -> Result<i64, Error> {
    let token = token_of(req).ok_or(Error::TokenRequired)?;
    let links = req.rocket().state::<Links>().ok_or(Error::Unavailable)?;
    links.creator(token).await
}
