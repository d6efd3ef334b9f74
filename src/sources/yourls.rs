//! YOURLS 1.10 (read from `includes/functions-install.php` of 1.10.4; the tables have
//! kept this shape since 1.7): `<prefix>url` holds each keyword (case-sensitive,
//! `utf8mb4_bin`), its URL, a UTC creation time and the click counter; `<prefix>log`
//! a row per click (unless `YOURLS_NOSTATS`), by keyword. YOURLS has no expiry,
//! password or disabled state of its own.

use super::{days, Dialect, Queries};

pub(super) fn queries(d: Dialect, p: &str) -> Queries {
    let keyword = d.text("keyword");
    Queries {
        links: format!(
            "select {keyword}, {keyword}, {url}, {clicks}, {created}, {nt}, {nt}, {ni}, \
             {no}, {nt}, {nt}, {nt}, {no}, {title} from {p}url",
            nt = d.text("null"),
            ni = d.int("null"),
            url = d.text("url"),
            clicks = d.int("clicks"),
            created = d.time(&d.quoted("timestamp")),
            no = d.int("0"),
            title = d.text("title"),
        ),
        days: Some(days(
            d,
            &format!("{p}log"),
            "shorturl",
            "click_time",
            "count(*)",
        )),
        utc_session: false,
    }
}
