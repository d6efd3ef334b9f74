//! Who may create a link now: in private mode, the holder of a valid creator token
//! (whose own allowance is taken), and then one create from the client address's
//! allowance (`rate_limit`); a bulk create takes one more per further item.

use std::net::IpAddr;

use super::limit::Limiter;
use crate::error::{Error, Result};
use crate::service::Links;

/// A create the service let in: one was taken from the client's allowance.
pub struct Admission<'a> {
    limit: &'a Limiter,
    client: Option<IpAddr>,
    /// The creator token the request came with (private mode; `None` otherwise).
    pub token_id: Option<i64>,
}

impl Admission<'_> {
    /// Takes up to `n` further creates from the client's allowance: how many it got,
    /// and when fewer, the seconds until the next one is allowed.
    pub fn more(&self, n: usize) -> (usize, Option<u64>) {
        self.limit.take_up_to(self.client, n)
    }
}

impl Links {
    /// Lets a create in, or says why not: `TokenRequired` (private mode, no valid
    /// token), `RateLimited` (the token's or the address's allowance is used up).
    pub async fn admit_creator(
        &self,
        client: Option<IpAddr>,
        token: Option<&str>,
    ) -> Result<Admission<'_>> {
        let token_id = match self.private {
            true => Some(self.creator(token.ok_or(Error::TokenRequired)?).await?),
            false => None,
        };
        self.create_limit.take(client).map_err(Error::RateLimited)?;
        Ok(Admission {
            limit: &self.create_limit,
            client,
            token_id,
        })
    }
}
