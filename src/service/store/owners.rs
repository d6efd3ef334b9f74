//! The owner's statements beyond the target and the soft delete: the stats link,
//! query forwarding, a new secret, and the read-only statistics page's lookup.

use const_format::concatcp;

use super::link::{Link, COLUMNS};
use super::owner_change;
use crate::db::{on_db, Exec};
use crate::domain::keys::{SecretKey, StatsToken};
use crate::error::{Error, Result};

/// Gives the link a new stats token, or none (`None`: the stats page is turned off);
/// the old token opens nothing from then on.
pub async fn set_stats(
    db: &mut dyn Exec,
    secret: &SecretKey,
    token: Option<&StatsToken>,
) -> Result<Link> {
    // A token is never empty, so '' stands for none.
    let sql = concatcp!(
        "update link set stats_token = nullif($2, '') where secret_hash = $1 and is_active returning ",
        COLUMNS
    );
    let token = token.map_or("", StatsToken::as_str);
    owner_change(db, sql, secret, &[token]).await
}

/// Turns query forwarding on or off; every server forgets the cached target, which
/// carries the setting.
pub async fn set_forward_query(db: &mut dyn Exec, secret: &SecretKey, on: bool) -> Result<Link> {
    // Values are bound as text; the comparison gives each database its own boolean.
    let sql = concatcp!(
        "update link set forward_query = ($2 = 'on') where secret_hash = $1 and is_active returning ",
        COLUMNS
    );
    owner_change(db, sql, secret, &[if on { "on" } else { "off" }]).await
}

/// Gives the link new rules and split (`Smart::stored`; `None`: none), at `now`
/// (a stamp): where visitors go changes, so the target's change time moves too.
pub async fn set_smart(
    db: &mut dyn Exec,
    secret: &SecretKey,
    smart: Option<String>,
    now: &str,
) -> Result<Link> {
    // Stored JSON is never empty, so '' stands for none.
    let sql = concatcp!(
        "update link set smart = nullif($2, ''), target_changed_at = $3 \
         where secret_hash = $1 and is_active and disabled_reason is null returning ",
        COLUMNS
    );
    owner_change(db, sql, secret, &[smart.as_deref().unwrap_or(""), now]).await
}

/// Sets where the link sends visitors once expired or used up (`None`: its 410).
pub async fn set_expired_url(
    db: &mut dyn Exec,
    secret: &SecretKey,
    url: Option<&str>,
) -> Result<Link> {
    let sql = concatcp!(
        "update link set expired_url = nullif($2, '') \
         where secret_hash = $1 and is_active and disabled_reason is null returning ",
        COLUMNS
    );
    owner_change(db, sql, secret, &[url.unwrap_or("")]).await
}

/// Sets the title and the note where given (`Some(None)`: none any more); the other
/// stays as it is.
pub async fn set_annotation(
    db: &mut dyn Exec,
    secret: &SecretKey,
    title: Option<Option<&str>>,
    note: Option<Option<&str>>,
) -> Result<Link> {
    // Bound as text: '' stands for none; a flag per column says whether to set it.
    let sql = concatcp!(
        "update link set \
         title = case when $2 = 'set' then nullif($3, '') else title end, \
         note = case when $4 = 'set' then nullif($5, '') else note end \
         where secret_hash = $1 and is_active returning ",
        COLUMNS
    );
    let flag = |set: bool| if set { "set" } else { "keep" };
    let values = [
        flag(title.is_some()),
        title.flatten().unwrap_or(""),
        flag(note.is_some()),
        note.flatten().unwrap_or(""),
    ];
    owner_change(db, sql, secret, &values).await
}

/// Sets when the link goes live (a stamp; `None`: at once). Every server forgets
/// the cached target, which carries it.
pub async fn set_starts_at(
    db: &mut dyn Exec,
    secret: &SecretKey,
    at: Option<&str>,
) -> Result<Link> {
    // A stamp is never empty, so '' stands for none.
    let sql = concatcp!(
        "update link set starts_at = nullif($2, '') where secret_hash = $1 and is_active returning ",
        COLUMNS
    );
    owner_change(db, sql, secret, &[at.unwrap_or("")]).await
}

