//! Every kind of page in every language, as a browser gets it from the real binary,
//! through the Nu Html Checker (vnu.jar, the W3C's validator): 0 errors. A new page
//! is one line in `pages()`.
//!
//! Compiled to run where SHORTENER_VNU_JAR names the checker's jar (CI installs it
//! from npm; see build.rs); elsewhere reported as ignored, never as passed.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::server::{free_port, run, send, send_from, stdout, Reply, Server};

/// A browser's request: HTML wanted, from this site's own pages.
const BROWSER: &[(&str, &str)] = &[("Accept", "text/html"), ("Sec-Fetch-Site", "same-origin")];
const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

/// Links in the states the pages show.
struct Fixture {
    /// Clicked, with referrers: a history to draw.
    clicked: (String, String),
    /// Never clicked.
    fresh: (String, String),
    /// Used up by its one click.
    used_up: (String, String),
    protected: (String, String),
    /// Deleted through the admin page's form; the flash cookie of its `/deleted`.
    deleted_cookie: String,
    /// The cookie greeting the creator on the admin page after the form.
    created: (String, String),
    /// Disabled by the operator, with a reason.
    disabled: (String, String),
    /// The moderation page's secret (`clicked` has open reports).
    moderation: String,
    /// The stats link's token of `clicked`.
    stats: String,
    /// A collection's secret; it holds `clicked` and a link made in it.
    collection: String,
    /// Rules, a split and a fallback, clicked through a rule and a variant.
    smart: (String, String),
    /// Not live yet: it has a start time far ahead.
    waiting: (String, String),
    /// With a link preview (the server runs with `previews` on).
    previewed: (String, String),
}

