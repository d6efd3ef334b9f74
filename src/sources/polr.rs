//! Polr 2.2 and 2.3 (read from `database/migrations` of 2.3.0): `<prefix>links` holds
//! each ending (`short_url`), its URL, the click counter, whether an admin disabled
//! it and, for "secret" links, the extra ending they are reachable under only;
//! `<prefix>clicks` a row per click where advanced analytics was on. Polr's
//! connection works in UTC.

use super::{days, Dialect, Queries};

pub(super) fn queries(d: Dialect, p: &str) -> Queries {
    Queries {
        links: format!(
            "select {id}, {key}, {url}, {clicks}, {created}, {nt}, {nt}, {ni}, \
             {disabled}, {nt}, {nt}, \
             case when secret_key <> '' then \
             'a Polr secret link: it opened only with its secret ending' end, \
             {no}, {nt} from {p}links order by id",
            nt = d.text("null"),
            ni = d.int("null"),
            id = d.text("id"),
            key = d.text("short_url"),
            url = d.text("long_url"),
            no = d.int("0"),
            clicks = d.int("clicks"),
            created = d.time("created_at"),
            disabled = d.flag("is_disabled"),
        ),
        days: Some(days(
            d,
            &format!("{p}clicks"),
            "link_id",
            "created_at",
            "count(*)",
        )),
        utc_session: true,
    }
}
