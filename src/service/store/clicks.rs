//! The click statements of the link service: counts, history and sources, written
//! by the once-a-second flush, and the exact count of links with a click limit.

use std::collections::HashMap;

use sqlx::QueryBuilder;

use crate::db::{on_db, Exec};
use crate::error::Result;
use crate::service::machinery::history::{History, PLACELESS, TOP};

/// Rows per statement: few enough that compiling one takes SQLite little memory
/// (a statement's parse tree and program grow with its rows, and the allocator keeps
/// the peak), many enough that a flush of thousands of links is a few statements.
/// They are not kept prepared (`persistent(false)`): their text changes with the row
/// count, and sqlx would otherwise cache up to 100 of them per connection.
const CHUNK: usize = 512;

/// The later of a stored stamp (perhaps null) and a new one, as SQL both databases
/// understand (SQLite's two-argument `max` is PostgreSQL's `greatest`).
macro_rules! later {
    ($stored:literal, $new:literal) => {
        concat!(
            "case when ",
            $stored,
            " > ",
            $new,
            " then ",
            $stored,
            " else ",
            $new,
            " end"
        )
    };
}

/// Adds clicks counted in memory (see `counter`) to each link's total, as
/// `(id, count, last click stamp)`: one statement per chunk, additive, never
/// read-modify-write. Stamps compare as text, so the later of two wins.
pub async fn add_clicks(db: &mut dyn Exec, rows: &[(i64, i64, String)]) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(CHUNK) {
        on_db!(db, |c| {
            let mut update = QueryBuilder::new(concat!(
                "update link set clicks = link.clicks + v.column2, last_clicked_at = ",
                later!("link.last_clicked_at", "v.column3"),
                " from ("
            ));
            update.push_values(chunk, |mut row, (id, count, last)| {
                row.push_bind(*id)
                    .push_bind(*count)
                    .push_bind(last.as_str());
            });
            update.push(") as v where link.id = v.column1");
            update.build().persistent(false).execute(c).await?;
        });
    }
    Ok(())
}

/// Adds clicks to links' totals per UTC day, as `(id, YYYY-MM-DD, count)`.
pub async fn add_day_clicks(
    db: &mut dyn Exec,
    rows: &[(i64, String, i64)],
) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(CHUNK) {
        on_db!(db, |c| {
            let mut insert = QueryBuilder::new("insert into click_day (link_id, day, clicks) ");
            insert.push_values(chunk, |mut row, (id, day, count)| {
                row.push_bind(*id).push_bind(day.as_str()).push_bind(*count);
            });
            insert.push(
                " on conflict (link_id, day) do update set clicks = click_day.clicks + excluded.clicks",
            );
            insert.build().persistent(false).execute(c).await?;
        });
    }
    Ok(())
}

/// Adds clicks of smart links per rule or variant and UTC day, as
/// `(id, "rule 2", YYYY-MM-DD, count)`.
pub async fn add_choice_clicks(
    db: &mut dyn Exec,
    rows: &[(i64, String, String, i64)],
) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(CHUNK) {
        on_db!(db, |c| {
            let mut insert =
                QueryBuilder::new("insert into click_choice_day (link_id, choice, day, clicks) ");
            insert.push_values(chunk, |mut row, (id, choice, day, count)| {
                row.push_bind(*id)
                    .push_bind(choice.as_str())
                    .push_bind(day.as_str())
                    .push_bind(*count);
            });
            insert.push(
                " on conflict (link_id, choice, day) do update \
                 set clicks = click_choice_day.clicks + excluded.clicks",
            );
            insert.build().persistent(false).execute(c).await?;
        });
    }
    Ok(())
}

/// Clicks of link `id` per rule or variant (`rule 2`, ...) on days from `since`
/// (`YYYY-MM-DD`) on.
pub async fn choice_clicks(
    db: &mut dyn Exec,
    id: i64,
    since: &str,
) -> Result<HashMap<String, i64>> {
    let sql = "select choice, cast(sum(clicks) as bigint) from click_choice_day \
               where link_id = $1 and day >= $2 group by choice";
    Ok(sums_since(db, sql, id, since).await?.into_iter().collect())
}

