//! A new secret when an admin URL leaks: `POST /admin/{secret}/rotate` answers the
//! link with its new admin URL; the old one answers 404 from then on, on every
//! instance; the link, its clicks and its stats link stay.

use rocket::http::{Header, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, BASE, BROWSER};

#[test]
fn rotating_gives_a_new_admin_url_and_retires_the_old_one() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/leaked");
    app.get(&link.path(), None);
    let old = link.admin_path();

    let res = app.send_json(Method::Post, &format!("{old}/rotate"), json!({}));
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    let info: Value = res.into_json().unwrap();
    let new = info["admin_url"].as_str().unwrap().strip_prefix(BASE).unwrap().to_owned();
    assert_ne!(new, old);
    assert_eq!(info["url"], link.0["url"]);
    assert_eq!(info["clicks"], 1);
    assert_eq!(info["stats_url"], link.0["stats_url"], "the stats link survives");

    for path in [old.clone(), format!("{old}/qr.svg")] {
        assert_eq!(app.get(&path, Some("application/json")).status(), Status::NotFound, "{path}");
    }
    let edit = app.send_json(Method::Patch, &old, json!({ "target_url": "https://evil.example/" }));
    assert_eq!(edit.status(), Status::NotFound);
    assert_eq!(app.client.delete(old.clone()).dispatch().status(), Status::NotFound);
    assert_eq!(app.send_json(Method::Post, &format!("{old}/rotate"), json!({})).status(), Status::NotFound);

    let (status, admin) = app.get_json(&new);
    assert_eq!(status, Status::Ok);
    assert_eq!(admin["clicks"], 1);
    assert_eq!(header(&app.get(&link.path(), None), "Location"), "https://example.com/leaked");
    let stats = link.str("stats_url").strip_prefix(BASE).unwrap().to_owned();
    assert_eq!(app.get_json(&stats).0, Status::Ok);
}

#[test]
fn the_admin_pages_button_lands_on_the_new_page_with_a_notice() {
    backend!();
    let app = spawn_app();
    let link = app.seed("https://example.com/button");
    let html = app.get(&link.admin_path(), Some(BROWSER)).into_string().unwrap();
    assert!(html.contains(&format!(r#"action="{}/rotate""#, link.str("admin_url"))));
    let res = app
        .client
        .post(format!("{}/rotate", link.admin_path()))
        .header(Header::new("Accept", BROWSER))
        .dispatch();
    assert_eq!(res.status(), Status::SeeOther);
    let new = header(&res, "Location").to_owned();
    assert!(new.starts_with("/admin/") && new != link.admin_path());
    let html = app.get(&new, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains("the old one no longer works"));
    let cross = app
        .client
        .post(format!("{new}/rotate"))
        .header(Header::new("Accept", BROWSER))
        .header(Header::new("Sec-Fetch-Site", "cross-site"))
        .dispatch();
    assert_eq!(cross.status(), Status::Forbidden, "another site cannot rotate it");
    assert_eq!(app.get_json(&new).0, Status::Ok);
}

#[test]
fn a_rotated_link_stays_listed_in_its_collection_with_the_new_admin_url() {
    backend!();
    let app = spawn_app();
    let res = app.send_json(Method::Post, "/collections", json!({ "name": "Kept" }));
    let collection: Value = res.into_json().unwrap();
    let path = collection["url"].as_str().unwrap().strip_prefix(BASE).unwrap().to_owned();
    let secret = path.rsplit('/').next().unwrap();
    let link = app.seed_with(json!({ "target_url": "https://example.com/in", "collection": secret }));
    let res = app.send_json(Method::Post, &format!("{}/rotate", link.admin_path()), json!({}));
    let info: Value = res.into_json().unwrap();
    let (_, page) = app.get_json(&path);
    assert_eq!(page["links"][0]["admin_url"], info["admin_url"]);
    assert_ne!(page["links"][0]["admin_url"], link.0["admin_url"]);
}
