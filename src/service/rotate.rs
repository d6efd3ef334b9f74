//! A new admin secret when the old one leaked: the old one opens nothing from then
//! on, the link and its stats link stay, and the collections it is in keep listing it.

use super::links::Links;
use super::store::{self, owners::Vault};
use crate::domain::keys::SecretKey;
use crate::domain::seal;
use crate::error::{Error, Result};

impl Links {
    /// Replaces the link's secret by a fresh one, which exists only in this answer.
    /// Admin pages are read from the database on every request, so the old secret
    /// answers 404 on every instance as soon as this returns.
    pub async fn rotate(&self, secret: &SecretKey) -> Result<(store::Link, SecretKey)> {
        self.allow_change(secret)?;
        let new = SecretKey::random();
        let link = self
            .with_pending_clicks(async {
                let mut conn = self.pool.acquire().await?;
                let vault = store::owners::vault(&mut conn, secret).await?;
                let vault = reseal(vault, secret, &new)?;
                store::owners::replace_secret(&mut conn, secret, &new, &vault).await
            })
            .await?;
        Ok((self.vet(link), new))
    }
}

/// The vault of a link that has one, sealed for the `new` secret instead of `old`:
/// its key stays, so the collections' seals of it stay valid.
fn reseal(vault: Vault, old: &SecretKey, new: &SecretKey) -> Result<Vault> {
    let Some(sealed) = &vault.vault_key else {
        return Ok(vault);
    };
    let key = seal::open(old.as_str(), sealed).ok_or(Error::NotFound)?;
    let key = String::from_utf8(key).map_err(|_| Error::NotFound)?;
    Ok(Vault {
        vault_key: Some(seal::seal(new.as_str(), key.as_bytes())),
        vault_secret: Some(seal::seal(&key, new.as_str().as_bytes())),
        ..vault
    })
}
