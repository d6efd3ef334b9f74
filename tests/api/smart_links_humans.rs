//! Links that count people only (`humans_only`): link scanners and previewers get a
//! page with a Continue button and are not counted. And where a link sends visitors
//! once it has expired or is used up (`expired_url`), uncounted.

use rocket::http::{ContentType, Header, Status};
use rocket::local::blocking::LocalResponse;
use serde_json::{json, Value};

use super::smart_links::{get_with, goes, IPHONE_SAFARI, WINDOWS_CHROME};
use crate::helpers::{header, spawn_app, Link, TestApp, BASE, BROWSER};

/// What link scanners, unfurlers and crawlers send as their User-Agent.
const SCANNERS: [&str; 9] = [
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "TelegramBot (like TwitterBot)",
    "WhatsApp/2.23.20.0 A",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Twitterbot/1.0",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
];

/// The value of `name` in an HTML tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[start..].split('"').next()?.to_owned())
}

/// Where the page's Continue form (a `<form>` of class `continue` that posts) goes.
fn continue_action(html: &str) -> Option<String> {
    html.split("<form")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap_or(rest.len())])
        .filter(|tag| {
            attribute(tag, "class").is_some_and(|c| c.split_whitespace().any(|w| w == "continue"))
        })
        .filter(|tag| attribute(tag, "method").is_some_and(|m| m.eq_ignore_ascii_case("post")))
        .find_map(|tag| attribute(tag, "action"))
}

/// A scanner's GET of `link`: the Continue page, with where its button posts.
fn continue_page(app: &TestApp, link: &Link, scanner: &str) -> String {
    let res = get_with(
        app,
        &link.path(),
        &[("User-Agent", scanner), ("Accept", "*/*")],
    );
    assert_eq!(res.status(), Status::Ok, "{scanner}");
    assert_eq!(header(&res, "Location"), "", "{scanner}");
    assert_eq!(res.content_type(), Some(ContentType::HTML), "{scanner}");
    let html = res.into_string().unwrap();
    let action =
        continue_action(&html).unwrap_or_else(|| panic!("{scanner}: no Continue form in {html}"));
    assert!(
        action == link.str("url") || action == link.path(),
        "{scanner}: the form posts to {action}"
    );
    action
}

/// The Continue button pressed in a person's browser.
fn press_continue<'a>(app: &'a TestApp, action: &str) -> LocalResponse<'a> {
    app.client
        .post(action.strip_prefix(BASE).unwrap_or(action).to_owned())
        .header(ContentType::Form)
        .header(Header::new("Accept", BROWSER))
        .header(Header::new("User-Agent", WINDOWS_CHROME))
        .header(Header::new("Sec-Fetch-Site", "same-origin"))
        .body("")
        .dispatch()
}

/// The link's clicks on the admin page, once the pending ones are written.
pub(super) fn clicks(app: &TestApp, link: &Link) -> Value {
    app.flush_clicks();
    app.get_json(&link.admin_path()).1["clicks"].clone()
}

#[test]
fn link_scanners_get_a_continue_page_and_are_not_counted() {
    let app = spawn_app();
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/doc", "humans_only": true }));
    assert_eq!(link.0["humans_only"], true);

    for scanner in SCANNERS {
        continue_page(&app, &link, scanner);
    }
    for user_agent in [Some(SCANNERS[0]), None] {
        let mut head = app.client.head(link.path());
        if let Some(user_agent) = user_agent {
            head = head.header(Header::new("User-Agent", user_agent));
        }
        let res = head.dispatch();
        assert_eq!(res.status(), Status::Ok, "HEAD from {user_agent:?}");
        assert_eq!(header(&res, "Location"), "");
    }

    assert_eq!(clicks(&app, &link), 0);
}

#[test]
fn the_continue_button_forwards_with_303_and_counts_one_click() {
    let app = spawn_app();
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/doc", "humans_only": true }));
    let action = continue_page(&app, &link, SCANNERS[0]);

    let res = press_continue(&app, &action);

    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(header(&res, "Location"), "https://example.com/doc");
    assert_eq!(clicks(&app, &link), 1);
}

