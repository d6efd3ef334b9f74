//! A new secret when an admin URL leaks: `POST /admin/{secret}/rotate` answers the
//! link with its new admin URL; the old one answers 404 from then on, on every
//! instance; the link, its clicks and its stats link stay.

use rocket::http::{Header, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, spawn_app_with, BASE, BROWSER};

#[test]
fn rotating_gives_a_new_admin_url_and_retires_the_old_one() {
    let app = spawn_app();
    let link = app.seed("https://example.com/leaked");
    app.get(&link.path(), None);
    let old = link.admin_path();

    let res = app.send_json(Method::Post, &format!("{old}/rotate"), json!({}));
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    let info: Value = res.into_json().unwrap();
    let new = info["admin_url"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE)
        .unwrap()
        .to_owned();
    assert_ne!(new, old);
    assert_eq!(info["url"], link.0["url"]);
    assert_eq!(info["clicks"], 1);
    assert_eq!(
        info["stats_url"], link.0["stats_url"],
        "the stats link survives"
    );

    for path in [old.clone(), format!("{old}/qr.svg")] {
        assert_eq!(
            app.get(&path, Some("application/json")).status(),
            Status::NotFound,
            "{path}"
        );
    }
    let edit = app.send_json(
        Method::Patch,
        &old,
        json!({ "target_url": "https://evil.example/" }),
    );
    assert_eq!(edit.status(), Status::NotFound);
    assert_eq!(
        app.client.delete(old.clone()).dispatch().status(),
        Status::NotFound
    );
    assert_eq!(
        app.send_json(Method::Post, &format!("{old}/rotate"), json!({}))
            .status(),
        Status::NotFound
    );

    let (status, admin) = app.get_json(&new);
    assert_eq!(status, Status::Ok);
    assert_eq!(admin["clicks"], 1);
    assert_eq!(
        header(&app.get(&link.path(), None), "Location"),
        "https://example.com/leaked"
    );
    let stats = link.str("stats_url").strip_prefix(BASE).unwrap().to_owned();
    assert_eq!(app.get_json(&stats).0, Status::Ok);
}

#[test]
fn the_admin_pages_button_lands_on_the_new_page_with_a_notice() {
    let app = spawn_app();
    let link = app.seed("https://example.com/button");
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
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
    assert_eq!(
        cross.status(),
        Status::Forbidden,
        "another site cannot rotate it"
    );
    assert_eq!(app.get_json(&new).0, Status::Ok);
}

/// A new collection's page path and its secret.
fn collection(app: &crate::helpers::TestApp, name: &str) -> (String, String) {
    let res = app.send_json(Method::Post, "/collections", json!({ "name": name }));
    let page: Value = res.into_json().unwrap();
    let path = page["url"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE)
        .unwrap()
        .to_owned();
    let secret = path.rsplit('/').next().unwrap().to_owned();
    (path, secret)
}

