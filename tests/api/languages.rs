//! Every page in the visitor's language: the catalogs complete, the choice of
//! language (`?lang=`, the cookie, `Accept-Language`, `default_language`), numbers
//! and dates the language's way, and JSON the same in every language.

use std::collections::{BTreeMap, BTreeSet};

use rocket::http::{Cookie, Header, Status};
use rocket::local::blocking::LocalResponse;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, spawn_app_with, TestApp, BROWSER};

const LANGUAGES: [&str; 5] = ["en", "de", "fr", "es", "pt-BR"];

/// A catalog's messages: id → value, the value's lines joined (attributes left out).
fn catalog(tag: &str) -> BTreeMap<String, String> {
    let path = format!("{}/templates/locales/{tag}.ftl", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).expect("catalog");
    let mut messages = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        let is_id = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        match line.split_once('=') {
            Some((id, value)) if !line.starts_with([' ', '#']) && id.trim().chars().all(is_id) => {
                let id = id.trim().to_owned();
                messages.insert(id.clone(), value.trim().to_owned());
                current = Some(id);
            }
            _ if line.starts_with(' ') && !line.trim_start().starts_with('.') => {
                if let Some(value) = current.as_ref().and_then(|id| messages.get_mut(id)) {
                    value.push(' ');
                    value.push_str(line.trim());
                }
            }
            _ => current = None,
        }
    }
    messages
}

#[test]
fn every_message_is_in_every_catalog_and_nothing_else_is() {
    let english: BTreeSet<String> = catalog("en").into_keys().collect();
    assert!(english.len() > 200, "{} messages", english.len());
    for tag in LANGUAGES {
        let ids: BTreeSet<String> = catalog(tag).into_keys().collect();
        let missing: Vec<_> = english.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&english).collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{tag} has messages English lacks: {extra:?}"
        );
    }
}

/// The page's text, without tags, plus the texts people see in attributes.
fn visible(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close];
        for attribute in ["placeholder", "aria-label", "title", "alt", "value"] {
            if let Some(at) = tag.find(&format!(" {attribute}=\"")) {
                let start = at + attribute.len() + 3;
                let end = tag[start..].find('"').map_or(tag.len(), |e| start + e);
                text.push_str(&tag[start..end]);
                text.push(' ');
            }
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&#38;", "&")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One request per kind of page, in the states the pages show.
struct Pages {
    app: TestApp,
    paths: Vec<String>,
}

fn pages() -> Pages {
    let app = spawn_app();
    let smart = app.seed_with(json!({
        "target_url": "https://example.com/",
        "max_clicks": 1234567,
        "rules": [{"when": {"device": "ios", "language": "de"}, "target_url": "https://example.com/ios"}],
        "variants": [{"target_url": "https://example.com/a", "weight": 50},
                     {"target_url": "https://example.com/b", "weight": 50}],
        "expired_url": "https://example.com/over"
    }));
    let res = app
        .client
        .get(smart.path())
        .header(Header::new("User-Agent", SCANNER));
    assert_eq!(res.dispatch().status(), Status::Ok, "the Continue page");
    let clicked = app.seed("https://example.com/clicked");
    crate::helpers::visit(&app, &clicked.path(), Some("https://news.example/"), None);
    app.flush_clicks();
    let protected =
        app.seed_with(json!({"target_url": "https://example.com/p", "password": "correct horse"}));
    let res = app.send_json(
        rocket::http::Method::Post,
        "/collections",
        json!({"name": "Spring"}),
    );
    let collection: Value = res.into_json().expect("a collection");
    let collection = collection["url"].as_str().expect("its URL");
    let stats = clicked.str("stats_url").to_owned();
    let local = |url: &str| url.trim_start_matches(crate::helpers::BASE).to_owned();
    let paths = vec![
        "/".to_owned(),
        smart.admin_path(),
        clicked.admin_path(),
        local(&stats),
        local(collection),
        format!("/peek/{}", smart.key()),
        format!("/report/{}", clicked.key()),
        protected.path(),
        smart.path(),
        "/no-such-link".to_owned(),
        "/docs".to_owned(),
    ];
    Pages { app, paths }
}

/// A link previewer: it gets a humans-only link's Continue page.
const SCANNER: &str = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

fn page<'a>(app: &'a TestApp, path: &str, lang: &str) -> LocalResponse<'a> {
    let separator = if path.contains('?') { '&' } else { '?' };
    app.client
        .get(format!("{path}{separator}lang={lang}"))
        .header(Header::new("Accept", BROWSER))
        .header(Header::new("User-Agent", SCANNER))
        .dispatch()
}

