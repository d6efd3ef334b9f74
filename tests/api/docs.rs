//! The API described from the code: `/openapi.json` holds every JSON route and is a
//! valid OpenAPI document; `/docs` shows it to people.

use std::collections::BTreeSet;

use rocket::http::Status;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, BROWSER};

/// Routes that are not part of the JSON API, and why.
const NOT_JSON: &[&str] = &[
    "asset",                      // static files
    "favicon",                    // static file
    "robots",                     // static file
    "manifest",                   // static file
    "sharex",                     // a file to download
    "apple_app_site_association", // the operator's file
    "assetlinks",                 // the operator's file
    "deleted",                    // the page the delete button lands on
    "openapi_json",               // the spec itself
    "docs",                       // the spec for people
    // The 415s of POST /{key} and PATCH /admin/{secret_key}, documented there.
    "unlock_unsupported",
    "edit_unsupported",
    // The 415s of POST /report/{key} and POST /moderate/{moderation_secret}/{key}.
    "report_unsupported",
    "decide_unsupported",
    // The 415s of the collection's POST routes, documented there.
    "join_unsupported",
    "deactivate_unsupported",
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
            .replace("<secret>", "{secret_key}")
            .replace("/collection/{secret_key}", "/collection/{secret}");
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
    assert!(html.contains("Which representation."), "the shared rules");
    assert!(
        html.contains("application/json, text/html"),
        "media types per answer"
    );
    assert!(
        html.contains("X-Content-Type-Options"),
        "headers per answer"
    );
    let (_, json) = app.get_json("/docs");
    assert_eq!(json["spec"], "/openapi.json");
}

#[test]
fn the_spec_gives_both_representations_the_forms_and_the_headers() {
    let app = spawn_app();
    let (_, spec) = app.get_json("/openapi.json");
    let mut errors = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, answer) in operation["responses"].as_object().unwrap() {
                let at = format!("{method} {path} {status}");
                let headers = &answer["headers"];
                assert_eq!(
                    headers["X-Content-Type-Options"]["schema"]["enum"],
                    json!(["nosniff"]),
                    "{at}"
                );
                // A HEAD answer has no body to describe.
                if status.starts_with('4') && method != "head" {
                    errors += 1;
                    let content = &answer["content"];
                    assert!(content.get("application/json").is_some(), "{at}");
                    assert!(content.get("text/html").is_some(), "{at}");
                }
                if status == "429" {
                    assert!(headers.get("Retry-After").is_some(), "{at}");
                }
                if path.starts_with("/admin/") {
                    assert!(headers.get("Cache-Control").is_some(), "{at}");
                }
            }
        }
    }
    assert!(errors > 30, "only {errors} error answers");

    let home = &spec["paths"]["/"]["get"]["responses"]["200"]["content"];
    assert!(home.get("text/html").is_some() && home.get("application/json").is_some());
    let create = &spec["paths"]["/url"]["post"];
    assert!(create["responses"].get("303").is_some(), "the form's 303");
    let form = &create["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
    assert_eq!(
        form["properties"]["max_clicks"]["type"], "integer",
        "no null in a form"
    );
    let days = &spec["paths"]["/admin/{secret_key}"]["get"]["parameters"][1];
    assert_eq!(days["name"], "days");
    assert_eq!(days["schema"]["enum"], json!([7, 30, 90, 365]));
    let target = &spec["components"]["schemas"]["NewLink"]["properties"]["target_url"];
    assert_eq!(target["minLength"], 1);
    assert_eq!(target["maxLength"], 2048);
    assert!(target["pattern"]
        .as_str()
        .unwrap()
        .starts_with("^[Hh][Tt][Tt][Pp]"));
}

#[test]
fn every_operation_has_an_operation_id_of_its_own() {
    let app = spawn_app();
    let (_, spec) = app.get_json("/openapi.json");
    let mut ids: Vec<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|operation| operation["operationId"].as_str().expect("an operationId"))
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        count,
        "operationIds repeat: links between operations would point at the wrong one"
    );
}
