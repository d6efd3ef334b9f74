//! The API described from the code: `/openapi.json` holds every JSON route and is a
//! valid OpenAPI document; `/docs` shows it to people.

use std::collections::BTreeSet;

use rocket::http::Status;
use serde_json::Value;

use crate::helpers::{spawn_app, BROWSER};

/// Routes that are not part of the JSON API, and why.
const NOT_JSON: &[&str] = &[
    "asset",        // static files
    "favicon",      // static file
    "robots",       // static file
    "deleted",      // the page the delete button lands on
    "method_form",  // the admin page's form emulating PATCH/DELETE
    "openapi_json", // the spec itself
    "docs",         // the spec for people
];

/// `(METHOD, /path/{param})` of every operation in the spec.
fn spec_operations(spec: &Value) -> BTreeSet<(String, String)> {
    spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect()
}

#[test]
fn every_json_route_is_in_the_spec() {
    backend!();
    let app = spawn_app();
    let (status, spec) = app.get_json("/openapi.json");
    assert_eq!(status, Status::Ok);
    let documented = spec_operations(&spec);

    let mut checked = 0;
    for route in app.client.rocket().routes() {
        let name = route.name.as_deref().unwrap_or("");
        if NOT_JSON.contains(&name) {
            continue;
        }
        let path = route
            .uri
            .path()
            .to_string()
            .replace("<secret>", "{secret_key}");
        let path = path.replace('<', "{").replace('>', "}");
        let operation = (route.method.as_str().to_owned(), path);
        assert!(
            documented.contains(&operation),
            "{name}: {operation:?} is not in /openapi.json"
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} routes checked");
}

#[test]
fn the_spec_is_a_valid_openapi_document_whose_references_resolve() {
    backend!();
    let app = spawn_app();
    let text = app.get("/openapi.json", None).into_string().unwrap();

    let spec = oas3::from_json(&text).expect("a valid OpenAPI 3.1 document");
    assert_eq!(spec.info.title, "shortener");
    let json: Value = serde_json::from_str(&text).unwrap();
    let schemas = json["components"]["schemas"].as_object().unwrap();
    for name in [
        "URLInfo",
        "NewLink",
        "AdminInfo",
        "Detail",
        "Peek",
        "Health",
    ] {
        assert!(schemas.contains_key(name), "{name}");
    }
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(schemas.contains_key(name), "dangling reference to {name}");
    }
    let new_link = &schemas["NewLink"]["properties"];
    for field in [
        "target_url",
        "custom_key",
        "expires_at",
        "max_clicks",
        "password",
        "check_target",
    ] {
        assert!(new_link.get(field).is_some(), "NewLink.{field}");
    }
}

#[test]
fn the_docs_page_shows_every_operation() {
    backend!();
    let app = spawn_app();
    let res = app.get("/docs", Some(BROWSER));
    assert_eq!(res.status(), Status::Ok);
    let html = res.into_string().unwrap();
    for operation in [
        r#"<span class="method">POST</span> <code>/url</code>"#,
        r#"<span class="method">PATCH</span> <code>/admin/{secret_key}</code>"#,
        r#"<span class="method">GET</span> <code>/{key}</code>"#,
    ] {
        assert!(html.contains(operation), "{operation}");
    }
    assert!(html.contains(r#"<a href="/openapi.json">"#));
    let (_, json) = app.get_json("/docs");
    assert_eq!(json["spec"], "/openapi.json");
}