/// The `(name, clicks)` rows of a `sql` sum taking a row id (`$1`) and a first day (`$2`).
pub(super) async fn sums_since(
    db: &mut dyn Exec,
    sql: &str,
    id: i64,
    since: &str,
) -> Result<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = on_db!(db, |c| {
        sqlx::query_as(sql)
            .bind(id)
            .bind(since)
            .fetch_all(c)
            .await?
    });
    Ok(rows)
}

/// Forgets the counts of link `id`'s rules (`rule %`) or variants (`variant %`),
/// when the owner replaces them.
pub async fn forget_choices(db: &mut dyn Exec, id: i64, like: &str) -> Result<()> {
    let sql = "delete from click_choice_day where link_id = $1 and choice like $2";
    on_db!(db, |c| {
        sqlx::query(sql).bind(id).bind(like).execute(c).await?;
    });
    Ok(())
}

/// Adds clicks to links' totals per source, as `(id, kind, name, count)`: kind is
/// `referrer` (name: a host) or `client` (name: a client class); one row per link,
/// kind and name. A link keeps at most `history::REFERRER_HOSTS` named hosts
/// (`history::PLACELESS` names need no place): a host not stored yet takes a free
/// place (the busiest of a batch first), and once none is left its clicks are added
/// to the link's `history::OTHER_HOSTS` row instead, so no write ever makes row N + 1.
///
/// Rows that can never take a place (client classes, the `PLACELESS` names: nearly
/// all of them) are added by a plain upsert; only named hosts go through the capped
/// statement, whose plan costs SQLite far more per row.
///
/// The count of places is read by the statement that writes, so it is exact within
/// one transaction. Across instances it is exact when the caller's transaction has
/// already written each link's row (as the flush does with `add_clicks`): that row
/// lock (PostgreSQL) or the write lock (SQLite) makes the writers of one link take
/// turns, and each statement then sees the rows of the one before.
pub async fn add_source_clicks(
    db: &mut dyn Exec,
    rows: &[(i64, &str, &str, i64)],
) -> Result<(), sqlx::Error> {
    let (plain, hosts): (Vec<_>, Vec<_>) = rows
        .iter()
        .partition(|(_, kind, name, _)| *kind != "referrer" || PLACELESS.contains(name));
    for chunk in plain.chunks(CHUNK) {
        on_db!(db, |c| {
            let mut insert =
                QueryBuilder::new("insert into click_source (link_id, kind, name, clicks) ");
            insert.push_values(chunk, |mut row, (id, kind, name, count)| {
                row.push_bind(*id)
                    .push_bind(*kind)
                    .push_bind(*name)
                    .push_bind(*count);
            });
            insert.push(
                " on conflict (link_id, kind, name) \
                 do update set clicks = click_source.clicks + excluded.clicks",
            );
            insert.build().persistent(false).execute(c).await?;
        });
    }
    for chunk in hosts.chunks(CHUNK) {
        on_db!(db, |c| {
            let mut insert = QueryBuilder::new("with v (link_id, kind, name, clicks) as (");
            insert.push_values(chunk, |mut row, (id, kind, name, count)| {
                row.push_bind(*id)
                    .push_bind(*kind)
                    .push_bind(*name)
                    .push_bind(*count);
            });
            insert.push(CAPPED_UPSERT);
            insert.build().persistent(false).execute(c).await?;
        });
    }
    Ok(())
}

/// The rest of `add_source_clicks`' statement, after the rows (`v`). `fixed`: rows
/// that need no new place (client classes, hosts already stored, `history::PLACELESS`:
/// `direct`, `unknown` and the excess row itself); the others are ranked per link, busiest first, and keep their name only
/// while `used + rank` stays within the places. Same-named rows are summed first:
/// one upsert may not touch a row twice.
const CAPPED_UPSERT: &str = concat!(
    "), known as (select v.link_id, v.kind, v.name, v.clicks, \
       (v.kind <> 'referrer' or v.name in ('direct', 'unknown', 'other hosts') or exists (select 1 from click_source s \
         where s.link_id = v.link_id and s.kind = v.kind and s.name = v.name)) as fixed \
     from v), \
     ranked as (select k.link_id, k.kind, k.name, k.clicks, k.fixed, \
       (select count(*) from click_source s where s.link_id = k.link_id \
         and s.kind = 'referrer' and s.name not in ('direct', 'unknown', 'other hosts')) as used, \
       row_number() over (partition by k.link_id, k.fixed order by k.clicks desc, k.name) as nth \
     from known k), \
     placed as (select link_id, kind, \
       case when fixed or used + nth <= ",
    "100",
    " then name else 'other hosts' end as name, clicks from ranked) \
     insert into click_source (link_id, kind, name, clicks) \
     select link_id, kind, name, sum(clicks) from placed where true \
     group by link_id, kind, name \
     on conflict (link_id, kind, name) \
     do update set clicks = click_source.clicks + excluded.clicks"
);

