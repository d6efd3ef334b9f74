//! `POST /url`: new links from JSON and from the form, with random or custom keys.

use rocket::http::{ContentType, Status};
use rocket::local::asynchronous::Client;
use serde_json::{json, Value};

use crate::helpers::{detail, figment, header, spawn_app, spawn_with, Link, BASE};

#[test]
fn creating_a_link_with_json_answers_201_with_its_urlinfo() {
    let app = spawn_app();

    let res = app.create_json(json!({ "target_url": "https://example.com/a?b=c" }));

    assert_eq!(res.status(), Status::Created);
    assert_eq!(res.content_type(), Some(ContentType::JSON));
    let location = header(&res, "Location").to_owned();
    let link = Link(res.into_json().unwrap());
    assert_eq!(link.0["target_url"], "https://example.com/a?b=c");
    assert_eq!(link.0["is_active"], true);
    assert_eq!(link.0["clicks"], 0);
    assert_eq!(location, link.str("admin_url"));
    assert!(link.str("url").starts_with(&format!("{BASE}/")));
    assert!(link.str("admin_url").starts_with(&format!("{BASE}/admin/")));
    assert!(link.str("created_at").ends_with('Z'));
}

#[test]
fn random_keys_are_five_letters_or_digits_and_secrets_are_long() {
    let app = spawn_app();

    let link = app.seed("https://example.com/");

    let key = link.key();
    assert_eq!(key.len(), 5);
    assert!(key.bytes().all(|b| b.is_ascii_alphanumeric()));
    let secret = link.admin_path().trim_start_matches("/admin/").to_owned();
    assert!(secret.len() >= 22, "{secret}");
    assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric()));
}

#[test]
fn the_key_length_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let app = spawn_with(figment(&db).merge(("key_length", 9)), &db);

    let link = app.seed("https://example.com/");

    assert_eq!(link.key().len(), 9);
}

#[test]
fn creating_with_the_form_sends_the_creator_to_a_greeting_admin_page() {
    let app = spawn_app();

    let res = app.create_form("target_url=https%3A%2F%2Fexample.com%2Fpage");

    assert_eq!(res.status(), Status::SeeOther);
    let admin = header(&res, "Location").to_owned();
    assert!(admin.starts_with("/admin/"));
    let page = app
        .get(&admin, Some(crate::helpers::BROWSER))
        .into_string()
        .unwrap();
    assert!(page.contains("Save this page: it is your only way back."));
    assert!(page.contains("https://example.com/page"));
    let again = app
        .get(&admin, Some(crate::helpers::BROWSER))
        .into_string()
        .unwrap();
    assert!(
        !again.contains("Save this page"),
        "the greeting is shown once"
    );
}

#[test]
fn a_custom_key_is_used_as_given() {
    let app = spawn_app();

    let res =
        app.create_json(json!({ "target_url": "https://example.com/", "custom_key": "My-Link_1" }));

    assert_eq!(res.status(), Status::Created);
    assert_eq!(Link(res.into_json().unwrap()).key(), "My-Link_1");
    assert_eq!(
        app.get("/My-Link_1", None).status(),
        Status::TemporaryRedirect
    );
    assert_eq!(
        app.get("/my-link_1", None).status(),
        Status::NotFound,
        "keys keep their case"
    );
}

#[test]
fn an_empty_custom_key_means_a_random_one() {
    let app = spawn_app();

    let json = app.create_json(json!({ "target_url": "https://example.com/", "custom_key": "" }));
    let form = app.create_form("target_url=https%3A%2F%2Fexample.com%2F&custom_key=");

    assert_eq!(Link(json.into_json().unwrap()).key().len(), 5);
    assert_eq!(form.status(), Status::SeeOther);
}

