//! Other shorteners' databases, read directly and read-only (`shortener import
//! --from`): each source module names its tables and columns in one query for the
//! links and one for their clicks per day; this module runs them on whichever
//! database the URL names and turns the rows into `Foreign` links. Nothing is
//! written there: SQLite files are opened read-only, the servers in a read-only
//! transaction.

use std::collections::{BTreeMap, HashMap};

use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use sqlx::{Connection, Executor, Row};

mod kutt;
mod polr;
mod shlink;
mod yourls;

/// The shorteners whose databases can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Yourls,
    Shlink,
    Kutt,
    Polr,
}

impl Source {
    /// Its name as the operator types and reads it.
    pub fn name(self) -> &'static str {
        match self {
            Source::Yourls => "YOURLS",
            Source::Shlink => "Shlink",
            Source::Kutt => "Kutt",
            Source::Polr => "Polr",
        }
    }

    /// The table prefix when the operator names none (YOURLS' `YOURLS_DB_PREFIX`).
    pub fn default_prefix(self) -> &'static str {
        match self {
            Source::Yourls => "yourls_",
            _ => "",
        }
    }

    fn queries(self, d: Dialect, prefix: &str) -> Queries {
        match self {
            Source::Yourls => yourls::queries(d, prefix),
            Source::Shlink => shlink::queries(d, prefix),
            Source::Kutt => kutt::queries(d, prefix),
            Source::Polr => polr::queries(d, prefix),
        }
    }
}

/// One link as the other shortener kept it, before any of this app's checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Foreign {
    pub key: String,
    pub target_url: String,
    pub clicks: i64,
    /// UTC, `YYYY-MM-DD HH:MM:SS`, as every query gives times.
    pub created_at: Option<String>,
    pub expires_at: Option<String>,
    /// Shlink's `valid_since`: not forwarding before then (the link's `starts_at`).
    pub starts_at: Option<String>,
    pub max_clicks: Option<i64>,
    /// Disabled or banned by that shortener's operator.
    pub disabled: bool,
    /// The password's hash as kept there.
    pub password_hash: Option<String>,
    /// The host it was served on, when it was not that shortener's default one.
    pub domain: Option<String>,
    /// Why it cannot be carried over as it is, if so (a Polr "secret" link).
    pub withheld: Option<String>,
    /// The visitor's query is passed on to the target (Shlink's `forward_query`).
    pub forward_query: bool,
    /// The link's title there (Shlink's and YOURLS's `title`, Kutt's `description`).
    pub title: Option<String>,
    /// Clicks per UTC day (`YYYY-MM-DD`), where the source kept visits.
    pub days: BTreeMap<String, i64>,
}

/// The two statements a source is read with. `links` answers, in order: a reference
/// the days refer to, key, target, clicks, created, expires, starts, max clicks,
/// disabled (0 or 1), password hash, domain, withheld, forward query (0 or 1), title;
/// `days`: reference, day, clicks.
struct Queries {
    links: String,
    days: Option<String>,
    /// Whether the source's time columns are read in a UTC session. YOURLS writes UTC
    /// wall-clock times into MySQL `TIMESTAMP`s in the server's own zone, so they
    /// read back right only in that zone.
    utc_session: bool,
}

/// The SQL dialect of the source's database: each spells casts and dates its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    MySql,
    Postgres,
    Sqlite,
}

impl Dialect {
    fn of(url: &str) -> Result<Dialect, String> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "mysql" | "mariadb" => Ok(Dialect::MySql),
            "postgres" | "postgresql" => Ok(Dialect::Postgres),
            "sqlite" => Ok(Dialect::Sqlite),
            _ => Err(format!(
                "{scheme:?} is not a database URL this reads: use mysql://, postgres:// or sqlite:"
            )),
        }
    }

    /// A column whose name is also a keyword (`date`), quoted.
    fn quoted(self, name: &str) -> String {
        match self {
            Dialect::MySql => format!("`{name}`"),
            _ => format!("\"{name}\""),
        }
    }

    /// `expr` as text (MySQL's binary collations would otherwise read as bytes).
    /// SQLite keeps any bytes as text, and sqlx fails the whole statement on one
    /// value that is not UTF-8, so there it is read as bytes and checked per row
    /// (`text`), and a bad row is skipped with its reason.
    fn text(self, expr: &str) -> String {
        match self {
            Dialect::MySql => format!("cast({expr} as char)"),
            Dialect::Postgres => format!("cast({expr} as text)"),
            Dialect::Sqlite => format!("cast({expr} as blob)"),
        }
    }

    /// `expr` as a 64-bit integer.
    fn int(self, expr: &str) -> String {
        match self {
            Dialect::MySql => format!("cast({expr} as signed)"),
            Dialect::Postgres => format!("cast({expr} as bigint)"),
            Dialect::Sqlite => format!("cast({expr} as integer)"),
        }
    }

    /// 1 where the boolean `expr` holds, else 0.
    fn flag(self, expr: &str) -> String {
        self.int(&format!("case when {expr} then 1 else 0 end"))
    }

    /// A time column as UTC `YYYY-MM-DD HH:MM:SS` (NULL stays NULL). The session's
    /// time zone is UTC (see `open`); SQLite files hold text or milliseconds.
    fn time(self, col: &str) -> String {
        match self {
            Dialect::MySql => format!("date_format({col}, '%Y-%m-%d %H:%i:%s')"),
            Dialect::Postgres => format!("to_char({col}, 'YYYY-MM-DD HH24:MI:SS')"),
            Dialect::Sqlite => format!(
                "case when typeof({col}) in ('integer', 'real') \
                 then datetime({col} / 1000, 'unixepoch') else datetime({col}) end"
            ),
        }
    }

    /// A time column's UTC day, `YYYY-MM-DD`.
    fn day(self, col: &str) -> String {
        match self {
            Dialect::Sqlite => format!("substr({}, 1, 10)", self.time(col)),
            Dialect::MySql => format!("date_format({col}, '%Y-%m-%d')"),
            Dialect::Postgres => format!("to_char({col}, 'YYYY-MM-DD')"),
        }
    }
}