/// The written history of several links, each from its own first day (`YYYY-MM-DD`),
/// with the `history::TOP` busiest sources of each kind: two queries for a whole batch
/// of admin pages, whatever its size.
pub async fn insights(db: &mut dyn Exec, links: &[(i64, String)]) -> Result<HashMap<i64, History>> {
    let mut all: HashMap<i64, History> = HashMap::new();
    let Some(earliest) = links.iter().map(|(_, since)| since.as_str()).min() else {
        return Ok(all);
    };
    type Days = Vec<(i64, String, i64)>;
    type Sources = Vec<(i64, String, String, i64)>;
    let (days, sources): (Days, Sources) = on_db!(db, |c| {
        let mut by_day =
            QueryBuilder::new("select link_id, day, clicks from click_day where day >= ");
        by_day.push_bind(earliest).push(" and link_id in (");
        let mut ids = by_day.separated(", ");
        for (id, _) in links {
            ids.push_bind(*id);
        }
        by_day.push(")");
        let days = by_day
            .build_query_as()
            .persistent(false)
            .fetch_all(&mut *c)
            .await?;
        // Only the busiest of each kind: a link's page never loads all its rows.
        let mut by_source = QueryBuilder::new(
            "select link_id, kind, name, clicks from (select link_id, kind, name, clicks, \
             row_number() over (partition by link_id, kind order by clicks desc, name) as nth \
             from click_source where link_id in (",
        );
        let mut ids = by_source.separated(", ");
        for (id, _) in links {
            ids.push_bind(*id);
        }
        by_source.push(")) as ranked where nth <= ");
        by_source.push_bind(TOP as i64);
        (
            days,
            by_source
                .build_query_as()
                .persistent(false)
                .fetch_all(c)
                .await?,
        )
    });
    // A link asked for twice in one batch keeps its longer window.
    let mut since: HashMap<i64, &str> = HashMap::new();
    for (id, first) in links {
        let earliest = since.entry(*id).or_insert(first);
        *earliest = (*earliest).min(first.as_str());
    }
    for (id, day, clicks) in days {
        if since.get(&id).is_some_and(|first| day.as_str() >= *first) {
            all.entry(id).or_default().days.insert(day, clicks);
        }
    }
    for (id, kind, name, clicks) in sources {
        all.entry(id).or_default().set_source(&kind, name, clicks);
    }
    Ok(all)
}

/// Counts one click on a link with `max_clicks` in the database itself, so the
/// limit holds under any concurrency; `false` when the link is used up (or gone).
pub async fn take_click(db: &mut dyn Exec, id: i64, at: &str) -> Result<bool> {
    let sql = concat!(
        "update link set clicks = clicks + 1, last_clicked_at = ",
        later!("last_clicked_at", "$1"),
        " where id = $2 and is_active and clicks < max_clicks returning id"
    );
    let taken: Vec<(i64,)> = on_db!(db, |c| {
        sqlx::query_as(sql).bind(at).bind(id).fetch_all(c).await?
    });
    Ok(!taken.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::machinery::history::{OTHER_HOSTS, REFERRER_HOSTS};

    #[test]
    fn the_capped_upsert_uses_the_caps_own_numbers() {
        assert!(CAPPED_UPSERT.contains(&format!("used + nth <= {REFERRER_HOSTS} ")));
        assert_eq!(
            CAPPED_UPSERT.matches(&format!("'{OTHER_HOSTS}'")).count(),
            3
        );
        assert!(!CAPPED_UPSERT.contains("'other'"));
    }
}