#[test]
fn every_page_in_every_language_shows_no_raw_key_and_no_english_left_behind() {
    let Pages { app, paths } = pages();
    let english = catalog("en");
    for lang in LANGUAGES {
        let own = catalog(lang);
        // Whole English sentences that this language says otherwise.
        let untranslated: Vec<&String> = english
            .iter()
            .filter(|(id, text)| {
                text.len() >= 16
                    && !text.contains(['{', '}'])
                    && own.get(*id).is_some_and(|t| t != *text)
            })
            .map(|(_, text)| text)
            .collect();
        for path in &paths {
            let res = page(&app, path, lang);
            assert_eq!(header(&res, "Content-Language"), lang, "{path}");
            let html = res.into_string().expect("a page");
            assert!(
                html.contains(&format!("<html lang=\"{lang}\">")),
                "{lang} {path}"
            );
            let text = visible(&html);
            for word in text.split(' ') {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                assert!(
                    !(word.contains('-') && english.contains_key(word)),
                    "{lang} {path} shows the raw key {word}"
                );
            }
            // The API reference on /docs documents the English JSON API, in English.
            if lang != "en" && path != "/docs" {
                for sentence in &untranslated {
                    assert!(
                        !text.contains(sentence.as_str()),
                        "{lang} {path} shows English: {sentence}"
                    );
                }
            }
        }
    }
}

fn chosen(res: &LocalResponse<'_>) -> String {
    header(res, "Content-Language").to_owned()
}

fn with_languages<'a>(app: &'a TestApp, path: &str, accept_language: &str) -> LocalResponse<'a> {
    app.client
        .get(path.to_owned())
        .header(Header::new("Accept", BROWSER))
        .header(Header::new("Accept-Language", accept_language.to_owned()))
        .dispatch()
}

#[test]
fn accept_language_is_read_with_its_q_values_and_regions_fall_back() {
    let app = spawn_app();
    let cases = [
        ("fr;q=0.5, de-AT, en;q=0.8", "de"),
        ("en;q=0.5, es;q=0.9", "es"),
        ("pt-PT, en;q=0.5", "pt-BR"),
        ("pt", "pt-BR"),
        ("it, ja;q=0.9, fr;q=0.1", "fr"),
        ("de;q=0, fr-CA;q=0.4", "fr"),
        ("it, ja", "en"),
        ("*", "en"),
        ("", "en"),
        ("de;q=nonsense, x-🙂", "en"),
    ];
    for (accept_language, expected) in cases {
        let res = with_languages(&app, "/", accept_language);
        assert_eq!(res.status(), Status::Ok);
        assert_eq!(chosen(&res), expected, "{accept_language}");
        assert!(
            res.cookies().get("lang").is_none(),
            "only ?lang= sets the cookie"
        );
    }
    let vary = header(&with_languages(&app, "/", "de"), "Vary").to_owned();
    assert_eq!(vary, "Accept, Accept-Language, Cookie");
}

#[test]
fn lang_in_the_query_wins_and_is_kept_in_a_cookie_over_accept_language() {
    let app = spawn_app();

    let res = with_languages(&app, "/?lang=es", "de");
    assert_eq!(chosen(&res), "es");
    let cookie = res.cookies().get("lang").expect("the lang cookie").clone();
    assert_eq!(cookie.value(), "es");
    assert_eq!(cookie.path(), Some("/"));
    assert_eq!(cookie.http_only(), Some(true));
    drop(res);

    // The tracked client sends the cookie back: it beats Accept-Language.
    assert_eq!(chosen(&with_languages(&app, "/", "de")), "es");
    // A region of ours, or another language, in the query replaces it.
    assert_eq!(chosen(&with_languages(&app, "/?lang=pt-pt", "de")), "pt-BR");
    assert_eq!(chosen(&with_languages(&app, "/", "de")), "pt-BR");
    // A language we do not have changes nothing.
    let res = with_languages(&app, "/?lang=xx", "de");
    assert_eq!(chosen(&res), "pt-BR");
    assert!(res.cookies().get("lang").is_none());
    drop(res);
    // A cookie naming nothing of ours is passed over.
    let res = app
        .client
        .get("/")
        .header(Header::new("Accept", BROWSER))
        .header(Header::new("Accept-Language", "fr"))
        .cookie(Cookie::new("lang", "klingon"))
        .dispatch();
    assert_eq!(chosen(&res), "fr");
}