/// Sets the link preview (`Preview::stored`; `None`: none).
pub async fn set_preview(
    db: &mut dyn Exec,
    secret: &SecretKey,
    preview: Option<&str>,
) -> Result<Link> {
    // Stored JSON is never empty, so '' stands for none.
    let sql = concatcp!(
        "update link set preview = nullif($2, '') where secret_hash = $1 and is_active returning ",
        COLUMNS
    );
    owner_change(db, sql, secret, &[preview.unwrap_or("")]).await
}

/// Turns `humans_only` on or off.
pub async fn set_humans_only(db: &mut dyn Exec, secret: &SecretKey, on: bool) -> Result<Link> {
    let sql = concatcp!(
        "update link set humans_only = ($2 = 'on') where secret_hash = $1 and is_active returning ",
        COLUMNS
    );
    owner_change(db, sql, secret, &[if on { "on" } else { "off" }]).await
}

/// What a join needs of a link: its row and its vault key, sealed with its admin
/// secret (once it has joined a collection).
#[derive(sqlx::FromRow)]
pub struct Vault {
    pub id: i64,
    pub vault_key: Option<Vec<u8>>,
}

/// The vault of the active link with `secret`.
pub async fn vault(db: &mut dyn Exec, secret: &SecretKey) -> Result<Vault> {
    let sql = "select id, vault_key from link where secret_hash = $1 and is_active";
    let found: Option<Vault> = on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(&secret.hash()[..])
            .fetch_optional(c)
            .await?
    });
    found.ok_or(Error::NotFound)
}

/// Replaces the active link's secret `old` by `new` and takes it out of every
/// collection, in one transaction: its vault is emptied (a collection that joined it
/// held a key to it), so nothing anyone held before opens the link afterwards; a
/// collection that should list it again is joined again with the new secret.
/// `NotFound` when `old` is no longer its secret (another rotation got there first).
/// Admin pages are read from the database on every request, so the old secret opens
/// nothing on any server from the moment this commits. Also the number of
/// collections it left.
pub async fn replace_secret(
    db: &mut dyn Exec,
    old: &SecretKey,
    new: &SecretKey,
) -> Result<(Link, u64)> {
    // The update takes the link's row first, so a join racing it (which reads the row
    // `for share` on PostgreSQL, or is one statement on SQLite) lands before the
    // delete below sees its membership, or finds the old secret gone.
    let rotate = concatcp!(
        "update link set secret_hash = $2, vault_key = null, vault_secret = null \
         where secret_hash = $1 and is_active returning ",
        COLUMNS
    );
    let leave = "delete from collection_link where link_id = $1";
    let done: Option<(Link, u64)> = on_db!(db, |c| {
        let mut tx = sqlx::Connection::begin(c).await?;
        let link: Option<Link> = sqlx::query_as(rotate)
            .bind(&old.hash()[..])
            .bind(&new.hash()[..])
            .fetch_optional(&mut *tx)
            .await?;
        let mut left = 0;
        if let Some(link) = &link {
            left = sqlx::query(leave)
                .bind(link.id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        link.map(|link| (link, left))
    });
    done.ok_or(Error::NotFound)
}

/// The id of the active link whose secret is `secret`: what the owners' change
/// allowance is kept under, so a new secret does not bring a fresh allowance.
pub async fn link_id(db: &mut dyn Exec, secret: &SecretKey) -> Result<i64> {
    let sql = "select id from link where secret_hash = $1 and is_active";
    let found: Option<(i64,)> = on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(&secret.hash()[..])
            .fetch_optional(c)
            .await?
    });
    found.map(|(id,)| id).ok_or(Error::NotFound)
}

/// The active link whose stats page `token` opens.
pub async fn by_stats_token(db: &mut dyn Exec, token: &StatsToken) -> Result<Link> {
    let sql = concatcp!(
        "select ",
        COLUMNS,
        " from link where stats_token = $1 and is_active"
    );
    let link: Option<Link> = on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(token.as_str())
            .fetch_optional(c)
            .await?
    });
    link.ok_or(Error::NotFound)
}