/// `(name, method, path, extra headers, body)` of one request per kind of page.
type PageRequest = (
    &'static str,
    &'static str,
    String,
    Vec<(&'static str, String)>,
    String,
);

// One line per page, as the module's doc promises.
#[rustfmt::skip]
fn pages(f: &Fixture) -> Vec<PageRequest> {
    let admin = |(_, secret): &(String, String)| format!("/admin/{secret}");
    let none = Vec::new;
    let form = || vec![(FORM.0, FORM.1.to_owned())];
    let cross_site = || vec![("Sec-Fetch-Site", "cross-site".to_owned()), (FORM.0, FORM.1.to_owned())];
    let json = || vec![("Content-Type", "application/json".to_owned())];
    let plain = || vec![("Content-Type", "text/plain".to_owned())];
    let cookie = |value: &String| vec![("Cookie", value.clone())];
    let a_link = "target_url=https%3A%2F%2Fa.example%2F".to_owned();
    vec![
        ("home", "GET", "/".into(), none(), String::new()),
        ("home-refused", "POST", "/url".into(), form(), "target_url=ftp%3A%2F%2Fx".into()),
        ("error-409", "POST", "/url".into(), form(), format!("{a_link}&custom_key=taken-key")),
        ("bulk-results", "POST", "/url".into(), form(), "target_urls=https%3A%2F%2Fa.example%2F%0D%0Aftp%3A%2F%2Fbad".into()),
        ("admin-with-history", "GET", admin(&f.clicked), none(), String::new()),
        ("admin-without-history", "GET", admin(&f.fresh), none(), String::new()),
        ("admin-just-created", "GET", f.created.0.clone(), cookie(&f.created.1), String::new()),
        ("admin-expired", "GET", admin(&f.used_up), none(), String::new()),
        ("admin-protected", "GET", admin(&f.protected), none(), String::new()),
        ("admin-edit-refused", "POST", admin(&f.fresh), form(), "_method=PATCH&target_url=ftp%3A%2F%2Fx".into()),
        ("peek", "GET", format!("/peek/{}", f.clicked.0), none(), String::new()),
        ("locked", "GET", format!("/{}", f.protected.0), none(), String::new()),
        ("locked-wrong-password", "POST", format!("/{}", f.protected.0), form(), "password=not+the+password".into()),
        ("deleted", "GET", "/deleted".into(), cookie(&f.deleted_cookie), String::new()),
        ("gone-410", "GET", format!("/{}", f.used_up.0), none(), String::new()),
        ("error-400", "POST", "/url".into(), json(), "{".into()),
        ("error-401", "GET", format!("/peek/{}", f.protected.0), none(), String::new()),
        ("error-403", "POST", "/url".into(), cross_site(), a_link),
        ("error-404", "GET", "/no-such-link".into(), none(), String::new()),
        ("error-405", "PUT", "/url".into(), none(), String::new()),
        ("error-413", "POST", "/url".into(), form(), format!("target_url={}", "a".repeat(300_000))),
        ("error-415", "POST", "/url".into(), plain(), "x".into()),
        ("error-422", "GET", format!("{}?days=5", admin(&f.clicked)), none(), String::new()),
        ("docs", "GET", "/docs".into(), none(), String::new()),
        ("report", "GET", format!("/report/{}", f.clicked.0), none(), String::new()),
        ("report-refused", "POST", format!("/report/{}", f.clicked.0), form(), format!("details={}", "x".repeat(1001))),
        ("reported", "POST", format!("/report/{}", f.fresh.0), form(), "reason=spam".into()),
        ("moderation", "GET", format!("/moderate/{}", f.moderation), none(), String::new()),
        ("moderation-search", "GET", format!("/moderate/{}?q=example.com", f.moderation), none(), String::new()),
        ("moderation-refused", "POST", format!("/moderate/{}/{}", f.moderation, f.clicked.0), form(), "action=disable&reason=".into()),
        ("disabled-410", "GET", format!("/{}", f.disabled.0), none(), String::new()),
        ("admin-disabled", "GET", admin(&f.disabled), none(), String::new()),
        ("token-refused", "POST", "/token".into(), form(), "token=wrong".into()),
        ("stats", "GET", format!("/stats/{}", f.stats), none(), String::new()),
        ("admin-stats-off", "GET", admin(&f.used_up), none(), String::new()),
        ("collection", "GET", format!("/collection/{}", f.collection), none(), String::new()),
        ("collection-by-clicks", "GET", format!("/collection/{}?sort=clicks&days=7", f.collection), none(), String::new()),
        ("collection-no-match", "GET", format!("/collection/{}?q=%3Cnothing%3E", f.collection), none(), String::new()),
        ("collection-join-refused", "POST", format!("/collection/{}/links", f.collection), form(), "admin_url=%3Cnot+a+url%3E".into()),
        ("collection-name-refused", "POST", "/collections".into(), form(), "name=".into()),
        ("admin-smart", "GET", admin(&f.smart), none(), String::new()),
        ("not-live", "GET", format!("/{}", f.waiting.0), none(), String::new()),
        ("admin-waiting", "GET", admin(&f.waiting), none(), String::new()),
        ("admin-start-refused", "POST", admin(&f.waiting), form(), "_method=PATCH&schedule=1&starts_at=soon".into()),
        ("continue-with-preview", "GET", format!("/{}", f.previewed.0), vec![("User-Agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)".to_owned())], String::new()),
        ("admin-preview", "GET", admin(&f.previewed), none(), String::new()),
        ("admin-preview-refused", "POST", admin(&f.previewed), form(), "_method=PATCH&preview=1&preview_description=%3Cno+title%3E".into()),
        ("home-start-refused", "POST", "/url".into(), form(), "target_url=https%3A%2F%2Fa.example%2F&starts_at=%3Csoon%3E".into()),
        ("admin-smart-more", "POST", admin(&f.smart), form(), "_method=PATCH&smart=on&more=variant&rule%5B0%5D.device=ios&rule%5B0%5D.target_url=https%3A%2F%2Fa.example%2F".into()),
        ("admin-smart-refused", "POST", admin(&f.smart), form(), "_method=PATCH&smart=on&rule%5B0%5D.device=phone&rule%5B0%5D.target_url=https%3A%2F%2Fa.example%2F".into()),
        ("home-more-rules", "POST", "/url".into(), form(), "more=rule&target_url=https%3A%2F%2Fa.example%2F&rule%5B0%5D.query=src%3D%3Cx%3E".into()),
        ("home-rules-refused", "POST", "/url".into(), form(), "target_url=https%3A%2F%2Fa.example%2F&rule%5B0%5D.language=d3&rule%5B0%5D.target_url=https%3A%2F%2Fb.example%2F".into()),
        ("peek-tried", "GET", format!("/peek/{}?device=ios&language=de&at=2030-01-01T00%3A00%3A00Z&src=%3Cx%3E", f.smart.0), none(), String::new()),
        ("continue", "GET", format!("/{}", f.used_up.0), vec![("User-Agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)".to_owned())], String::new()),
    ]
}

#[test]
#[cfg_attr(
    not(html_check_tests),
    ignore = "needs SHORTENER_VNU_JAR (npm install vnu-jar; Java)"
)]
fn every_kind_of_page_is_valid_html() {
    let jar = std::env::var("SHORTENER_VNU_JAR").expect("SHORTENER_VNU_JAR names vnu.jar");
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let limit = ("ROCKET_RATE_LIMIT", "{per_minute=1,burst=90}".to_owned());
    let previews = ("ROCKET_PREVIEWS", "true".to_owned());
    let _server = Server::start(dir.path(), port, &[limit, previews]);
    let fixture = fixture(port, dir.path());
    let out = dir.path().join("pages");
    std::fs::create_dir_all(&out).unwrap();

    let mut replies = Vec::new();
    // Every page in every language the app speaks.
    for lang in ["en", "de", "fr", "es", "pt-BR"] {
        for (name, method, path, extra, body) in pages(&fixture) {
            // A page's own headers replace the browser's of the same name.
            let mut headers: Vec<(&str, &str)> = BROWSER
                .iter()
                .filter(|(name, _)| extra.iter().all(|(own, _)| own != name))
                .copied()
                .collect();
            headers.extend(extra.iter().map(|(name, value)| (*name, value.as_str())));
            headers.push(("Accept-Language", lang));
            let reply = send(port, method, &path, &headers, &body);
            let language = reply.header("content-language").unwrap_or_default();
            assert_eq!(language, lang, "{name}");
            replies.push((name, lang, reply));
        }
    }
    replies.push(("error-429", "en", too_many(port)));
    let mut files = Vec::new();
    for (name, lang, reply) in replies {
        check_is_page(name, &reply);
        let file = out.join(format!("{name}.{lang}.html"));
        std::fs::write(&file, &reply.body).unwrap();
        files.push(file);
    }
    let errors = validate(&jar, &files);
    assert!(
        errors.is_empty(),
        "the checker found:\n{}",
        errors.join("\n")
    );
}