#[test]
fn the_operators_default_language_serves_those_who_ask_for_none_of_ours() {
    let app = spawn_app_with(|f| f.merge(("default_language", "de")));
    assert_eq!(chosen(&with_languages(&app, "/", "it, ja")), "de");
    assert_eq!(chosen(&with_languages(&app, "/", "fr")), "fr");
    assert_eq!(chosen(&app.get("/", Some(BROWSER))), "de");

    let dir = tempfile::tempdir().unwrap();
    let refused =
        crate::helpers::figment(&dir.path().join("test.db")).merge(("default_language", "klingon"));
    match rocket::execute(shortener::build(refused).ignite()) {
        Ok(_) => panic!("an unknown default_language must stop the start"),
        // Rocket's error must be looked at, or it panics when dropped.
        Err(error) => assert!(matches!(
            error.kind(),
            rocket::error::ErrorKind::FailedFairings(_)
        )),
    }
}

#[test]
fn the_switcher_links_to_the_same_page_in_each_language() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let admin = link.admin_path();
    let html = page(&app, &format!("{admin}?days=7"), "fr")
        .into_string()
        .unwrap();
    for lang in LANGUAGES {
        let href = format!("href=\"{admin}?days=7&#38;lang={lang}\" hreflang=\"{lang}\"");
        assert!(html.contains(&href), "{href} in {html}");
    }
    assert!(html.contains("lang=\"fr\" aria-current=\"true\""));
    // A refused form post links to a page that answers GET.
    let res = app
        .client
        .post("/url")
        .header(rocket::http::ContentType::Form)
        .header(Header::new("Accept", BROWSER))
        .header(Header::new("Accept-Language", "de"))
        .body("target_url=nonsense")
        .dispatch();
    // The cookie from `?lang=fr` above beats the header.
    assert_eq!(chosen(&res), "fr");
    let html = res.into_string().unwrap();
    assert!(html.contains("href=\"/?lang=de\""), "{html}");
}

#[test]
fn numbers_and_dates_are_written_the_languages_way() {
    let app = spawn_app();
    app.set_clock("2026-01-01T00:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://example.com/", "max_clicks": 1234567,
        "expires_at": "2026-03-05T10:20:00Z"
    }));
    let expected = [
        ("en", "1,234,567", "March 5, 2026"),
        ("de", "1.234.567", "5. März 2026"),
        ("fr", "1\u{202f}234\u{202f}567", "5 mars 2026"),
        ("es", "1.234.567", "5 de marzo de 2026"),
        ("pt-BR", "1.234.567", "5 de março de 2026"),
    ];
    for (lang, number, date) in expected {
        let html = page(&app, &link.admin_path(), lang).into_string().unwrap();
        assert!(html.contains(number), "{lang}: {number}");
        let shown = visible(&html);
        assert!(shown.contains(date), "{lang}: {date} in {shown}");
        assert!(html.contains("10:20"), "{lang}: the time");
    }
}

