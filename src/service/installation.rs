//! The operators' door: whole link rows, to list, show, delete and restore by key,
//! export and import, and back up, on a pool of the command's own.

use super::moderation::{self, Asked, Ruling, Shown};
use super::store::moderation::{self as public, Token};
use super::store::{self, history, records};
use crate::db::Pool;
use crate::domain::clock::{stamp, Clock};
use crate::domain::keys::SecretKey;
use crate::error::{Error, Result};

pub use records::Record;
pub use store::NO_POSTGRES_BACKUP;

/// The configured database, migrated, for one operator command.
pub struct Installation {
    pub(super) pool: Pool,
}

impl Installation {
    /// Opens the database at `url` on one connection and migrates it; `create` allows
    /// a new SQLite file. The message is for the operator.
    pub async fn open(url: &str, create: bool) -> Result<Installation, String> {
        let pool = Pool::connect(&crate::db::single(url), create)
            .await
            .map_err(|e| format!("cannot open {}: {e}", crate::db::redacted(url)))?;
        super::links::migrate(&pool)
            .await
            .map_err(|e| format!("migrations failed: {e}"))?;
        Ok(Installation { pool })
    }

    /// Every link, in creation order (deleted ones too), with its click history
    /// when `with_history` (JSON exports carry it, CSV rows cannot).
    pub async fn records(&self, with_history: bool) -> Result<Vec<Record>> {
        let mut db = self.pool.acquire().await?;
        let mut rows = records::all_records(&mut db).await?;
        if with_history {
            let mut histories = history::all_histories(&mut db).await?;
            for row in &mut rows {
                row.history = histories.remove(&row.key).unwrap_or_default();
            }
        }
        Ok(rows)
    }

    /// One link by key, deleted or not.
    pub async fn record(&self, key: &str) -> Result<Record> {
        let mut db = self.pool.acquire().await?;
        records::record(&mut db, key).await
    }

    /// Deletes (deactivates) or restores a link by key; running servers forget its
    /// cached target within a fraction of a second.
    pub async fn set_active(&self, key: &str, active: bool) -> Result<()> {
        let mut db = self.pool.acquire().await?;
        records::set_active(&mut db, key, active).await
    }

    /// Stores checked records (each with its secret hash as bytes) in one
    /// transaction, or, when any key or secret is taken, none: the answer then names
    /// each clash by its index in `records`. Running servers forget every cached
    /// target. `stored` is called after each record (a progress bar).
    pub async fn import(
        &self,
        records: &[(Record, [u8; 32])],
        stored: &(dyn Fn() + Sync),
    ) -> Result<Vec<(usize, Error)>> {
        let mut tx = self.pool.begin().await?;
        let mut clashes = Vec::new();
        for (index, answer) in records::insert_records(&mut tx, records)
            .await?
            .into_iter()
            .enumerate()
        {
            stored();
            match answer {
                Ok(_) => {}
                Err(e @ (Error::KeyTaken(_) | Error::SecretTaken)) => clashes.push((index, e)),
                Err(e) => return Err(e),
            }
        }
        if clashes.is_empty() {
            records::bump_epoch(&mut tx).await?;
            tx.commit().await?;
        }
        // Otherwise dropping `tx` rolls back whatever was stored.
        Ok(clashes)
    }

    /// A new secret for the moderation page (`/moderate/<secret>`), replacing the
    /// old one; only its hash is stored, so this is the one time it is seen.
    pub async fn new_moderation_secret(&self) -> Result<SecretKey> {
        moderation::new_moderation_secret(&self.pool).await
    }

    /// A page of the moderation page's list: the links with open reports, or a search.
    pub async fn reported(&self, asked: &Asked) -> Result<Shown> {
        moderation::listing(&self.pool, asked, Clock::default().now()).await
    }

    /// Disables, enables or clears the reports of the link `key`; running servers
    /// follow within a fraction of a second.
    pub async fn decide(&self, key: &str, decision: &Ruling) -> Result<()> {
        moderation::decide(&self.pool, key, decision).await
    }

    /// A new creator token with `note`: its id and the token, shown this once.
    pub async fn new_token(&self, note: &str) -> Result<(i64, SecretKey)> {
        let token = SecretKey::random();
        let mut db = self.pool.acquire().await?;
        let now = stamp(Clock::default().now());
        let id = public::add_token(&mut db, &token.hash(), note, &now).await?;
        Ok((id, token))
    }

    /// Every creator token (never the tokens themselves).
    pub async fn tokens(&self) -> Result<Vec<Token>> {
        let mut db = self.pool.acquire().await?;
        public::tokens(&mut db).await
    }

    /// Revokes token `id`; with `disable_links`, the links made with it stop
    /// forwarding too (how many).
    pub async fn revoke_token(&self, id: i64, disable_links: bool) -> Result<u64> {
        let mut db = self.pool.acquire().await?;
        public::revoke_token(&mut db, id, &stamp(Clock::default().now())).await?;
        if !disable_links {
            return Ok(0);
        }
        let reason = "its creator's access to this site was revoked";
        public::disable_token_links(&mut db, id, reason).await
    }

    /// Whether this is PostgreSQL, which `backup` refuses (`NO_POSTGRES_BACKUP`): the
    /// command asks first, before it creates the file the copy would go to.
    pub fn is_postgres(&self) -> bool {
        self.pool.is_postgres()
    }

    /// Writes a consistent copy of the SQLite database to `dest` (a plain path to a
    /// new file) while servers keep serving; PostgreSQL has `pg_dump` for this.
    pub async fn backup(&self, dest: &str) -> Result<(), String> {
        let mut conn = self.pool.acquire().await.map_err(|e| e.to_string())?;
        store::backup_into(&mut conn, dest).await
    }
}