/// The 429 page: creates from one address until its allowance runs out.
fn too_many(port: u16) -> Reply {
    let source = std::net::Ipv4Addr::new(127, 0, 0, 9);
    let body = "target_url=https%3A%2F%2Fa.example%2F";
    let mut headers = BROWSER.to_vec();
    headers.push(FORM);
    for _ in 0..100 {
        let reply = send_from(source, port, "POST", "/url", &headers, body);
        if reply.status == 429 {
            return reply;
        }
    }
    panic!("no 429 after 100 creates");
}

/// An HTML page with the status its name gives, if it gives one.
fn check_is_page(name: &str, reply: &Reply) {
    let kind = reply.header("content-type").unwrap_or_default();
    if let Some(status) = name.strip_prefix("error-").or(name.strip_prefix("gone-")) {
        assert_eq!(reply.status.to_string(), status, "{name}: {}", reply.body);
    }
    assert!(
        kind.starts_with("text/html"),
        "{name}: {} {kind}\n{}",
        reply.status,
        reply.body
    );
}

/// The checker's errors, one line each (file, line, message).
fn validate(jar: &str, files: &[std::path::PathBuf]) -> Vec<String> {
    let output = Command::new("java")
        .args(["-jar", jar, "--errors-only", "--format", "json"])
        .args(files)
        .output()
        .expect("java runs (apt-get install default-jre-headless)");
    let report: Value = serde_json::from_slice(&output.stderr)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    assert!(
        output.status.success() || !messages.is_empty(),
        "the checker failed: {report}"
    );
    messages
        .iter()
        .map(|m| {
            let file = m["url"].as_str().unwrap_or("");
            let name = Path::new(file).file_name().unwrap_or_default();
            format!(
                "{}:{} {}: {}",
                name.to_string_lossy(),
                m["lastLine"],
                m["type"].as_str().unwrap_or(""),
                m["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

fn fixture(port: u16, dir: &Path) -> Fixture {
    let make = |body: Value| {
        let reply = send(
            port,
            "POST",
            "/url",
            &[("Content-Type", "application/json")],
            &body.to_string(),
        );
        assert_eq!(reply.status, 201, "{}", reply.body);
        let info = reply.json();
        let key = info["url"].as_str().unwrap().rsplit('/').next().unwrap();
        let secret = info["admin_url"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap();
        (key.to_owned(), secret.to_owned())
    };
    let clicked = make(json!({"target_url": "https://example.com/a?q=%3Cb%3E&x=<y>"}));
    for referer in ["https://news.example.com/1", "https://mail.example.org/2"] {
        let path = format!("/{}", clicked.0);
        send(port, "GET", &path, &[("Referer", referer)], "");
    }
    let fresh = make(json!({"target_url": "https://example.com/fresh", "custom_key": "taken-key"}));
    let used_up = make(
        json!({"target_url": "https://example.com/once", "max_clicks": 1, "humans_only": false}),
    );
    send(port, "GET", &format!("/{}", used_up.0), &[], "");
    let protected = make(json!({"target_url": "https://example.com/p", "password": "open sesame"}));
    let doomed = make(json!({"target_url": "https://example.com/doomed"}));

    let mut headers = BROWSER.to_vec();
    headers.push(FORM);
    let path = format!("/admin/{}", doomed.1);
    let reply = send(port, "POST", &path, &headers, "_method=DELETE");
    assert_eq!(reply.status, 303, "{}", reply.body);
    let deleted_cookie = cookie(&reply);
    let body = "target_url=https%3A%2F%2Fexample.com%2Fnew";
    let reply = send(port, "POST", "/url", &headers, body);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let created = (reply.header("location").unwrap().to_owned(), cookie(&reply));
    let report = json!({"reason": "phishing", "details": "A fake <login> page"}).to_string();
    let json = [("Content-Type", "application/json")];
    let path = format!("/report/{}", clicked.0);
    assert_eq!(send(port, "POST", &path, &json, &report).status, 202);
    let disabled = make(json!({"target_url": "https://example.com/bad"}));
    stdout(&run(
        dir,
        &[
            "links",
            "disable",
            &disabled.0,
            "--reason",
            "Phishing <a bank>",
        ],
    ));
    let url = stdout(&run(dir, &["moderation-url"]));
    let moderation = url.trim().rsplit('/').next().unwrap().to_owned();
    let (stats, collection) = owners(port, &clicked.1, &used_up.1);
    let smart = make(json!({
        "target_url": "https://example.com/smart",
        "rules": [{"when": {"device": "ios", "query": {"src": "<poster>"}}, "target_url": "https://example.com/ios"},
                  {"when": {"language": "de", "after": "2026-01-01T00:00:00Z"}, "target_url": "https://example.com/de"}],
        "variants": [{"target_url": "https://example.com/a", "weight": 70}, {"target_url": "https://example.com/b", "weight": 30}],
        "expired_url": "https://example.com/over",
    }));
    for language in ["de-AT,de;q=0.9", "en"] {
        send(
            port,
            "GET",
            &format!("/{}", smart.0),
            &[("Accept-Language", language)],
            "",
        );
    }
    let waiting = make(
        json!({"target_url": "https://example.com/soon", "starts_at": "2999-01-01T00:00:00Z", "title": "Soon <b>"}),
    );
    let previewed = make(
        json!({"target_url": "https://example.com/card", "preview": {"title": "A <card> & \"more\"", "description": "Words", "image_url": "https://img.example/a.png?x=1&y=<2>"}}),
    );
    Fixture {
        previewed,
        waiting,
        smart,
        stats,
        collection,
        clicked,
        fresh,
        used_up,
        protected,
        deleted_cookie,
        created,
        disabled,
        moderation,
    }
}

/// The stats token of the link with `secret`, and a collection holding it and a
/// link made in it; the stats link of the link with `off` is turned off.
fn owners(port: u16, secret: &str, off: &str) -> (String, String) {
    let json = [
        ("Content-Type", "application/json"),
        ("Accept", "application/json"),
    ];
    let last = |url: &Value| url.as_str().unwrap().rsplit('/').next().unwrap().to_owned();
    let admin = send(port, "GET", &format!("/admin/{secret}"), &json, "").json();
    let stats = last(&admin["stats_url"]);
    let made = send(
        port,
        "POST",
        "/collections",
        &json,
        r#"{"name": "Posters <2026>"}"#,
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let collection = last(&made.json()["url"]);
    let join = json!({"admin_url": admin["admin_url"]}).to_string();
    let joined = send(
        port,
        "POST",
        &format!("/collection/{collection}/links"),
        &json,
        &join,
    );
    assert_eq!(joined.status, 200, "{}", joined.body);
    let body = json!({"target_url": "https://example.com/in-collection", "collection": collection});
    assert_eq!(
        send(port, "POST", "/url", &json, &body.to_string()).status,
        201
    );
    let edit = send(
        port,
        "PATCH",
        &format!("/admin/{off}"),
        &json,
        r#"{"stats": "off"}"#,
    );
    assert_eq!(edit.status, 200, "{}", edit.body);
    (stats, collection)
}

/// `name=value` of the reply's Set-Cookie.
fn cookie(reply: &Reply) -> String {
    let set = reply.header("set-cookie").expect("a flash cookie");
    set.split(';').next().unwrap().to_owned()
}
