//! Creating from anywhere: a share sheet or the bookmark opens the home page's form
//! filled in (`GET /?url=`, `text`), the manifest offers the site as a share target,
//! and nothing is ever created on a GET.

use rocket::http::Status;
use serde_json::Value;

use crate::helpers::{header, spawn_app, BROWSER};

/// The value of the form's long-URL field on `page`.
fn prefilled(page: &str) -> &str {
    let field = page
        .split("<input id=\"target_url\"")
        .nth(1)
        .expect("the long-URL field");
    let value = field.split("value=\"").nth(1).expect("a value");
    &value[..value.find('"').expect("a closing quote")]
}

#[test]
fn a_shared_url_opens_the_form_filled_in_and_creates_nothing() {
    let app = spawn_app();

    let res = app.get("/?url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1", Some(BROWSER));

    assert_eq!(res.status(), Status::Ok);
    let page = res.into_string().unwrap();
    assert_eq!(prefilled(&page), "https://example.com/a?b=1");
    assert_eq!(app.link_count(), 0, "a GET never creates");
}

#[test]
fn shared_text_fills_in_its_first_web_address_when_there_is_no_url() {
    let app = spawn_app();

    let res = app.get(
        "/?title=A%20page&text=Read%20this%3A%20https%3A%2F%2Fexample.org%2Fpost%2C%20ftp%3A%2F%2Fx",
        Some(BROWSER),
    );

    let page = res.into_string().unwrap();
    assert_eq!(prefilled(&page), "https://example.org/post");
    let empty = app.get("/?url=&text=nothing%20to%20shorten", Some(BROWSER));
    assert_eq!(prefilled(&empty.into_string().unwrap()), "");
    assert_eq!(app.link_count(), 0);
}

#[test]
fn a_hostile_shared_value_is_shown_escaped_and_bounded() {
    let app = spawn_app();
    let script = "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E";

    let res = app.get(&format!("/?url={script}"), Some(BROWSER));
    assert_eq!(res.status(), Status::Ok);
    let page = res.into_string().unwrap();
    assert!(!page.contains("<script>alert(1)"), "the value is escaped");
    assert!(
        prefilled(&page).starts_with("&#34;&#62;&#60;script")
            || prefilled(&page).starts_with("&quot;")
    );

    let long = format!("/?url=https%3A%2F%2Fexample.com%2F{}", "a".repeat(6000));
    let res = app.get(&long, Some(BROWSER));
    assert_eq!(res.status(), Status::Ok);
    assert!(prefilled(&res.into_string().unwrap()).len() <= 4096);

    let broken = app.get("/?url=%FF%FE&text=%C3", Some(BROWSER));
    assert_eq!(
        broken.status(),
        Status::Ok,
        "undecodable values are left out"
    );
    assert_eq!(app.link_count(), 0);
}

#[test]
fn the_home_page_offers_a_bookmarklet_that_opens_this_form_for_the_current_page() {
    let app = spawn_app();

    let page = app.get("/", Some(BROWSER)).into_string().unwrap();

    let mark = page
        .split("class=\"bookmarklet\" href=\"")
        .nth(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .expect("the bookmarklet");
    assert_eq!(
        mark,
        "javascript:location.href=&#39;http://sho.rt/?url=&#39;+encodeURIComponent(location.href)"
    );
}

#[test]
fn the_manifest_makes_the_installed_site_a_share_target_for_the_form() {
    let app = spawn_app();

    let home = app.get("/", Some(BROWSER)).into_string().unwrap();
    assert!(home.contains(r#"<link rel="manifest" href="/manifest.webmanifest">"#));
    let res = app.get("/manifest.webmanifest", None);

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(header(&res, "Content-Type"), "application/manifest+json");
    let manifest: Value = serde_json::from_str(&res.into_string().unwrap()).unwrap();
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["icons"][0]["src"], "/static/favicon.svg");
    let share = &manifest["share_target"];
    assert_eq!(share["action"], "/");
    assert_eq!(share["method"], "GET");
    assert_eq!(share["params"]["url"], "url");
    assert_eq!(share["params"]["text"], "text");
    assert_eq!(share["params"]["title"], "title");
    let icon = app.get("/static/favicon.svg", None);
    assert_eq!(icon.status(), Status::Ok, "its icon is served");
}

#[test]
fn the_pages_allow_their_own_manifest_and_nothing_else() {
    let app = spawn_app();

    let res = app.get("/", Some(BROWSER));

    let csp = header(&res, "Content-Security-Policy");
    assert!(csp.contains("manifest-src 'self'"), "{csp}");
}