#[test]
fn programs_asking_for_json_and_browsers_are_forwarded_and_counted() {
    let app = spawn_app();
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/doc", "humans_only": true }));

    let program = [("User-Agent", SCANNERS[0]), ("Accept", "application/json")];
    assert_eq!(
        goes(&app, &link.path(), &program),
        "https://example.com/doc"
    );
    let person = [("User-Agent", IPHONE_SAFARI), ("Accept", BROWSER)];
    assert_eq!(goes(&app, &link.path(), &person), "https://example.com/doc");
    assert_eq!(clicks(&app, &link), 2);
}

#[test]
fn humans_only_is_on_by_default_with_a_click_limit_and_can_be_turned_off() {
    let app = spawn_app();
    for (mut body, on) in [
        (json!({ "max_clicks": 5 }), true),
        (json!({ "max_clicks": 5, "humans_only": false }), false),
        (json!({}), false),
        (json!({ "humans_only": true }), true),
    ] {
        body["target_url"] = json!("https://example.com/");
        let link = app.seed_with(body.clone());
        assert_eq!(link.0["humans_only"], on, "{body}");
        assert_eq!(
            app.get_json(&link.admin_path()).1["humans_only"],
            on,
            "{body}"
        );
    }

    let open = app.seed_with(
        json!({ "target_url": "https://example.com/open", "max_clicks": 5, "humans_only": false }),
    );
    let plain = app.seed("https://example.com/plain");
    for link in [&open, &plain] {
        for &scanner in &SCANNERS[..3] {
            let to = goes(&app, &link.path(), &[("User-Agent", scanner)]);
            assert_eq!(to, link.str("target_url"), "{scanner}");
        }
        assert_eq!(clicks(&app, link), 3);
    }
}

#[test]
fn a_single_use_link_opened_by_five_scanners_still_goes_to_the_first_person() {
    let app = spawn_app();
    let once =
        app.seed_with(json!({ "target_url": "https://example.com/invite", "max_clicks": 1 }));
    let fallback = app.seed_with(json!({
        "target_url": "https://example.com/invite",
        "max_clicks": 1,
        "expired_url": "https://example.com/taken",
    }));
    let person = [("User-Agent", WINDOWS_CHROME), ("Accept", BROWSER)];

    for link in [&once, &fallback] {
        for &scanner in &SCANNERS[..5] {
            let res = get_with(&app, &link.path(), &[("User-Agent", scanner)]);
            assert_eq!(res.status(), Status::Ok, "{scanner}");
        }
        assert_eq!(
            goes(&app, &link.path(), &person),
            "https://example.com/invite"
        );
    }

    assert_eq!(get_with(&app, &once.path(), &person).status(), Status::Gone);
    assert_eq!(
        goes(&app, &fallback.path(), &person),
        "https://example.com/taken"
    );
    assert_eq!(clicks(&app, &once), 1);
    assert_eq!(clicks(&app, &fallback), 1);
}

#[test]
fn an_expired_link_with_an_expired_url_sends_visitors_there_uncounted() {
    let app = spawn_app();
    app.set_clock("2026-11-28T10:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://example.com/sale",
        "expires_at": "2026-11-28T12:00:00Z",
        "expired_url": "https://example.com/sale-is-over",
    }));
    assert_eq!(link.0["expired_url"], "https://example.com/sale-is-over");
    assert_eq!(goes(&app, &link.path(), &[]), "https://example.com/sale");

    app.set_clock("2026-11-28T12:00:00Z");

    for accept in [None, Some(BROWSER), Some("application/json")] {
        let res = app.get(&link.path(), accept);
        assert_eq!(res.status(), Status::TemporaryRedirect, "{accept:?}");
        assert_eq!(
            header(&res, "Location"),
            "https://example.com/sale-is-over",
            "{accept:?}"
        );
    }
    assert_eq!(clicks(&app, &link), 1);
    assert_eq!(app.get_json(&link.admin_path()).1["is_expired"], true);
}

