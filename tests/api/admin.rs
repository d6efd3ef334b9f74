//! The owner's page: `GET`/`DELETE /admin/<secret>` and the delete button.

use rocket::http::{ContentType, Header, Status};
use serde_json::Value;

use crate::helpers::{detail, header, spawn_app, BROWSER};

#[test]
fn the_admin_json_is_the_links_urlinfo() {
    let app = spawn_app();
    let link = app.seed("https://example.com/x");
    app.get(&link.path(), None);

    let (status, info) = app.get_json(&link.admin_path());

    assert_eq!(status, Status::Ok);
    assert_eq!(info["target_url"], "https://example.com/x");
    assert_eq!(info["clicks"], 1);
    assert_eq!(info["is_active"], true);
    assert_eq!(info["url"], link.0["url"]);
    assert_eq!(info["admin_url"], link.0["admin_url"]);
}

#[test]
fn the_admin_page_shows_everything_an_owner_needs() {
    let app = spawn_app();
    let link = app.seed("https://example.com/owner");

    let res = app.get(&link.admin_path(), Some(BROWSER));

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::HTML));
    let html = res.into_string().unwrap();
    assert!(
        html.contains(&format!(r#"value="{}""#, link.str("url"))),
        "short URL to copy"
    );
    assert!(
        html.contains(&format!(r#"value="{}""#, link.str("admin_url"))),
        "own URL to bookmark"
    );
    assert!(html.contains(r#"data-copy="short_url""#), "copy button");
    assert!(html.contains("https://example.com/owner"));
    assert!(html.contains(r#"<dd class="clicks">0</dd>"#));
    assert!(html.contains("<time datetime="));
    assert!(
        html.contains(r#"name="_method" value="DELETE""#),
        "delete button"
    );
    assert!(
        html.contains("<summary>Delete this link"),
        "delete asks first"
    );
}

#[test]
fn admin_responses_are_never_cached_referred_or_indexed() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");

    for accept in [Some("application/json"), Some(BROWSER), None] {
        let res = app.get(&link.admin_path(), accept);

        assert_eq!(header(&res, "Cache-Control"), "no-store");
        assert_eq!(header(&res, "Referrer-Policy"), "same-origin");
        assert_eq!(header(&res, "X-Robots-Tag"), "noindex");
    }
    let missing = app.get("/admin/ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", None);
    assert_eq!(missing.status(), Status::NotFound);
    assert_eq!(header(&missing, "Cache-Control"), "no-store");
}

#[test]
fn admin_protections_hold_however_the_path_is_spelled() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let secret = link.admin_path().rsplit('/').next().unwrap().to_owned();

    for path in [
        format!("//admin/{secret}"),
        format!("/%61dmin/{secret}"),
        format!("/adm%69n/{secret}"),
        format!("/admin//{secret}"),
        format!("/admin/{secret}/"),
    ] {
        let res = app.get(&path, Some("application/json"));
        assert_eq!(header(&res, "Cache-Control"), "no-store", "{path}");
        assert_eq!(header(&res, "Referrer-Policy"), "same-origin", "{path}");
        assert_eq!(header(&res, "X-Robots-Tag"), "noindex", "{path}");
    }
}

#[test]
fn deleting_with_json_deactivates_the_link() {
    let app = spawn_app();
    let link = app.seed("https://example.com/del");

    let res = app
        .client
        .delete(link.admin_path())
        .header(Header::new("Accept", "application/json"))
        .dispatch();

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(
        detail(res),
        "Successfully deleted shortened URL for 'https://example.com/del'"
    );
    assert_eq!(app.get_json(&link.admin_path()).0, Status::NotFound);
    assert_eq!(
        app.query_i64("select count(*) from link where not is_active"),
        1,
        "kept, not erased"
    );
}

#[test]
fn deleting_twice_is_not_found() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    app.client.delete(link.admin_path()).dispatch();

    let res = app
        .client
        .delete(link.admin_path())
        .header(Header::new("Accept", "application/json"))
        .dispatch();

    assert_eq!(res.status(), Status::NotFound);
}

#[test]
fn the_delete_button_leads_to_the_deleted_page() {
    let app = spawn_app();
    let link = app.seed("https://example.com/button");

    let res = app.post_form(&link.admin_path(), "_method=DELETE");

    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(header(&res, "Location"), "/deleted");
    let flash = res
        .cookies()
        .get("_flash")
        .expect("a flash cookie")
        .value()
        .to_owned();
    assert!(
        !flash.contains("example.com"),
        "the target stays out of the cookie: {flash}"
    );
    let page = app.get("/deleted", Some(BROWSER)).into_string().unwrap();
    assert!(
        page.contains("Successfully deleted the short link."),
        "{page}"
    );
    assert!(!page.contains("example.com/button"));
    assert_eq!(app.get(&link.path(), None).status(), Status::NotFound);
}

#[test]
fn the_delete_button_works_whatever_the_field_order() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");

    let res = app.post_form(&link.admin_path(), "confirm=yes&_method=delete");

    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(app.get(&link.path(), None).status(), Status::NotFound);
}

#[test]
fn a_post_to_the_admin_page_that_is_not_a_delete_changes_nothing() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");

    let res = app.post_form(&link.admin_path(), "_method=PUT");

    assert!(res.status().class().is_client_error(), "{}", res.status());
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );
}

#[test]
fn wrong_or_malformed_secrets_are_not_found() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let secret = link.admin_path().trim_start_matches("/admin/").to_owned();
    let mut wrong = secret.clone();
    wrong.replace_range(0..1, if secret.starts_with('a') { "b" } else { "a" });

    for path in [
        format!("/admin/{wrong}"),
        "/admin/short".into(),
        format!("/admin/{secret}x"),
        format!("/admin/{}", link.key()),
    ] {
        assert_eq!(app.get_json(&path).0, Status::NotFound, "{path}");
        let del = app.client.delete(path.clone()).dispatch();
        assert_eq!(del.status(), Status::NotFound, "{path}");
    }
    assert_eq!(
        app.get(&link.path(), None).status(),
        Status::TemporaryRedirect
    );
}

#[rocket::async_test]
async fn concurrent_admin_reads_each_get_their_own_link() {
    use rocket::http::Accept;
    use rocket::local::asynchronous::Client;

    let dir = tempfile::tempdir().unwrap();
    let figment = crate::helpers::figment(&dir.path().join("a.db"));
    let client = Client::tracked(shortener::build(figment)).await.unwrap();
    let mut admins = Vec::new();
    for i in 0..50 {
        let body =
            serde_json::json!({ "target_url": format!("https://example.com/{i}") }).to_string();
        let res = client
            .post("/url")
            .header(ContentType::JSON)
            .body(body)
            .dispatch()
            .await;
        admins.push(crate::helpers::Link(res.into_json().await.unwrap()).admin_path());
    }
    admins.push("/admin/ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ".into());
    let same = admins[0].clone();
    admins.extend(std::iter::repeat_n(same, 20));

    let reads = admins
        .iter()
        .map(|path| client.get(path.clone()).header(Accept::JSON).dispatch());
    let responses = futures::future::join_all(reads).await;

    for (i, res) in responses.into_iter().enumerate() {
        if i == 50 {
            assert_eq!(res.status(), Status::NotFound);
            continue;
        }
        assert_eq!(res.status(), Status::Ok, "read {i}");
        let info: Value = res.into_json().await.unwrap();
        let n = if i > 50 { 0 } else { i };
        assert_eq!(info["target_url"], format!("https://example.com/{n}"));
    }
}

#[rocket::async_test]
async fn one_link_read_with_two_windows_in_one_batch_gets_each_window() {
    use rocket::http::Accept;
    use rocket::local::asynchronous::Client;
    use time::macros::datetime;

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let figment = crate::helpers::figment(&db);
    let client = Client::tracked(shortener::build(figment)).await.unwrap();
    let body = serde_json::json!({ "target_url": "https://example.com/" }).to_string();
    let res = client
        .post("/url")
        .header(ContentType::JSON)
        .body(body)
        .dispatch()
        .await;
    let link = crate::helpers::Link(res.into_json().await.unwrap());
    shortener::testing::set_clock(client.rocket(), Some(datetime!(2026-11-18 12:00 UTC)));
    client.get(link.path()).dispatch().await;
    shortener::testing::set_clock(client.rocket(), Some(datetime!(2026-11-28 12:00 UTC)));
    client.get(link.path()).dispatch().await;
    // Written (by this flush, or already by the once-a-second one), so the pages read
    // them from the database rather than from memory.
    shortener::testing::flush_clicks(client.rocket())
        .await
        .unwrap();
    let stored: i64 = crate::helpers::query_scalar(&db, "select clicks from link");
    assert_eq!(stored, 2);

    let paths: Vec<String> = (0..20)
        .map(|i| format!("{}?days={}", link.admin_path(), [7, 30][i % 2]))
        .collect();
    let reads = paths
        .iter()
        .map(|path| client.get(path.clone()).header(Accept::JSON).dispatch());
    for (i, res) in futures::future::join_all(reads)
        .await
        .into_iter()
        .enumerate()
    {
        let info: Value = res.into_json().await.unwrap();
        let history = info["history"].as_array().unwrap();
        let busy: Vec<&str> = history
            .iter()
            .filter(|d| d["clicks"] != 0)
            .map(|d| d["day"].as_str().unwrap())
            .collect();
        match i % 2 {
            0 => assert_eq!((history.len(), busy), (7, vec!["2026-11-28"])),
            _ => assert_eq!(
                (history.len(), busy),
                (30, vec!["2026-11-18", "2026-11-28"])
            ),
        }
    }
}