/// The clicks-per-day statement: `clicks` summed per `link` and UTC day of `time`
/// over `from` (a table, with any `where`).
fn days(d: Dialect, from: &str, link: &str, time: &str, clicks: &str) -> String {
    format!(
        "select {}, {}, {} from {from} group by 1, 2",
        d.text(link),
        d.day(time),
        d.int(clicks)
    )
}

/// A table prefix may only be what a table name is made of: it is written into SQL.
fn checked_prefix(prefix: &str) -> Result<&str, String> {
    match prefix
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        true => Ok(prefix),
        false => Err(format!(
            "{prefix:?} is not a table prefix (letters, digits, '_')"
        )),
    }
}

/// Reads every link of `source` from the database at `url`, with tables named with
/// `prefix`. `rows` is told how many links there are once they are read.
pub async fn read(source: Source, url: &str, prefix: &str) -> Result<Vec<Foreign>, String> {
    let dialect = Dialect::of(url)?;
    let queries = source.queries(dialect, checked_prefix(prefix)?);
    let mut conn = open(dialect, url, queries.utc_session).await?;
    let failed = |e: sqlx::Error| {
        format!(
            "cannot read {} tables there ({e}); is it a {} database?",
            source.name(),
            source.name()
        )
    };
    let rows = conn
        .fetch_all(queries.links.as_str())
        .await
        .map_err(failed)?;
    let mut days = match &queries.days {
        Some(sql) => days_by_reference(conn.fetch_all(sql.as_str()).await.map_err(failed)?)?,
        None => HashMap::new(),
    };
    conn.execute("rollback").await.map_err(|e| e.to_string())?;
    Ok(rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let reference = text(row, 0).ok().flatten().unwrap_or_default();
            let mut link = foreign(row).unwrap_or_else(|e| Foreign {
                key: text(row, 1)
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| format!("(link {})", n + 1)),
                withheld: Some(e),
                ..Foreign::default()
            });
            link.days = days.remove(&reference).unwrap_or_default();
            link
        })
        .collect())
}

/// An SQLite URL opened read-only, whatever `mode` it named.
fn read_only(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("mode="))
        .collect();
    params.push("mode=ro");
    format!("{path}?{}", params.join("&"))
}

/// One connection, read-only, with times in UTC when `utc`.
async fn open(dialect: Dialect, url: &str, utc: bool) -> Result<AnyConnection, String> {
    sqlx::any::install_default_drivers();
    let url = match dialect {
        Dialect::Sqlite => read_only(url),
        _ => url.to_owned(),
    };
    let mut conn = AnyConnection::connect(&url)
        .await
        .map_err(|e| format!("cannot open {}: {e}", crate::db::redacted(&url)))?;
    // One snapshot for both statements, and no write possible.
    let snapshot = "start transaction with consistent snapshot, read only";
    let setup: &[&str] = match dialect {
        Dialect::MySql if utc => &["set time_zone = '+00:00'", snapshot],
        // sqlx sets a UTC session on connect; back to the server's own zone.
        Dialect::MySql => &["set time_zone = @@global.time_zone", snapshot],
        Dialect::Postgres => &[
            "set time zone 'UTC'",
            "start transaction isolation level repeatable read read only",
        ],
        Dialect::Sqlite => &["begin"],
    };
    for statement in setup {
        conn.execute(*statement).await.map_err(|e| e.to_string())?;
    }
    Ok(conn)
}