/// The admin paths a collection's JSON page lists.
fn listed_admin_paths(app: &crate::helpers::TestApp, path: &str) -> Vec<String> {
    let (status, page) = app.get_json(path);
    assert_eq!(status, Status::Ok, "{path}");
    page["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["admin_url"].as_str())
        .map(|url| url.strip_prefix(BASE).unwrap().to_owned())
        .collect()
}

#[test]
fn a_rotated_link_leaves_every_collection_and_its_owner_can_add_it_again() {
    let app = spawn_app();
    let (path, secret) = collection(&app, "Kept");
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/in", "collection": secret }));
    let res = app.send_json(
        Method::Post,
        &format!("{}/rotate", link.admin_path()),
        json!({}),
    );
    let info: Value = res.into_json().unwrap();
    let (_, page) = app.get_json(&path);
    assert_eq!(
        page["links"],
        json!([]),
        "the rotated link left the collection"
    );
    let res = app.send_json(
        Method::Post,
        &format!("{path}/links"),
        json!({ "admin_url": info["admin_url"] }),
    );
    assert_eq!(res.status(), Status::Ok);
    let new = info["admin_url"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE)
        .unwrap()
        .to_owned();
    assert_eq!(listed_admin_paths(&app, &path), [new]);
}

#[test]
fn a_collection_that_joined_with_a_leaked_admin_url_opens_nothing_after_each_rotation() {
    let app = spawn_app();
    let link = app.seed("https://example.com/owner");
    let leaked = link.admin_path();
    let (attacker, _) = collection(&app, "Mine now");
    let res = app.send_json(
        Method::Post,
        &format!("{attacker}/links"),
        json!({ "admin_url": link.str("admin_url") }),
    );
    assert_eq!(
        res.status(),
        Status::Ok,
        "the attacker joins with the leaked URL"
    );

    let mut current = leaked;
    for round in 0..2 {
        let res = app.send_json(Method::Post, &format!("{current}/rotate"), json!({}));
        assert_eq!(res.status(), Status::Ok);
        let info: Value = res.into_json().unwrap();
        current = info["admin_url"]
            .as_str()
            .unwrap()
            .strip_prefix(BASE)
            .unwrap()
            .to_owned();
        let (_, page) = app.get_json(&attacker);
        assert_eq!(
            page["links"],
            json!([]),
            "round {round}: the attacker's collection lists nothing"
        );
        for path in listed_admin_paths(&app, &attacker) {
            let edit = app.send_json(
                Method::Patch,
                &path,
                json!({ "target_url": "https://evil.example/" }),
            );
            assert_eq!(edit.status(), Status::NotFound);
        }
    }
    assert_eq!(
        header(&app.get(&link.path(), None), "Location"),
        "https://example.com/owner"
    );
    assert_eq!(
        app.get_json(&current).0,
        Status::Ok,
        "the owner keeps the page"
    );
}

#[test]
fn rotating_a_leaked_collection_with_its_links_locks_out_a_shadow_copy() {
    let app = spawn_app_with(|f| f.merge(("owner_rate_limit.per_minute", 0)));
    let (owner, secret) = collection(&app, "Campaign");
    for i in 0..3 {
        app.seed_with(
            json!({ "target_url": format!("https://example.com/{i}"), "collection": secret }),
        );
    }
    // The collection's URL leaks: its page lists every admin URL, copied into a shadow.
    let leaked = listed_admin_paths(&app, &owner);
    assert_eq!(leaked.len(), 3);
    let (shadow, _) = collection(&app, "Shadow");
    for admin in &leaked {
        let res = app.send_json(
            Method::Post,
            &format!("{shadow}/links"),
            json!({ "admin_url": format!("{BASE}{admin}") }),
        );
        assert_eq!(res.status(), Status::Ok);
    }

    let res = app.send_json(
        Method::Post,
        &format!("{owner}/rotate?links=true"),
        json!({}),
    );
    assert_eq!(res.status(), Status::Ok);
    let page: Value = res.into_json().unwrap();
    let renewed = page["url"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE)
        .unwrap()
        .to_owned();
    assert_eq!(
        app.get_json(&owner).0,
        Status::NotFound,
        "the old collection URL is gone"
    );
    let fresh = listed_admin_paths(&app, &renewed);
    assert_eq!(
        fresh.len(),
        3,
        "the owner's collection lists every link, with new admin URLs"
    );
    for admin in &leaked {
        assert!(!fresh.contains(admin));
        assert_eq!(
            app.get_json(admin).0,
            Status::NotFound,
            "a leaked admin URL opens nothing"
        );
    }
    for admin in &fresh {
        assert_eq!(app.get_json(admin).0, Status::Ok);
    }
    let (_, copy) = app.get_json(&shadow);
    assert_eq!(
        copy["links"],
        json!([]),
        "the shadow collection lists nothing"
    );
}

#[test]
fn rotating_a_collection_without_its_links_keeps_their_admin_urls() {
    let app = spawn_app();
    let (owner, secret) = collection(&app, "Quiet");
    app.seed_with(json!({ "target_url": "https://example.com/q", "collection": secret }));
    let before = listed_admin_paths(&app, &owner);
    let res = app.send_json(
        Method::Post,
        &format!("{owner}/rotate?links=false"),
        json!({}),
    );
    let page: Value = res.into_json().unwrap();
    let renewed = page["url"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE)
        .unwrap()
        .to_owned();
    assert_eq!(listed_admin_paths(&app, &renewed), before);
    let bad = app.send_json(
        Method::Post,
        &format!("{renewed}/rotate?links=maybe"),
        json!({}),
    );
    assert_eq!(bad.status(), Status::UnprocessableEntity);
    assert_eq!(
        app.get_json(&renewed).0,
        Status::Ok,
        "a refused rotation changes nothing"
    );
}

#[test]
fn the_collection_page_offers_to_rotate_its_links_too() {
    let app = spawn_app();
    let (owner, _) = collection(&app, "Offer");
    let html = app.get(&owner, Some(BROWSER)).into_string().unwrap();
    assert!(
        html.contains(&format!(r#"action="{BASE}{owner}/rotate?links=true""#)),
        "{html}"
    );
    let res = app
        .client
        .post(format!("{owner}/rotate?links=true"))
        .header(Header::new("Accept", BROWSER))
        .dispatch();
    assert_eq!(res.status(), Status::SeeOther);
    let new = header(&res, "Location").to_owned();
    let html = app.get(&new, Some(BROWSER)).into_string().unwrap();
    assert!(
        html.contains("This collection has a new address, and 0 links in it"),
        "{html}"
    );
}

#[test]
fn the_admin_page_lists_its_collections_and_takes_the_link_out_of_one() {
    let app = spawn_app();
    let (mine, secret) = collection(&app, "Mine");
    let link =
        app.seed_with(json!({ "target_url": "https://example.com/m", "collection": secret }));
    let (theirs, _) = collection(&app, "Someone <else>");
    app.send_json(
        Method::Post,
        &format!("{theirs}/links"),
        json!({ "admin_url": link.str("admin_url") }),
    );

    let (_, admin) = app.get_json(&link.admin_path());
    let names: Vec<&str> = admin["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Mine", "Someone <else>"]);
    let theirs_id = admin["collections"][1]["id"].as_i64().unwrap();
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains("Someone &lt;else&gt;") || html.contains("Someone &#60;else&#62;"));
    let action = format!(
        r#"action="{}/collections/{theirs_id}""#,
        link.str("admin_url")
    );
    assert!(html.contains(&action), "{html}");

    // The page's button: a form post that Rocket reads as DELETE.
    let res = app
        .client
        .post(format!("{}/collections/{theirs_id}", link.admin_path()))
        .header(rocket::http::ContentType::Form)
        .header(Header::new("Accept", BROWSER))
        .body("_method=DELETE")
        .dispatch();
    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(header(&res, "Location"), link.admin_path());
    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains("taken out of that collection"));
    let (_, page) = app.get_json(&theirs);
    assert_eq!(
        page["links"],
        json!([]),
        "that collection no longer lists it"
    );
    assert_eq!(
        listed_admin_paths(&app, &mine).len(),
        1,
        "the other one still does"
    );

    let mine_id = admin["collections"][0]["id"].as_i64().unwrap();
    let path = format!("{}/collections/{mine_id}", link.admin_path());
    let res = app
        .client
        .delete(path.clone())
        .header(rocket::http::Accept::JSON)
        .dispatch();
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(
        res.into_json::<Value>().unwrap(),
        json!({ "collections": [] })
    );
    let again = app
        .client
        .delete(path)
        .header(rocket::http::Accept::JSON)
        .dispatch();
    assert_eq!(again.status(), Status::NotFound, "no longer in it");
    let cross = app
        .client
        .delete(format!("{}/collections/{mine_id}", link.admin_path()))
        .header(Header::new("Sec-Fetch-Site", "cross-site"))
        .dispatch();
    assert_eq!(cross.status(), Status::Forbidden);
}