#[test]
fn json_answers_are_the_same_in_every_language() {
    let app = spawn_app_with(|f| f.merge(("owner_rate_limit.per_minute", 0)));
    let link = app.seed("https://example.com/");
    let requests = [
        ("GET", link.admin_path(), None),
        ("GET", format!("/peek/{}", link.key()), None),
        ("GET", "/no-such-link".to_owned(), None),
        ("GET", "/".to_owned(), None),
        (
            "POST",
            "/url".to_owned(),
            Some(json!({"target_url": "nonsense"})),
        ),
        (
            "POST",
            "/url".to_owned(),
            Some(json!({"target_url": "https://example.com/", "custom_key": "x"})),
        ),
        (
            "PATCH",
            link.admin_path(),
            Some(json!({"target_url": "ftp://example.com/"})),
        ),
    ];
    for (method, path, body) in requests {
        let answer = |query: &str, accept_language: Option<&str>| {
            let method = method.parse().unwrap();
            let mut req = app
                .client
                .req(method, format!("{path}{query}"))
                .header(Header::new("Accept", "application/json"));
            if let Some(value) = accept_language {
                req = req.header(Header::new("Accept-Language", value.to_owned()));
            }
            if let Some(body) = &body {
                req = req
                    .header(rocket::http::ContentType::JSON)
                    .body(body.to_string());
            }
            let res = req.dispatch();
            assert!(res.headers().get_one("Content-Language").is_none());
            assert!(res.cookies().get("lang").is_none());
            (res.status(), res.into_string().unwrap_or_default())
        };
        let plain = answer("", None);
        for lang in LANGUAGES {
            assert_eq!(answer("", Some(lang)), plain, "{method} {path} {lang}");
            let query = format!("?lang={lang}");
            let (status, body) = answer(&query, Some(lang));
            // A 404 names the URL asked for, query and all.
            let body = body.replace(&query, "");
            assert_eq!((status, body), plain, "{method} {path}{query}");
        }
    }
    // The English detail texts clients compare.
    let res = app.create_json(json!({"target_url": "https://example.com/", "custom_key": "x"}));
    let detail = crate::helpers::detail(res);
    assert!(detail.starts_with("Custom key"), "{detail}");
}

#[test]
fn the_redirect_neither_reads_nor_keeps_a_language() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let res = with_languages(&app, &format!("{}?lang=de", link.path()), "fr");
    assert_eq!(res.status(), Status::TemporaryRedirect);
    assert!(res.headers().get_one("Content-Language").is_none());
    assert!(res.cookies().get("lang").is_none());
}

/// Every `href` of the page's language switcher.
fn switcher_hrefs(html: &str) -> Vec<String> {
    let Some(start) = html.find("<nav class=\"languages\"") else {
        return Vec::new();
    };
    let nav = &html[start..start + html[start..].find("</nav>").expect("its end")];
    nav.split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("a quoted href")].to_owned())
        .collect()
}

/// A path that starts `//host` or `/\host` must not become a switcher link a browser
/// reads as `https://host/...`: on every kind of page, and on the 404 page such
/// paths reach, each entry is a path of this site.
#[test]
fn no_switcher_link_leads_to_another_host_whatever_the_path() {
    let Pages { app, paths } = pages();
    let mut tried: Vec<String> = [
        "//evil.example/x",
        "/\\evil.example/x",
        "/\\/evil.example/x",
        "///evil.example/x",
        "//evil.example",
        "/%2F/evil.example/x",
    ]
    .map(str::to_owned)
    .into();
    for path in &paths {
        tried.push(format!("/{path}"));
        tried.push(format!("/\\{}", &path[1..]));
        tried.push(format!("//evil.example{path}"));
    }
    let same_site = |href: &str| {
        href.starts_with('/') && !href[1..].starts_with(['/', '\\']) && !href.contains(['\t', '\n'])
    };
    for path in &tried {
        for accept in [BROWSER, "text/html"] {
            let res = app
                .client
                .get(path.clone())
                .header(Header::new("Accept", accept))
                .header(Header::new("User-Agent", SCANNER))
                .dispatch();
            let status = res.status();
            let html = res.into_string().unwrap_or_default();
            let hrefs = switcher_hrefs(&html);
            assert_eq!(hrefs.len(), LANGUAGES.len(), "{path} ({status}): {html}");
            for href in hrefs {
                assert!(same_site(&href), "{path} ({status}) links to {href}");
            }
        }
    }
    // A refused form post to such a path: the switcher links to the home page.
    for path in ["//url", "/\\url", "//evil.example/url"] {
        let res = app
            .client
            .post(path)
            .header(rocket::http::ContentType::Form)
            .header(Header::new("Accept", BROWSER))
            .body("target_url=nonsense")
            .dispatch();
        let html = res.into_string().unwrap_or_default();
        let hrefs = switcher_hrefs(&html);
        assert_eq!(hrefs.len(), LANGUAGES.len(), "POST {path}: {html}");
        for href in hrefs {
            assert!(same_site(&href), "POST {path} links to {href}");
        }
    }
}
