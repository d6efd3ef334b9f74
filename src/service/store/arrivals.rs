//! The statements of `import --from`: links stored many per statement (an import is
//! tens of thousands of links, and one statement per link is a round trip each),
//! with their clicks per day and their places in a collection.

use std::collections::HashMap;

use sqlx::QueryBuilder;

use super::records::Record;
use crate::db::{on_db, Exec};
use crate::error::Result;

/// Links per statement: 16 values each, well within both databases' limits.
const CHUNK: usize = 500;

/// One link to store: its row, its secret's hash and, when it joins a collection,
/// its vault (its key sealed with the admin secret, the admin secret with its key).
pub struct NewLink<'a> {
    pub record: &'a Record,
    pub secret_hash: [u8; 32],
    pub vault: Option<(Vec<u8>, Vec<u8>)>,
    pub stats_token: String,
}

/// Stores `links` whose keys are free and answers key → id for those stored; a key
/// taken meanwhile is left out of the answer (the caller says why).
pub async fn insert_links(
    db: &mut dyn Exec,
    links: &[NewLink<'_>],
) -> Result<HashMap<String, i64>> {
    let mut ids = HashMap::new();
    for chunk in links.chunks(CHUNK) {
        let rows: Vec<(String, i64)> = on_db!(db, |c| {
            let mut insert = QueryBuilder::new(
                "insert into link (key, secret_hash, target_url, is_active, clicks, created_at, \
                 last_clicked_at, expires_at, max_clicks, password_hash, disabled_reason, \
                 target_changed_at, stats_token, forward_query, vault_key, vault_secret) ",
            );
            insert.push_values(chunk, |mut row, new| {
                let r = new.record;
                let (vault_key, vault_secret) = new.vault.clone().unzip();
                row.push_bind(r.key.as_str())
                    .push_bind(new.secret_hash.to_vec())
                    .push_bind(r.target_url.as_str())
                    .push_bind(r.is_active)
                    .push_bind(r.clicks)
                    .push_bind(r.created_at.as_str())
                    .push_bind(r.last_clicked_at.as_deref())
                    .push_bind(r.expires_at.as_deref())
                    .push_bind(r.max_clicks)
                    .push_bind(r.password_hash.as_deref())
                    .push_bind(r.disabled_reason.as_deref())
                    .push_bind(r.target_changed_at.as_deref())
                    .push_bind(new.stats_token.as_str())
                    .push_bind(r.forward_query)
                    .push_bind(vault_key)
                    .push_bind(vault_secret);
            });
            insert.push(" on conflict do nothing returning key, id");
            insert
                .build_query_as()
                .persistent(false)
                .fetch_all(c)
                .await?
        });
        ids.extend(rows);
    }
    Ok(ids)
}

/// The targets of the links here with any of `keys`.
pub async fn targets(db: &mut dyn Exec, keys: &[&str]) -> Result<HashMap<String, String>> {
    let mut found = HashMap::new();
    for chunk in keys.chunks(CHUNK) {
        let rows: Vec<(String, String)> = on_db!(db, |c| {
            let mut select = QueryBuilder::new("select key, target_url from link where key in (");
            let mut list = select.separated(", ");
            for key in chunk {
                list.push_bind(*key);
            }
            select.push(")");
            select
                .build_query_as()
                .persistent(false)
                .fetch_all(c)
                .await?
        });
        found.extend(rows);
    }
    Ok(found)
}

/// Clicks per day, as `(link id, day, clicks)`.
pub async fn add_days(db: &mut dyn Exec, days: &[(i64, String, i64)]) -> Result<()> {
    super::clicks::add_day_clicks(db, days).await?;
    Ok(())
}

/// Puts links in collection `id`, as `(link id, its vault key sealed with the
/// collection's secret)`.
pub async fn add_members(
    db: &mut dyn Exec,
    id: i64,
    members: &[(i64, Vec<u8>)],
    now: &str,
) -> Result<()> {
    for chunk in members.chunks(CHUNK) {
        on_db!(db, |c| {
            let mut insert = QueryBuilder::new(
                "insert into collection_link (collection_id, link_id, sealed_key, added_at) ",
            );
            insert.push_values(chunk, |mut row, (link, sealed)| {
                row.push_bind(id)
                    .push_bind(*link)
                    .push_bind(sealed.as_slice())
                    .push_bind(now);
            });
            insert.push(" on conflict do nothing");
            insert.build().persistent(false).execute(c).await?;
        });
    }
    Ok(())
}