#[test]
fn creating_a_link_with_a_taken_custom_key_is_a_conflict() {
    let app = spawn_app();
    app.create_json(json!({ "target_url": "https://a.example/", "custom_key": "dup" }));

    let json = app.create_json(json!({ "target_url": "https://b.example/", "custom_key": "dup" }));
    let form = app.create_form("target_url=https%3A%2F%2Fb.example%2F&custom_key=dup");

    assert_eq!(json.status(), Status::Conflict);
    assert_eq!(detail(json), "Custom key 'dup' is already taken");
    assert_eq!(form.status(), Status::Conflict);
    let html = form.into_string().unwrap();
    assert!(html.contains(r#"id="custom_key-error""#));
    assert!(
        html.contains(r#"value="https://b.example/""#),
        "what the user typed is kept"
    );
    assert_eq!(app.link_count(), 1);
}

#[test]
fn a_deleted_links_key_is_never_handed_out_again() {
    let app = spawn_app();
    let res = app.create_json(json!({ "target_url": "https://a.example/", "custom_key": "gone" }));
    let link = Link(res.into_json().unwrap());
    app.client.delete(link.admin_path()).dispatch();

    let again =
        app.create_json(json!({ "target_url": "https://b.example/", "custom_key": "gone" }));

    assert_eq!(again.status(), Status::Conflict);
    assert_eq!(app.get("/gone", None).status(), Status::NotFound);
}

#[test]
fn invalid_custom_keys_are_unprocessable() {
    let app = spawn_app();

    for key in [
        "ab",
        "has space",
        "sl/ash",
        "dot.ted",
        "ünï",
        &"x".repeat(33),
    ] {
        let res =
            app.create_json(json!({ "target_url": "https://example.com/", "custom_key": key }));

        assert_eq!(res.status(), Status::UnprocessableEntity, "{key}");
        let detail = detail(res);
        assert!(detail.contains("is not valid"), "{detail}");
    }
    assert_eq!(app.link_count(), 0);
}

#[test]
fn reserved_words_cannot_be_custom_keys() {
    let app = spawn_app();

    for key in [
        "url", "admin", "peek", "static", "docs", "health", "deleted", "Admin", "URL",
    ] {
        let res =
            app.create_json(json!({ "target_url": "https://example.com/", "custom_key": key }));

        assert_eq!(res.status(), Status::UnprocessableEntity, "{key}");
        assert_eq!(detail(res), format!("Custom key '{key}' is reserved"));
    }
}

#[rocket::async_test]
async fn two_hundred_concurrent_creates_give_two_hundred_unique_keys() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::tracked(shortener::build(figment(&dir.path().join("c.db"))))
        .await
        .unwrap();

    let requests = (0..200).map(|i| {
        client
            .post("/url")
            .header(ContentType::JSON)
            .body(json!({ "target_url": format!("https://example.com/{i}") }).to_string())
            .dispatch()
    });
    let responses = futures::future::join_all(requests).await;

    let mut keys = std::collections::HashSet::new();
    for res in responses {
        assert_eq!(res.status(), Status::Created);
        let link = Link(res.into_json().await.unwrap());
        keys.insert(link.key());
    }
    assert_eq!(keys.len(), 200);
}

#[rocket::async_test]
async fn concurrent_creates_with_one_custom_key_give_one_link_and_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::tracked(shortener::build(figment(&dir.path().join("k.db"))))
        .await
        .unwrap();

    let requests = (0..30).map(|i| {
        client
            .post("/url")
            .header(ContentType::JSON)
            .body(
                json!({ "target_url": format!("https://example.com/{i}"), "custom_key": "same" })
                    .to_string(),
            )
            .dispatch()
    });
    let responses = futures::future::join_all(requests).await;

    let created: Vec<_> = responses
        .iter()
        .filter(|r| r.status() == Status::Created)
        .collect();
    let conflicts = responses
        .iter()
        .filter(|r| r.status() == Status::Conflict)
        .count();
    assert_eq!((created.len(), conflicts), (1, 29));
    let location = created[0].headers().get_one("Location").unwrap().to_owned();
    let admin = location.strip_prefix(BASE).unwrap().to_owned();
    let info: Value = client
        .get(admin)
        .header(rocket::http::Accept::JSON)
        .dispatch()
        .await
        .into_json()
        .await
        .unwrap();
    assert_eq!(info["url"], format!("{BASE}/same"));
}

#[test]
fn the_201_that_carries_the_admin_url_is_kept_out_of_caches() {
    let app = spawn_app();

    let res = app.create_json(json!({ "target_url": "https://example.com/" }));

    assert_eq!(res.status(), Status::Created);
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    let form = app.create_form("target_url=https%3A%2F%2Fexample.com%2Fform");
    assert_eq!(form.status(), Status::SeeOther);
    assert_eq!(
        header(&form, "Cache-Control"),
        "no-store",
        "the Location names the admin page"
    );
}