#[rocket::async_test]
async fn a_join_with_the_old_secret_that_races_a_rotation_stores_nothing() {
    use rocket::http::{Accept, ContentType};
    use rocket::local::asynchronous::Client;

    let dir = tempfile::tempdir().unwrap();
    let figment = crate::helpers::figment(&dir.path().join("race.db"))
        .merge(("owner_rate_limit.per_minute", 0));
    let client = Client::tracked(shortener::build(figment)).await.unwrap();
    let post = |path: String, body: Value| {
        client
            .post(path)
            .header(ContentType::JSON)
            .header(Accept::JSON)
            .body(body.to_string())
            .dispatch()
    };
    for round in 0..5 {
        let res = post(
            "/url".into(),
            json!({ "target_url": format!("https://example.com/{round}") }),
        )
        .await;
        let link = crate::helpers::Link(res.into_json().await.unwrap());
        let mut collections = Vec::new();
        for i in 0..12 {
            let res = post("/collections".into(), json!({ "name": format!("c{i}") })).await;
            let page: Value = res.into_json().await.unwrap();
            collections.push(
                page["url"]
                    .as_str()
                    .unwrap()
                    .strip_prefix(BASE)
                    .unwrap()
                    .to_owned(),
            );
        }
        let joins = collections.iter().map(|c| {
            post(
                format!("{c}/links"),
                json!({ "admin_url": link.str("admin_url") }),
            )
        });
        let rotation = post(format!("{}/rotate", link.admin_path()), json!({}));
        let (_, rotated) = futures::join!(futures::future::join_all(joins), rotation);
        assert_eq!(rotated.status(), Status::Ok);
        for c in &collections {
            let res = client.get(c.clone()).header(Accept::JSON).dispatch().await;
            let page: Value = res.into_json().await.unwrap();
            assert_eq!(
                page["links"],
                json!([]),
                "round {round}: {c} kept a link it joined with the old secret"
            );
        }
    }
}

#[test]
fn rotating_between_changes_brings_no_fresh_allowance() {
    let app = spawn_app_with(|f| {
        f.merge(("owner_rate_limit.per_minute", 1))
            .merge(("owner_rate_limit.burst", 3))
    });
    let link = app.seed("https://example.com/a");
    let mut admin = link.admin_path();
    let mut statuses = Vec::new();
    for i in 0..6 {
        let res = app.send_json(
            Method::Patch,
            &admin,
            json!({ "target_url": format!("https://example.com/{i}") }),
        );
        statuses.push(res.status());
        let res = app.send_json(Method::Post, &format!("{admin}/rotate"), json!({}));
        if res.status() == Status::Ok {
            let info: Value = res.into_json().unwrap();
            admin = info["admin_url"]
                .as_str()
                .unwrap()
                .strip_prefix(BASE)
                .unwrap()
                .to_owned();
        } else {
            statuses.push(res.status());
        }
    }
    let allowed = statuses.iter().filter(|s| **s == Status::Ok).count();
    assert!(
        allowed <= 2,
        "three changes in all (edits and rotations), got {allowed} edits: {statuses:?}"
    );
    assert!(statuses.contains(&Status::TooManyRequests));
}
