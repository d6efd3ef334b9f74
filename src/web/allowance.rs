//! The create allowance per client address (`rate_limit`), as a request guard. The
//! client address honours Rocket's `ip_header` setting, for deployments behind a proxy.

use std::net::IpAddr;

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use crate::error::Error;
use crate::service::limit::Limiter;

/// The creates limiter, managed as state.
pub struct CreateLimit(pub Limiter);

/// A request guard: the client may create a link now (one was taken from its
/// allowance); a bulk create takes one more per further item (`Allowed::more`).
pub struct Allowed<'r> {
    limiter: Option<&'r Limiter>,
    client: Option<IpAddr>,
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
        let allowed = Allowed {
            limiter,
            client: req.client_ip(),
        };
        match limiter.map_or(Ok(()), |limiter| limiter.check(allowed.client)) {
            Ok(()) => Outcome::Success(allowed),
            Err(seconds) => Outcome::Error((Status::TooManyRequests, Error::RateLimited(seconds))),
        }
    }
}
