//! Shlink 3 and 4 (read from the Doctrine mappings and migrations of 4.6.0; 5.x only
//! adds a hash column): `short_urls` holds each short code (unique per domain;
//! `domain_id` null is the default domain, `domains.authority` the others), the
//! long URL, `valid_since`/`valid_until`, `max_visits`, `forward_query` and `title`; `visits`
//! a row per visit, which is also what Shlink counts. Times are in Shlink's
//! `TIMEZONE`, UTC unless its operator set another.

use super::{days, Dialect, Queries};

pub(super) fn queries(d: Dialect, p: &str) -> Queries {
    Queries {
        links: format!(
            "select {id}, {key}, {url}, \
             (select {n} from {p}visits v where v.short_url_id = s.id), \
             {created}, {until}, {since}, {max}, {no}, {nt}, {domain}, {nt}, {forward}, {title} \
             from {p}short_urls s left join {p}domains d on d.id = s.domain_id \
             order by s.id",
            nt = d.text("null"),
            id = d.text("s.id"),
            key = d.text("s.short_code"),
            url = d.text("s.original_url"),
            n = d.int("count(*)"),
            created = d.time("s.date_created"),
            until = d.time("s.valid_until"),
            since = d.time("s.valid_since"),
            max = d.int("s.max_visits"),
            no = d.int("0"),
            domain = d.text("d.authority"),
            forward = d.flag("s.forward_query"),
            title = d.text("s.title"),
        ),
        days: Some(days(
            d,
            &format!("{p}visits where short_url_id is not null"),
            "short_url_id",
            &d.quoted("date"),
            "count(*)",
        )),
        utc_session: true,
    }
}
