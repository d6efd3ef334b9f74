//! Which language a page is shown in: `?lang=` (then kept in a cookie), else the
//! cookie, else the best match of `Accept-Language`, else the operator's
//! `default_language`. Only pages ask; JSON and the redirect never do.

use rocket::http::{Cookie, SameSite};
use rocket::Request;

use crate::i18n::Lang;
use crate::settings::Settings;

/// The cookie that keeps the language chosen with `?lang=`.
pub const COOKIE: &str = "lang";

/// The language of the page answering `req`, chosen once per request. A valid
/// `?lang=` is kept in the `lang` cookie for a year.
pub fn of(req: &Request<'_>) -> Lang {
    *req.local_cache(|| choose(req))
}

fn choose(req: &Request<'_>) -> Lang {
    if let Some(lang) = asked(req) {
        let secure = req
            .rocket()
            .state::<Settings>()
            .is_some_and(|s| s.base_url.starts_with("https:"));
        let cookie = Cookie::build((COOKIE, lang.tag()))
            .path("/")
            .max_age(rocket::time::Duration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(secure);
        req.cookies().add(cookie);
        return lang;
    }
    let kept = req
        .cookies()
        .get(COOKIE)
        .and_then(|c| Lang::exact(c.value()));
    let accepted = || {
        let header = req.headers().get_one("Accept-Language")?;
        ranked(header).into_iter().find_map(Lang::closest)
    };
    kept.or_else(accepted).unwrap_or_else(|| {
        req.rocket()
            .state::<Settings>()
            .map_or(Lang::En, |s| s.default_language)
    })
}

/// The language `?lang=` names, if it names one of ours.
fn asked(req: &Request<'_>) -> Option<Lang> {
    let query = req.uri().query()?;
    query
        .segments()
        .filter(|(name, _)| *name == "lang")
        .find_map(|(_, value)| Lang::closest(value))
}

/// The tags of an `Accept-Language` header, most wanted first (q-values; ties keep
/// their order), without `*` and those with `q=0`.
pub fn ranked(header: &str) -> Vec<&str> {
    let mut tags: Vec<(u16, &str)> = header
        .split(',')
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                .map_or(Some(1000), quality)?;
            (q > 0 && !tag.is_empty() && tag != "*").then_some((q, tag))
        })
        .collect();
    tags.sort_by_key(|&(q, _)| std::cmp::Reverse(q));
    tags.into_iter().map(|(_, tag)| tag).collect()
}

/// A q-value in thousandths (`0.8` → 800); `None` when malformed.
fn quality(raw: &str) -> Option<u16> {
    let value: f32 = raw.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// One entry of the footer's language switcher.
#[derive(Debug)]
pub struct Choice {
    pub lang: Lang,
    /// This page again in that language: the same path and query, `lang` replaced.
    pub href: String,
    pub current: bool,
}

/// The switcher's entries for the page answering `req`: the same page again, or for
/// a page that answers a form post, its path as a `GET` (the home page where that
/// path has none).
pub fn switcher(req: &Request<'_>, current: Lang) -> Vec<Choice> {
    let mut path = same_site_path(req.uri().path().as_str());
    let gettable = super::allowed_methods(&path).is_some_and(|allow| allow.contains("GET"));
    if req.method() != rocket::http::Method::Get && !gettable {
        path = "/".to_owned();
    }
    let kept: Vec<String> = req
        .uri()
        .query()
        .filter(|_| req.method() == rocket::http::Method::Get)
        .map(|query| {
            query
                .raw_segments()
                .filter(|segment| {
                    let name = segment.as_str().split('=').next().unwrap_or_default();
                    name != "lang" && !segment.as_str().is_empty()
                })
                .map(|segment| segment.as_str().to_owned())
                .collect()
        })
        .unwrap_or_default();
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let mut query = kept.clone();
            query.push(format!("lang={}", lang.tag()));
            Choice {
                lang,
                href: format!("{path}?{}", query.join("&")),
                current: lang == current,
            }
        })
        .collect()
}

/// `raw` as a path a link can carry and a browser can only read as this site's own:
/// no empty segments (`//evil.example/x` would be another host), no backslashes
/// (browsers read `/\evil.example` as `//evil.example`), and anything that is not a
/// printable ASCII character percent-encoded (browsers drop tabs and newlines from a
/// URL). Always one `/`, then a segment or nothing; a trailing `/` is kept.
pub fn same_site_path(raw: &str) -> String {
    let segments: Vec<String> = raw
        .split(['/', '\\'])
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let mut clean = String::with_capacity(segment.len());
            for byte in segment.bytes() {
                match byte {
                    b'!'..=b'~' => clean.push(char::from(byte)),
                    _ => clean.push_str(&format!("%{byte:02X}")),
                }
            }
            clean
        })
        .collect();
    let mut path = format!("/{}", segments.join("/"));
    if raw.ends_with(['/', '\\']) && !segments.is_empty() {
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_switcher_path_never_names_another_host() {
        for (raw, clean) in [
            ("/", "/"),
            ("/admin/abc", "/admin/abc"),
            ("/docs/", "/docs/"),
            ("//evil.example/x", "/evil.example/x"),
            ("/\\evil.example/x", "/evil.example/x"),
            ("/\\/evil.example", "/evil.example"),
            ("///", "/"),
            ("/\t/evil.example", "/%09/evil.example"),
            ("/caf\u{e9}", "/caf%C3%A9"),
        ] {
            assert_eq!(same_site_path(raw), clean, "{raw:?}");
        }
    }

    #[test]
    fn accept_language_is_ranked_by_q_values() {
        assert_eq!(
            ranked("fr;q=0.5, de-AT, en;q=0.8, *;q=0.9, es;q=0"),
            ["de-AT", "en", "fr"]
        );
        assert_eq!(ranked("pt-PT,pt;q=0.9"), ["pt-PT", "pt"]);
        assert!(ranked("").is_empty());
        assert_eq!(ranked("de;q=2, en;q=x, fr"), ["fr"]);
    }
}
