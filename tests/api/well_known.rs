//! App-link files: served from the operator's `well_known_dir` as JSON, as they are,
//! never a redirect and never a key; absent, a plain 404.

use rocket::http::Status;

use crate::helpers::{header, spawn_app, spawn_app_with, BROWSER};

const APPLE: &str = r#"{"applinks":{"details":[{"appIDs":["ABCDE12345.com.example.app"],"components":[{"/":"/*"}]}]}}"#;
const ANDROID: &str = r#"[{"relation":["delegate_permission/common.handle_all_urls"],"target":{"namespace":"android_app","package_name":"com.example.app","sha256_cert_fingerprints":["AB:CD"]}}]"#;

#[test]
fn the_operators_app_link_files_are_served_as_json_and_never_redirect() {
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("apple-app-site-association"), APPLE).unwrap();
    std::fs::write(files.path().join("assetlinks.json"), ANDROID).unwrap();
    let dir = files.path().to_str().unwrap().to_owned();
    let app = spawn_app_with(|f| f.merge(("well_known_dir", dir)));

    for (path, body) in [
        ("/.well-known/apple-app-site-association", APPLE),
        ("/.well-known/assetlinks.json", ANDROID),
    ] {
        for accept in [None, Some(BROWSER)] {
            let res = app.get(path, accept);
            assert_eq!(res.status(), Status::Ok, "{path}");
            assert_eq!(header(&res, "Content-Type"), "application/json", "{path}");
            assert!(res.headers().get_one("Location").is_none(), "{path}");
            assert_eq!(res.into_string().unwrap(), body, "{path}: as it is");
        }
    }
    // A file changed on disk is served changed.
    std::fs::write(files.path().join("assetlinks.json"), "[]").unwrap();
    let res = app.get("/.well-known/assetlinks.json", None);
    assert_eq!(res.into_string().unwrap(), "[]");
}

#[test]
fn without_the_setting_or_the_file_the_well_known_paths_are_not_found() {
    let app = spawn_app();
    for path in [
        "/.well-known/apple-app-site-association",
        "/.well-known/assetlinks.json",
        "/.well-known/security.txt",
    ] {
        let res = app.get(path, None);
        assert_eq!(res.status(), Status::NotFound, "{path}");
        assert!(res.headers().get_one("Location").is_none(), "{path}");
    }

    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir(empty.path().join("assetlinks.json")).unwrap();
    let dir = empty.path().to_str().unwrap().to_owned();
    let app = spawn_app_with(|f| f.merge(("well_known_dir", dir)));
    let missing = app.get("/.well-known/apple-app-site-association", None);
    assert_eq!(missing.status(), Status::NotFound, "a missing file");
    let directory = app.get("/.well-known/assetlinks.json", None);
    assert_eq!(directory.status(), Status::NotFound, "not a regular file");
}

#[test]
fn the_sharex_uploader_posts_to_this_instance_and_asks_for_a_token_when_private() {
    let app = spawn_app();
    let res = app.get("/sharex.sxcu", None);
    assert_eq!(res.status(), Status::Ok);
    assert!(header(&res, "Content-Disposition").starts_with("attachment; filename=\"sho.rt.sxcu\""));
    let file: serde_json::Value = serde_json::from_str(&res.into_string().unwrap()).unwrap();
    assert_eq!(file["DestinationType"], "URLShortener");
    assert_eq!(file["RequestURL"], "http://sho.rt/url");
    assert_eq!(file["Arguments"]["target_url"], "{input}");
    assert_eq!(file["URL"], "{json:url}");
    assert!(file["Headers"].get("Authorization").is_none());
    let home = app.get("/", Some(BROWSER)).into_string().unwrap();
    assert!(home.contains(r#"href="/sharex.sxcu""#));

    let private = spawn_app_with(|f| f.merge(("private", true)));
    let res = private.get("/sharex.sxcu", None);
    let file: serde_json::Value = serde_json::from_str(&res.into_string().unwrap()).unwrap();
    assert_eq!(
        file["Headers"]["Authorization"],
        "Bearer YOUR-CREATOR-TOKEN"
    );
}

#[test]
fn the_uploaders_request_creates_a_link_as_sharex_sends_it() {
    let app = spawn_app();
    let res = app
        .client
        .post("/url")
        .header(rocket::http::ContentType::Form)
        .header(rocket::http::Accept::JSON)
        .body("target_url=https%3A%2F%2Fexample.com%2Ffrom-sharex")
        .dispatch();
    assert_eq!(res.status(), Status::Created);
    let info: serde_json::Value = serde_json::from_str(&res.into_string().unwrap()).unwrap();
    assert!(info["url"].as_str().unwrap().starts_with("http://sho.rt/"));
    assert!(info["admin_url"]
        .as_str()
        .unwrap()
        .starts_with("http://sho.rt/admin/"));
}
