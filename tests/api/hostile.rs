//! Hostile bodies: whatever arrives, the answer is a 201 or a 4xx with a message, never a 5xx.

use proptest::prelude::*;
use rocket::http::{ContentType, Header, Status};
use serde_json::{json, Value};

use crate::helpers::spawn_app;

/// Bodies shaped like creates, with hostile values in every field.
fn json_bodies() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        "\\PC{0,60}".prop_map(Value::from),
        "(https?|javascript|data|ftp)://[a-z0-9.:@/?#%<>\"'&=-]{0,60}".prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(Value::Null),
        Just(json!([])),
        Just(json!({ "nested": true })),
    ];
    prop_oneof![
        (value.clone(), value)
            .prop_map(|(t, k)| json!({ "target_url": t, "custom_key": k }).to_string()),
        "\\PC{0,120}",
        "[\\[\\]{}\":,0-9a-z ]{0,60}",
    ]
}

fn form_bodies() -> impl Strategy<Value = String> {
    prop_oneof![
        ("[^&]{0,60}", "[^&]{0,40}").prop_map(|(t, k)| format!("target_url={t}&custom_key={k}")),
        "[a-z_=&%0-9A-F+.:/]{0,100}",
        "\\PC{0,100}",
    ]
}

fn assert_client_error_or_created(status: Status, body: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        status == Status::Created || status.class().is_client_error(),
        "{status} for {body}"
    );
    Ok(())
}

/// A JSON array is a bulk create: 200 with one result per item, each a link or a message.
fn assert_bulk_results(answer: &Value) -> Result<(), TestCaseError> {
    let items = answer.as_array();
    prop_assert!(items.is_some_and(|items| !items.is_empty()), "{answer}");
    for item in items.into_iter().flatten() {
        let message = item["detail"].as_str().is_some_and(|d| !d.is_empty());
        prop_assert!(item["url"].is_string() || message, "{item}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn hostile_json_bodies_never_cause_a_server_error(bodies in proptest::collection::vec(json_bodies(), 20)) {
        let app = spawn_app();
        for body in bodies {
            let res = app.client.post("/url").header(ContentType::JSON).header(Header::new("Accept", "application/json")).body(&body).dispatch();
            let status = res.status();
            let answer: Value = res.into_json().expect("a JSON answer");
            if status == Status::Ok && body.trim_start().starts_with('[') {
                assert_bulk_results(&answer)?;
                continue;
            }
            assert_client_error_or_created(status, &body)?;
            if status != Status::Created {
                prop_assert!(answer["detail"].as_str().is_some_and(|d| !d.is_empty()), "{answer}");
            }
        }
    }

    #[test]
    fn hostile_form_bodies_never_cause_a_server_error(bodies in proptest::collection::vec(form_bodies(), 20)) {
        let app = spawn_app();
        for body in bodies {
            let res = app.client.post("/url").header(ContentType::Form).header(Header::new("Accept", "text/html")).body(&body).dispatch();
            let status = res.status();
            prop_assert!(status == Status::SeeOther || status.class().is_client_error(), "{status} for {body}");
        }
    }

    #[test]
    fn hostile_paths_never_cause_a_server_error(segment in "[^/?#]{1,80}") {
        let app = spawn_app();
        let encoded: String = segment.bytes().map(|b| format!("%{b:02X}")).collect();
        for path in [format!("/{encoded}"), format!("/peek/{encoded}"), format!("/admin/{encoded}")] {
            let status = app.client.get(path.clone()).dispatch().status();
            prop_assert!(status.class().is_client_error() || status.class().is_redirection(), "{status} for {path}");
            let deleted = app.client.delete(path.clone()).dispatch().status();
            prop_assert!(deleted.class().is_client_error(), "{deleted} for DELETE {path}");
        }
    }
}

/// Every route that takes a JSON object, with a body that is not one: serde would read
/// an array into the fields in order (`["spam"]` as a report's reason).
#[test]
fn a_json_body_that_is_not_an_object_is_refused_and_changes_nothing() {
    let app = spawn_app();
    let link =
        app.seed_with(json!({"target_url": "https://example.com/", "password": "open sesame"}));
    let secret = rocket::execute(shortener::testing::moderation_secret(app.client.rocket()));
    let res = app.send_json(
        rocket::http::Method::Post,
        "/collections",
        json!({"name": "Kept"}),
    );
    let collection: Value = res.into_json().unwrap();
    let collection = collection["url"]
        .as_str()
        .unwrap()
        .trim_start_matches(crate::helpers::BASE);
    let paths = [
        link.path(),
        format!("/report/{}", link.key()),
        format!("/moderate/{secret}/{}", link.key()),
        "/token".to_owned(),
        "/collections".to_owned(),
        format!("{collection}/links"),
        format!("{collection}/deactivate"),
    ];
    let admin_url = link.str("admin_url").to_owned();
    let bodies = [
        json!([]),
        json!(["open sesame"]),
        json!(["spam", "details"]),
        json!(["disable", "a reason"]),
        json!(["A new collection"]),
        json!([admin_url]),
        json!([[link.key()]]),
        json!("text"),
        json!(5),
        json!(null),
    ];
    for path in &paths {
        for body in &bodies {
            let res = app.send_json(rocket::http::Method::Post, path, body.clone());
            assert_eq!(res.status(), Status::UnprocessableEntity, "{path} {body}");
            let detail = crate::helpers::detail(res);
            assert!(
                detail.contains("expected a JSON object"),
                "{path} {body}: {detail}"
            );
        }
    }
    assert_eq!(app.query_i64("select count(*) from report"), 0);
    assert_eq!(app.query_i64("select count(*) from collection"), 1);
    assert_eq!(app.query_i64("select count(*) from collection_link"), 0);
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::Unauthorized,
        "still protected, not disabled"
    );
}
