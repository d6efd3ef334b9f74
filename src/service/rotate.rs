//! A new admin secret when the old one leaked: the old one opens nothing from then
//! on, and neither does any collection the link was in (it held a key to the link's
//! vault): the link leaves them all, and its owner adds it again where wanted. The
//! link, its clicks and its stats link stay.

use super::links::Links;
use super::store;
use crate::domain::keys::SecretKey;
use crate::error::Result;

impl Links {
    /// Replaces the link's secret by a fresh one, which exists only in this answer,
    /// and takes the link out of every collection; also how many it left. Admin pages
    /// are read from the database on every request, so the old secret answers 404 on
    /// every instance as soon as this returns.
    pub async fn rotate(&self, secret: &SecretKey) -> Result<(store::Link, SecretKey, u64)> {
        self.allow_change(secret).await?;
        let new = SecretKey::random();
        let mut left = 0;
        let link = self
            .with_pending_clicks(async {
                let mut conn = self.pool.acquire().await?;
                let (link, n) = store::owners::replace_secret(&mut conn, secret, &new).await?;
                left = n;
                Ok(link)
            })
            .await?;
        Ok((self.vet(link), new, left))
    }
}
