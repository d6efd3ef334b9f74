//! The statements of `import --from`: links stored many per statement (an import is
//! tens of thousands of links, and one statement per link is a round trip each),
//! with their clicks per day and their places in a collection.

use std::collections::HashMap;

use sqlx::QueryBuilder;

use super::row::LinkRow;
use crate::db::{on_db, Exec};
use crate::error::Result;

/// Keys per statement of the look-ups here.
const CHUNK: usize = 500;

/// Stores `rows` whose keys are free, in the one batched insert, and answers key →
/// id for those stored; a key taken meanwhile is left out of the answer (the caller
/// says why).
pub async fn insert_links(db: &mut dyn Exec, rows: &[LinkRow]) -> Result<HashMap<String, i64>> {
    let stored = super::row::insert_links(db, rows).await?;
    Ok(stored.into_iter().map(|link| (link.key, link.id)).collect())
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
