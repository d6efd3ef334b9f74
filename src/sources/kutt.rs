//! Kutt v3 (read from `server/models` and `server/migrations` of v3.2.3): `links`
//! holds each address (unique per domain; `domain_id` null is the default domain),
//! its target, `visit_count`, `banned`, the expiry, a bcrypt hash of its password and a
//! `description` (its title here);
//! `visits` one row per link and hour with that hour's `total`.

use super::{days, Dialect, Queries};

pub(super) fn queries(d: Dialect, p: &str) -> Queries {
    Queries {
        links: format!(
            "select {id}, {key}, {url}, {clicks}, {created}, {expires}, {nt}, {ni}, \
             {banned}, {password}, {domain}, {nt}, {no}, {title} \
             from {p}links l left join {p}domains d on d.id = l.domain_id \
             order by l.id",
            nt = d.text("null"),
            ni = d.int("null"),
            id = d.text("l.id"),
            key = d.text("l.address"),
            url = d.text("l.target"),
            no = d.int("0"),
            clicks = d.int("l.visit_count"),
            created = d.time("l.created_at"),
            expires = d.time("l.expire_in"),
            banned = d.flag("l.banned"),
            password = d.text("l.password"),
            domain = d.text("d.address"),
            title = d.text("l.description"),
        ),
        days: Some(days(
            d,
            &format!("{p}visits where link_id is not null"),
            "link_id",
            "created_at",
            "sum(total)",
        )),
        utc_session: true,
    }
}