/// Whether column `i` is NULL. sqlx's `Any` values never say they are null
/// (`is_null` is always false in 0.7), but a null one has the type `Null`.
fn is_null(row: &AnyRow, i: usize) -> Result<bool, sqlx::Error> {
    use sqlx::{TypeInfo, ValueRef};
    Ok(row.try_get_raw(i)?.type_info().name() == "NULL")
}

/// Text column `i`: MySQL sends long text as a `BLOB` type, so bytes are read too.
fn text(row: &AnyRow, i: usize) -> Result<Option<String>, sqlx::Error> {
    if is_null(row, i)? {
        return Ok(None);
    }
    match row.try_get::<String, _>(i) {
        Ok(text) => Ok(Some(text)),
        Err(sqlx::Error::ColumnDecode { .. }) => {
            let bytes = row.try_get::<Vec<u8>, _>(i)?;
            String::from_utf8(bytes)
                .map(Some)
                .map_err(|e| sqlx::Error::ColumnDecode {
                    index: i.to_string(),
                    source: Box::new(e),
                })
        }
        Err(e) => Err(e),
    }
}

/// Integer column `i`.
fn int(row: &AnyRow, i: usize) -> Result<Option<i64>, sqlx::Error> {
    match is_null(row, i)? {
        true => Ok(None),
        false => row.try_get(i).map(Some),
    }
}

/// What each column of the links statement is, as a skipped row's reason names it.
const COLUMNS: [&str; 14] = [
    "reference",
    "key",
    "target URL",
    "click count",
    "creation time",
    "expiry",
    "start time",
    "click limit",
    "disabled flag",
    "password hash",
    "domain",
    "withheld reason",
    "query forwarding flag",
    "title",
];

/// Why column `i` of a row cannot be read, naming the column.
fn unreadable(i: usize, e: sqlx::Error) -> String {
    let column = COLUMNS.get(i).copied().unwrap_or("column");
    match e {
        sqlx::Error::ColumnDecode { source, .. } if source.is::<std::string::FromUtf8Error>() => {
            format!("its {column} is not UTF-8 text")
        }
        e => format!("its {column} cannot be read: {e}"),
    }
}

/// One row of the links statement; `Err` names the column that cannot be read.
fn foreign(row: &AnyRow) -> Result<Foreign, String> {
    let text = |i: usize| text(row, i).map_err(|e| unreadable(i, e));
    let int = |i: usize| int(row, i).map_err(|e| unreadable(i, e));
    Ok(Foreign {
        key: text(1)?.unwrap_or_default(),
        target_url: text(2)?.unwrap_or_default(),
        clicks: int(3)?.unwrap_or(0),
        created_at: text(4)?,
        expires_at: text(5)?,
        starts_at: text(6)?,
        max_clicks: int(7)?,
        disabled: int(8)?.unwrap_or(0) != 0,
        password_hash: text(9)?,
        domain: text(10)?,
        withheld: text(11)?,
        forward_query: int(12)?.unwrap_or(0) != 0,
        title: text(13)?,
        days: BTreeMap::new(),
    })
}

fn days_by_reference(rows: Vec<AnyRow>) -> Result<HashMap<String, BTreeMap<String, i64>>, String> {
    let mut days: HashMap<String, BTreeMap<String, i64>> = HashMap::new();
    for row in rows {
        let read = || -> Result<(String, Option<String>, Option<i64>), sqlx::Error> {
            Ok((
                text(&row, 0)?.unwrap_or_default(),
                text(&row, 1)?,
                int(&row, 2)?,
            ))
        };
        let (reference, day, clicks) = read().map_err(|e| format!("cannot read visits: {e}"))?;
        if let (Some(day), Some(clicks)) = (day, clicks) {
            let count = days.entry(reference).or_default().entry(day).or_default();
            *count = count.saturating_add(clicks);
        }
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_names_the_dialect_and_prefixes_are_names_only() {
        assert_eq!(
            Dialect::of("mysql://root@127.0.0.1/yourls"),
            Ok(Dialect::MySql)
        );
        assert_eq!(
            Dialect::of("postgresql://u@h/shlink"),
            Ok(Dialect::Postgres)
        );
        assert_eq!(
            Dialect::of("sqlite:///srv/kutt/db/data"),
            Ok(Dialect::Sqlite)
        );
        assert!(Dialect::of("/srv/kutt/db/data").is_err());
        assert_eq!(checked_prefix("yourls_"), Ok("yourls_"));
        assert!(checked_prefix("x; drop table link").is_err());
    }

    #[test]
    fn sqlite_sources_are_opened_read_only_whatever_the_url_says() {
        assert_eq!(read_only("sqlite:///a.db"), "sqlite:///a.db?mode=ro");
        assert_eq!(
            read_only("sqlite:///a.db?mode=rwc"),
            "sqlite:///a.db?mode=ro"
        );
        assert_eq!(
            read_only("sqlite:///a.db?cache=shared&mode=rw"),
            "sqlite:///a.db?cache=shared&mode=ro"
        );
    }
}
