//! Honest link previews: the owner of a `humans_only` link may give it a title, a
//! description and an image, shown as `og:` tags only on the Continue page that link
//! previewers get (a real page with a real button), and only where the operator
//! turned `previews` on. The image is a URL, checked as a target is.

use rocket::http::{Header, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{detail, figment, spawn_app, spawn_app_with, spawn_with, TestApp, BROWSER};

/// What Slack's link expander sends: a previewer, not a person.
const PREVIEWER: &str = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

fn with_previews() -> TestApp {
    spawn_app_with(|f| {
        f.merge(("previews", true))
            .merge(("owner_rate_limit.per_minute", 0))
    })
}

/// The page a previewer gets at `path`.
fn as_previewer(app: &TestApp, path: &str) -> (Status, String) {
    let res = app
        .client
        .get(path.to_owned())
        .header(Header::new("User-Agent", PREVIEWER))
        .dispatch();
    (res.status(), res.into_string().unwrap_or_default())
}

fn launch() -> Value {
    json!({
        "title": "Spring <sale> & \"more\"",
        "description": "Half price, this week only",
        "image_url": "https://img.example/card.png",
    })
}

#[test]
fn a_preview_is_shown_only_on_the_continue_page_and_escaped() {
    let app = with_previews();
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/sale", "preview": launch() }));
    assert_eq!(
        link.0["humans_only"], true,
        "a preview turns humans_only on"
    );
    assert_eq!(
        link.0["preview"]["image_url"],
        "https://img.example/card.png"
    );

    let (status, page) = as_previewer(&app, &link.path());
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains(
            r#"<meta property="og:title" content="Spring &#60;sale&#62; &#38; &#34;more&#34;">"#
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"<meta property="og:description" content="Half price, this week only">"#)
    );
    assert!(page.contains(r#"<meta property="og:image" content="https://img.example/card.png">"#));
    assert!(page.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
    assert!(page.contains("<button type=\"submit\""), "a real button");
    assert!(!page.contains("<sale>"), "escaped everywhere");

    let person = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    let res = app
        .client
        .get(link.path())
        .header(Header::new("User-Agent", person))
        .dispatch();
    assert_eq!(res.status(), Status::TemporaryRedirect, "people go on");
    let head = app
        .client
        .head(link.path())
        .header(Header::new("User-Agent", PREVIEWER))
        .dispatch();
    assert_eq!(head.status(), Status::Ok);
    let peek = app
        .get(&format!("/peek/{}", link.key()), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(!peek.contains("og:title"), "never on the peek page");
    let home = app.get("/", Some(BROWSER)).into_string().unwrap();
    assert!(!home.contains("og:title"));
    app.flush_clicks();
    let (_, info) = app.get_json(&link.admin_path());
    assert_eq!(info["clicks"], 1, "the previewer counted nothing");
}

#[test]
fn with_previews_off_none_is_taken_and_a_stored_one_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    let on = spawn_with(figment(&db).merge(("previews", true)), &db);
    let link = on.seed_with(json!({ "target_url": "https://example.com/", "preview": launch() }));
    on.stop();

    let off = spawn_with(figment(&db), &db);
    let (status, page) = as_previewer(&off, &link.path());
    assert_eq!(status, Status::Ok, "still the Continue page");
    assert!(
        !page.contains("og:title") && !page.contains("Spring"),
        "{page}"
    );

    let app = spawn_app();
    let before = app.link_count();
    let res = app.create_json(json!({ "target_url": "https://example.com/", "preview": launch() }));
    assert_eq!(res.status(), Status::UnprocessableEntity);
    assert_eq!(detail(res), "This instance does not show link previews");
    assert_eq!(app.link_count(), before, "nothing stored");
    let plain = app.seed_with(json!({ "target_url": "https://example.com/", "humans_only": true }));
    let res = app.send_json(
        Method::Patch,
        &plain.admin_path(),
        json!({ "preview": launch() }),
    );
    assert_eq!(res.status(), Status::UnprocessableEntity);
    let home = app.get("/", Some(BROWSER)).into_string().unwrap();
    assert!(!home.contains("preview_title"), "the form offers none");
}

#[test]
fn a_preview_image_is_checked_as_a_target_and_a_preview_needs_a_title_and_humans_only() {
    let app = with_previews();
    let before = app.link_count();
    let refused = [
        (
            json!({ "title": "t", "image_url": "javascript:alert(1)" }),
            Status::UnprocessableEntity,
            "preview image",
        ),
        (
            json!({ "title": "t", "image_url": "data:image/png;base64,AAAA" }),
            Status::UnprocessableEntity,
            "preview image",
        ),
        (
            json!({ "title": "t", "image_url": "http://sho.rt/abc" }),
            Status::UnprocessableEntity,
            "preview image",
        ),
        (
            json!({ "title": "t", "image_url": "https://bit.ly/x.png" }),
            Status::Forbidden,
            "bit.ly",
        ),
        (
            json!({ "description": "no title" }),
            Status::UnprocessableEntity,
            "missing field `title`",
        ),
        (
            json!({ "title": " \u{a0} " }),
            Status::UnprocessableEntity,
            "needs a title",
        ),
        (
            json!({}),
            Status::UnprocessableEntity,
            "missing field `title`",
        ),
        (
            json!({ "title": "t".repeat(201) }),
            Status::UnprocessableEntity,
            "at most 200",
        ),
        (
            json!({ "title": "two\nlines" }),
            Status::UnprocessableEntity,
            "control characters",
        ),
        (
            json!({ "title": "t", "colour": "red" }),
            Status::UnprocessableEntity,
            "colour",
        ),
        (json!("just text"), Status::UnprocessableEntity, ""),
    ];
    for (preview, status, said) in refused {
        let res =
            app.create_json(json!({ "target_url": "https://example.com/", "preview": preview }));
        assert_eq!(res.status(), status, "{preview}");
        let message = detail(res);
        assert!(message.contains(said), "{preview}: {message}");
    }
    let res = app.create_json(json!({
        "target_url": "https://example.com/", "preview": { "title": "t" }, "humans_only": false,
    }));
    assert_eq!(res.status(), Status::UnprocessableEntity);
    assert!(detail(res).contains("needs humans_only"));
    assert_eq!(app.link_count(), before, "nothing refused was stored");

    let page = app.post_form(
        "/url",
        "target_url=https%3A%2F%2Fexample.com%2F&preview_title=Card&preview_image_url=javascript%3Ax",
    );
    assert_eq!(page.status(), Status::UnprocessableEntity);
    let html = page.into_string().unwrap();
    assert!(html.contains("id=\"preview-error\""), "beside the fields");
    assert!(html.contains("value=\"Card\""), "what was typed stays");
    let made = app.post_form(
        "/url",
        "target_url=https%3A%2F%2Fexample.com%2F&preview_title=From+the+form&preview_description=Words",
    );
    assert_eq!(made.status(), Status::SeeOther);
    let admin = made.headers().get_one("Location").unwrap().to_owned();
    let (_, info) = app.get_json(&admin);
    assert_eq!(info["preview"]["title"], "From the form");
    assert_eq!(info["preview"]["image_url"], Value::Null);
    assert_eq!(info["humans_only"], true);
}

#[test]
fn an_owner_sets_changes_and_removes_a_preview() {
    let app = with_previews();
    let link = app.seed_with(json!({ "target_url": "https://example.com/", "humans_only": false }));
    let admin = link.admin_path();

    let res = app.send_json(Method::Patch, &admin, json!({ "preview": launch() }));
    assert_eq!(res.status(), Status::UnprocessableEntity, "not humans_only");
    let res = app.send_json(
        Method::Patch,
        &admin,
        json!({ "preview": launch(), "humans_only": true }),
    );
    assert_eq!(res.status(), Status::Ok);
    let info: Value = res.into_json().unwrap();
    assert_eq!(info["preview"]["description"], "Half price, this week only");
    assert_eq!(info["humans_only"], true);
    let (_, page) = as_previewer(&app, &link.path());
    assert!(page.contains("og:title"), "the cached target follows");

    let form = |body: &str| app.admin_form(&admin, body);
    let refused = form("_method=PATCH&preview=1&preview_title=&preview_description=orphan");
    assert_eq!(refused.status(), Status::UnprocessableEntity);
    let html = refused.into_string().unwrap();
    assert!(
        html.contains("id=\"new_preview-error\""),
        "beside the preview form"
    );
    let saved = form(
        "_method=PATCH&preview=1&preview_title=New+card&preview_description=&preview_image_url=",
    );
    assert_eq!(saved.status(), Status::SeeOther);
    let html = app.get(&admin, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains("Saved: the link preview."));
    assert!(html.contains("value=\"New card\""));
    let (_, page) = as_previewer(&app, &link.path());
    assert!(page.contains(r#"<meta property="og:title" content="New card">"#));
    assert!(page.contains(r#"<meta name="twitter:card" content="summary">"#));

    let res = app.send_json(Method::Patch, &admin, json!({ "preview": null }));
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.into_json::<Value>().unwrap()["preview"], Value::Null);
    let (_, page) = as_previewer(&app, &link.path());
    assert!(!page.contains("og:title"));
}