#[test]
fn a_used_up_link_sends_the_visits_past_its_limit_to_its_expired_url() {
    let app = spawn_app();
    let link = app.seed_with(json!({
        "target_url": "https://example.com/seat",
        "max_clicks": 2,
        "expired_url": "https://example.com/sold-out",
    }));

    let person = [(
        "User-Agent",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    )];
    let went: Vec<String> = (0..4).map(|_| goes(&app, &link.path(), &person)).collect();

    let (seat, sold_out) = ("https://example.com/seat", "https://example.com/sold-out");
    assert_eq!(went, [seat, seat, sold_out, sold_out]);
    assert_eq!(clicks(&app, &link), 2);
}

/// A phone whose model name holds a marker's letters (`CUBOT`) is a person: it is
/// forwarded and counted; and a Continue form submitted by a scanner (no `Origin`
/// nor `Sec-Fetch-Site`, or a library's User-Agent) gets the page again, uncounted.
#[test]
fn only_a_browser_pressing_continue_on_this_sites_page_is_counted() {
    let app = spawn_app();
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/doc", "humans_only": true }));
    let cubot = "Mozilla/5.0 (Linux; Android 10; CUBOT NOTE 20) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";
    let person = [("User-Agent", cubot), ("Accept", BROWSER)];
    assert_eq!(goes(&app, &link.path(), &person), "https://example.com/doc");
    assert_eq!(clicks(&app, &link), 1);

    let action = continue_page(&app, &link, SCANNERS[0]);
    let path = action.strip_prefix(BASE).unwrap_or(&action).to_owned();
    let post = |headers: &[(&'static str, &'static str)]| {
        let mut req = app
            .client
            .post(path.clone())
            .header(ContentType::Form)
            .body("");
        for (name, value) in headers {
            req = req.header(Header::new(*name, *value));
        }
        req.dispatch()
    };
    let scanners: [&[(&str, &str)]; 4] = [
        &[("User-Agent", WINDOWS_CHROME), ("Accept", BROWSER)],
        &[("User-Agent", "python-requests/2.32.3")],
        &[
            ("User-Agent", "python-requests/2.32.3"),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        &[("Sec-Fetch-Site", "same-origin")],
    ];
    for headers in scanners {
        let res = post(headers);
        assert_eq!(res.status(), Status::Ok, "{headers:?}");
        assert_eq!(header(&res, "Location"), "", "{headers:?}");
        let html = res.into_string().unwrap();
        assert!(continue_action(&html).is_some(), "{headers:?}: {html}");
    }
    assert_eq!(clicks(&app, &link), 1, "no scanner's press counted");

    let res = app
        .client
        .post(path.clone())
        .header(ContentType::Form)
        .header(Header::new("User-Agent", IPHONE_SAFARI))
        .header(Header::new("Origin", BASE))
        .body("")
        .dispatch();
    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(press_continue(&app, &action).status(), Status::SeeOther);
    assert_eq!(clicks(&app, &link), 3);
}

/// Browsers on five platforms, ten previewers and scanners, libraries and no
/// User-Agent at all, each visiting a `humans_only` link: only the browsers are
/// forwarded and counted; every other client gets the Continue page, uncounted.
#[test]
fn only_clients_that_look_like_browsers_are_forwarded_and_counted() {
    let app = spawn_app();
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/doc", "humans_only": true }));
    let browsers = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 10; CUBOT NOTE 20) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
    ];
    let previewers = [
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "TelegramBot (like TwitterBot)",
        "WhatsApp/2.23.20.0 A",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
    ];
    let libraries = [
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Go-http-client/1.1",
        "Wget/1.21.4",
    ];
    for ua in browsers {
        assert_eq!(
            goes(&app, &link.path(), &[("User-Agent", ua)]),
            "https://example.com/doc",
            "{ua}"
        );
    }
    for ua in previewers.iter().chain(&libraries) {
        continue_page(&app, &link, ua);
    }
    let nobody = app.client.get(link.path()).dispatch();
    assert_eq!(
        nobody.status(),
        Status::Ok,
        "no User-Agent: the Continue page"
    );
    assert!(continue_action(&nobody.into_string().unwrap()).is_some());
    assert_eq!(clicks(&app, &link), browsers.len());
}
