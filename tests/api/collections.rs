//! Collections: one more secret URL over many links. Made from the home page or
//! JSON, links join at creation or by their admin URL, the list sorts, filters,
//! totals (pending clicks too), downloads as CSV and deactivates together; no
//! secret is stored in the clear.

use rocket::http::{ContentType, Header, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{detail, header, spawn_app, spawn_app_with, Link, TestApp, BASE, BROWSER};

/// Makes a collection named `name` over JSON; its URL's path (`/collection/<secret>`).
fn collection(app: &TestApp, name: &str) -> String {
    let res = app.send_json(Method::Post, "/collections", json!({ "name": name }));
    assert_eq!(res.status(), Status::Created);
    let body: Value = res.into_json().unwrap();
    assert_eq!(body["name"], name);
    assert_eq!(body["links"], json!([]));
    let url = body["url"].as_str().unwrap();
    url.strip_prefix(BASE).unwrap().to_owned()
}

/// The secret of a collection path.
fn secret_of(path: &str) -> &str {
    path.rsplit('/').next().unwrap()
}

/// A link made in the collection at `path`.
fn seed_in(app: &TestApp, path: &str, target: &str) -> Link {
    app.seed_with(json!({ "target_url": target, "collection": secret_of(path) }))
}

#[test]
fn a_collection_is_made_from_json_with_the_contracts_shape() {
    let app = spawn_app();
    let res = app.send_json(
        Method::Post,
        "/collections",
        json!({ "name": "  Spring campaign " }),
    );
    assert_eq!(res.status(), Status::Created);
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    let body: Value = res.into_json().unwrap();
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["links", "name", "url"]);
    assert_eq!(body["name"], "Spring campaign");
    let url = body["url"].as_str().unwrap();
    let secret = url
        .strip_prefix(&format!("{BASE}/collection/"))
        .expect("<base>/collection/<secret>");
    assert_eq!(secret.len(), 32);
    assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric()));

    let (status, page) = app.get_json(&format!("/collection/{secret}"));
    assert_eq!(status, Status::Ok);
    assert_eq!(page["name"], "Spring campaign");
    assert_eq!(page["url"], url);
    assert_eq!(page["clicks"], 0);
    assert_eq!(page["links"], json!([]));
    assert_eq!(page["history"].as_array().unwrap().len(), 30);
    let keys: Vec<&String> = page.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "clicks", "history", "links", "matching", "name", "next", "page", "pages", "previous",
            "total", "url"
        ]
    );
    assert_eq!(
        (&page["total"], &page["page"], &page["pages"]),
        (&json!(0), &json!(1), &json!(1))
    );
    assert_eq!(
        (&page["next"], &page["previous"]),
        (&Value::Null, &Value::Null)
    );

    let link = app.seed_with(json!({ "target_url": "https://example.com/", "collection": secret }));
    let (_, page) = app.get_json(&format!("/collection/{secret}"));
    assert_eq!(
        page["links"],
        json!([link.0]),
        "each link as the URLInfo its create answered"
    );
}

#[test]
fn the_home_pages_form_starts_a_collection_and_lands_on_its_page() {
    let app = spawn_app();
    let home = app.get("/", Some(BROWSER)).into_string().unwrap();
    assert!(home.contains(r#"action="/collections""#) && home.contains("Start a collection"));

    let res = app.post_form("/collections", "name=Launch+%3Cb%3Ebold%3C%2Fb%3E");
    assert_eq!(res.status(), Status::SeeOther);
    let page_path = header(&res, "Location").to_owned();
    assert!(page_path.starts_with("/collection/"), "{page_path}");
    let page = app.get(&page_path, Some(BROWSER));
    assert_eq!(page.status(), Status::Ok);
    assert_eq!(header(&page, "X-Robots-Tag"), "noindex");
    assert_eq!(header(&page, "Cache-Control"), "no-store");
    let html = page.into_string().unwrap();
    assert!(
        html.contains("Launch &#60;b&#62;bold&#60;/b&#62;"),
        "the name is escaped"
    );
    assert!(!html.contains("<b>bold</b>"));
    assert!(html.contains("Bookmark this page"), "greets its maker");
}

#[test]
fn names_that_are_empty_too_long_or_not_text_are_refused_in_both_representations() {
    let app = spawn_app();
    let long = "x".repeat(101);
    for body in [
        json!({}),
        json!({ "name": "" }),
        json!({ "name": "   " }),
        json!({ "name": long }),
        json!({ "name": 5 }),
        json!({ "name": null }),
        json!({ "name": "a\u{7}b" }),
    ] {
        let res = app.send_json(Method::Post, "/collections", body.clone());
        assert_eq!(res.status(), Status::UnprocessableEntity, "{body}");
        assert!(!detail(res).is_empty());
    }
    let res = app.post_form("/collections", "name=");
    assert_eq!(res.status(), Status::UnprocessableEntity);
    let html = res.into_string().unwrap();
    assert!(
        html.contains(r#"id="name-error""#),
        "the message beside the field"
    );
    let res = app
        .client
        .post("/collections")
        .header(ContentType::Plain)
        .body("name")
        .dispatch();
    assert_eq!(res.status(), Status::UnsupportedMediaType);
    assert_eq!(app.query_i64("select count(*) from collection"), 0);
}

#[test]
fn links_join_at_creation_in_json_and_from_the_collection_pages_form() {
    let app = spawn_app();
    let path = collection(&app, "Both ways");
    let first = seed_in(&app, &path, "https://example.com/json");
    let url = format!("{BASE}{path}");
    let form = format!(
        "target_url=https%3A%2F%2Fexample.com%2Fform&collection={}",
        url::form_urlencoded::byte_serialize(url.as_bytes()).collect::<String>()
    );
    let res = app.create_form(&form);
    assert_eq!(
        res.status(),
        Status::SeeOther,
        "the form takes the collection's URL too"
    );

    let (_, page) = app.get_json(&path);
    let links = page["links"].as_array().unwrap();
    assert_eq!(links.len(), 2);
    let targets: Vec<&str> = links
        .iter()
        .map(|l| l["target_url"].as_str().unwrap())
        .collect();
    assert!(
        targets.contains(&"https://example.com/json")
            && targets.contains(&"https://example.com/form")
    );
    let listed = links.iter().find(|l| l["url"] == first.0["url"]).unwrap();
    assert_eq!(
        listed["admin_url"], first.0["admin_url"],
        "the admin URL, opened from its seal"
    );
    assert_eq!(app.get_json(&first.admin_path()).0, Status::Ok);
    let html = app.get(&path, Some(BROWSER)).into_string().unwrap();
    assert!(
        html.contains(first.str("admin_url")),
        "each link with its admin link"
    );
}

#[test]
fn a_create_naming_an_unknown_or_malformed_collection_stores_nothing() {
    let app = spawn_app();
    let before = app.link_count();
    let unknown = app
        .create_json(json!({ "target_url": "https://example.com/", "collection": "A".repeat(32) }));
    assert_eq!(unknown.status(), Status::NotFound);
    assert_eq!(detail(unknown), "No collection has this secret");
    let bad =
        app.create_json(json!({ "target_url": "https://example.com/", "collection": "../../etc" }));
    assert_eq!(bad.status(), Status::UnprocessableEntity);
    let page = app.create_form(&format!(
        "target_url=https%3A%2F%2Fexample.com%2F&collection={}",
        "B".repeat(32)
    ));
    assert_eq!(page.status(), Status::NotFound);
    assert!(
        page.into_string()
            .unwrap()
            .contains("No collection has this secret"),
        "the form again, with why"
    );
    assert_eq!(app.link_count(), before);
}

#[test]
fn an_existing_link_joins_by_its_admin_url_and_a_wrong_one_is_refused() {
    let app = spawn_app();
    let path = collection(&app, "Later");
    let link = app.seed("https://example.com/older");
    let join = format!("{path}/links");

    for wrong in [
        format!("{BASE}/admin/{}", "Z".repeat(32)),
        "not an admin url".to_owned(),
    ] {
        let res = app.send_json(Method::Post, &join, json!({ "admin_url": wrong }));
        assert!(
            matches!(
                res.status(),
                Status::Forbidden | Status::UnprocessableEntity
            ),
            "{wrong}: {}",
            res.status()
        );
        let res = app.post_form(
            &join,
            &format!(
                "admin_url={}",
                url::form_urlencoded::byte_serialize(wrong.as_bytes()).collect::<String>()
            ),
        );
        assert!(res.status().code >= 400 && res.status().code < 500);
        let html = res.into_string().unwrap();
        assert!(
            html.contains(r#"id="admin_url-error""#),
            "the page again, with the message beside the field"
        );
    }
    assert_eq!(app.get_json(&path).1["links"], json!([]), "nothing joined");

    let res = app.send_json(
        Method::Post,
        &join,
        json!({ "admin_url": link.str("admin_url") }),
    );
    assert_eq!(res.status(), Status::Ok);
    let info: Value = res.into_json().unwrap();
    assert_eq!(info["url"], link.0["url"]);
    assert_eq!(info["admin_url"], link.0["admin_url"]);
    // Again, and by the form with the bare secret: still one entry.
    let secret = link.admin_path().rsplit('/').next().unwrap().to_owned();
    let res = app.post_form(&join, &format!("admin_url={secret}"));
    assert_eq!(res.status(), Status::SeeOther);
    assert_eq!(header(&res, "Location"), path);
    let (_, page) = app.get_json(&path);
    assert_eq!(page["links"].as_array().unwrap().len(), 1);
    assert_eq!(page["links"][0]["admin_url"], link.0["admin_url"]);
}

#[test]
fn the_list_sorts_by_date_or_clicks_and_filters_by_key_or_target() {
    let app = spawn_app();
    let path = collection(&app, "Sorted");
    let mut made = Vec::new();
    for (n, (target, clicks)) in [
        ("https://a.example/apples", 1),
        ("https://b.example/pears", 3),
        ("https://c.example/plums", 2),
    ]
    .into_iter()
    .enumerate()
    {
        app.set_clock(&format!("2026-11-2{}T12:00:00Z", n + 1));
        let link = seed_in(&app, &path, target);
        for _ in 0..clicks {
            app.get(&link.path(), None);
        }
        made.push(link);
    }
    let order = |query: &str| -> Vec<String> {
        let (status, page) = app.get_json(&format!("{path}{query}"));
        assert_eq!(status, Status::Ok, "{query}");
        page["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["target_url"].as_str().unwrap().to_owned())
            .collect()
    };
    // Ordered in SQL by the clicks written (pending ones are at most a second behind).
    app.flush_clicks();
    let newest = [
        "https://c.example/plums",
        "https://b.example/pears",
        "https://a.example/apples",
    ];
    assert_eq!(order(""), newest);
    assert_eq!(order("?sort=date"), newest);
    assert_eq!(
        order("?sort=clicks"),
        [
            "https://b.example/pears",
            "https://c.example/plums",
            "https://a.example/apples"
        ]
    );
    assert_eq!(order("?q=PEARS"), ["https://b.example/pears"]);
    assert_eq!(
        order(&format!("?q={}", made[0].key())),
        ["https://a.example/apples"]
    );
    assert_eq!(order("?q=nothing-like-it"), Vec::<String>::new());
    assert_eq!(
        order("?q=%25"),
        Vec::<String>::new(),
        "a filter's % and _ are literal"
    );
    assert_eq!(order("?q=_"), Vec::<String>::new());
    let (_, filtered) = app.get_json(&format!("{path}?q=plums"));
    assert_eq!(
        filtered["clicks"], 6,
        "totals stay those of the whole collection"
    );
    assert_eq!(
        app.get(&format!("{path}?sort=name"), Some("application/json"))
            .status(),
        Status::UnprocessableEntity
    );
    assert_eq!(
        app.get(&format!("{path}?sort="), Some("application/json"))
            .status(),
        Status::UnprocessableEntity
    );
    assert_eq!(
        app.get(&format!("{path}?days=8"), Some("application/json"))
            .status(),
        Status::UnprocessableEntity
    );
}

#[test]
fn totals_and_the_chart_add_up_the_links_clicks_pending_ones_too() {
    let app = spawn_app();
    app.set_clock("2026-11-20T12:00:00Z");
    let path = collection(&app, "Totals");
    let one = seed_in(&app, &path, "https://example.com/one");
    let two = seed_in(&app, &path, "https://example.com/two");
    let outside = app.seed("https://example.com/outside");
    for _ in 0..4 {
        app.get(&one.path(), None);
    }
    app.get(&outside.path(), None);
    app.flush_clicks();
    app.set_clock("2026-11-21T12:00:00Z");
    for _ in 0..3 {
        app.get(&two.path(), None);
    }
    // Not flushed: three clicks are still pending.
    let (_, page) = app.get_json(&format!("{path}?days=7"));
    assert_eq!(page["clicks"], 7);
    let sum: i64 = page["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["clicks"].as_i64().unwrap())
        .sum();
    assert_eq!(sum, 7);
    let days: Vec<(String, i64)> = page["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["day"].as_str().unwrap().to_owned(),
                d["clicks"].as_i64().unwrap(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(
        days,
        [("2026-11-20".to_owned(), 4), ("2026-11-21".to_owned(), 3)]
    );
    let html = app
        .get(&format!("{path}?days=7"), Some(BROWSER))
        .into_string()
        .unwrap();
    assert!(html.contains(r#"<svg class="chart""#) && html.contains(r#"data-clicks="4""#));
}

#[test]
fn the_csv_lists_every_link_with_its_numbers_and_admin_url() {
    let app = spawn_app();
    let path = collection(&app, "Export");
    let link = seed_in(&app, &path, "https://example.com/a,b?c=\"d\"");
    app.get(&link.path(), None);
    let res = app.get(&format!("{path}/links.csv"), None);
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::CSV));
    assert!(header(&res, "Content-Disposition").contains("links.csv"));
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    let body = res.into_string().unwrap();
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let heads: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        heads,
        [
            "key",
            "short_url",
            "target_url",
            "clicks",
            "created_at",
            "status",
            "admin_url",
            "title",
            "note"
        ]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    assert_eq!(&records[0][0], link.key());
    assert_eq!(
        &records[0][2],
        link.str("target_url"),
        "quotes and commas survive"
    );
    assert_eq!(&records[0][3], "1");
    assert_eq!(&records[0][5], "active");
    assert_eq!(&records[0][6], link.str("admin_url"));
    let unknown = app.get(&format!("/collection/{}/links.csv", "Q".repeat(32)), None);
    assert_eq!(unknown.status(), Status::NotFound);
}

#[test]
fn selected_links_are_deactivated_together_and_others_are_left_alone() {
    let app = spawn_app();
    let path = collection(&app, "Bulk");
    let links: Vec<Link> = (0..3)
        .map(|n| seed_in(&app, &path, &format!("https://example.com/{n}")))
        .collect();
    let stranger = app.seed("https://example.com/not-in-it");
    for link in &links {
        assert_eq!(
            app.get(&link.path(), None).status(),
            Status::TemporaryRedirect,
            "cached now"
        );
    }
    let res = app.send_json(
        Method::Post,
        &format!("{path}/deactivate"),
        json!({ "keys": [links[0].key(), stranger.key(), "no-such-key"] }),
    );
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(
        res.into_json::<Value>().unwrap(),
        json!({ "deactivated": [links[0].key()] })
    );
    assert_eq!(
        app.get(&links[0].path(), None).status(),
        Status::NotFound,
        "no cache keeps it"
    );
    assert_eq!(
        app.get(&stranger.path(), None).status(),
        Status::TemporaryRedirect,
        "not this collection's"
    );

    let form = format!("keys={}&keys={}", links[1].key(), links[2].key());
    let res = app.post_form(&format!("{path}/deactivate"), &form);
    assert_eq!(res.status(), Status::SeeOther);
    let html = app.get(&path, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains("Deactivated 2 link(s)"));
    for link in &links {
        assert_eq!(app.get(&link.path(), None).status(), Status::NotFound);
    }
    let (_, page) = app.get_json(&path);
    assert!(page["links"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["is_active"] == false));
    assert_eq!(
        app.send_json(
            Method::Post,
            &format!("{path}/deactivate"),
            json!({ "keys": "all" })
        )
        .status(),
        Status::UnprocessableEntity
    );
    let res = app.send_json(Method::Post, &format!("{path}/deactivate"), json!({}));
    assert_eq!(
        res.into_json::<Value>().unwrap(),
        json!({ "deactivated": [] }),
        "no keys: nothing"
    );
    let nothing = app.post_form(&format!("{path}/deactivate"), "");
    assert_eq!(
        nothing.status(),
        Status::SeeOther,
        "the form with nothing selected"
    );
    let html = app.get(&path, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains("No link was selected"));
}

#[test]
fn a_new_collection_secret_retires_the_old_url_and_keeps_the_admin_links() {
    let app = spawn_app();
    let path = collection(&app, "Leaked");
    let link = seed_in(&app, &path, "https://example.com/kept");
    let res = app.send_json(Method::Post, &format!("{path}/rotate"), json!({}));
    assert_eq!(res.status(), Status::Ok);
    let page: Value = res.into_json().unwrap();
    let new = page["url"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE)
        .unwrap()
        .to_owned();
    assert_ne!(new, path);
    assert_eq!(app.get_json(&path).0, Status::NotFound);
    assert_eq!(
        app.get(&format!("{path}/links.csv"), None).status(),
        Status::NotFound
    );
    let (status, after) = app.get_json(&new);
    assert_eq!(status, Status::Ok);
    assert_eq!(after["links"][0]["admin_url"], link.0["admin_url"]);

    let res = app
        .client
        .post(format!("{new}/rotate"))
        .header(Header::new("Accept", BROWSER))
        .dispatch();
    assert_eq!(res.status(), Status::SeeOther);
    let newer = header(&res, "Location").to_owned();
    let html = app.get(&newer, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains("new address"));
    assert_eq!(app.get_json(&new).0, Status::NotFound);
    assert_eq!(
        app.create_json(
            json!({ "target_url": "https://example.com/", "collection": secret_of(&path) })
        )
        .status(),
        Status::NotFound
    );
}

#[test]
fn no_secret_is_stored_in_the_clear() {
    let app = spawn_app();
    let path = collection(&app, "Sealed");
    let link = seed_in(&app, &path, "https://example.com/sealed");
    let admin = link.admin_path().rsplit('/').next().unwrap().to_owned();
    let secret = secret_of(&path).to_owned();
    // The database file and its write-ahead log, as a copy of the disk would hold them.
    let mut file = std::fs::read(&app.db_path).unwrap_or_default();
    file.extend(std::fs::read(app.db_path.with_extension("db-wal")).unwrap_or_default());
    let dump = String::from_utf8_lossy(&file);
    if crate::backend::on_sqlite() {
        assert!(
            dump.contains("https://example.com/sealed"),
            "the file is the database"
        );
    }
    assert!(!dump.contains(&admin) && !dump.contains(&secret));
    if !crate::backend::on_sqlite() {
        let hashed = app.query_i64(&format!(
            "select count(*) from collection where secret_hash = sha256('{secret}'::bytea)"
        ));
        assert_eq!(hashed, 1, "the collection's secret is kept as its SHA-256");
        let clear = app.query_i64(&format!(
            "select count(*) from link l join collection_link cl on cl.link_id = l.id \
             where position('{admin}'::bytea in l.vault_secret) > 0 or position('{admin}'::bytea in cl.sealed_key) > 0"
        ));
        assert_eq!(clear, 0);
    }
    let stored = app.query_i64(&format!(
        "select count(*) from collection_link cl join link l on l.id = cl.link_id where l.key = '{}'",
        link.key()
    ));
    assert_eq!(stored, 1);
}

#[test]
fn a_collection_of_a_thousand_links_pages_through_them_all_and_its_csv_has_every_one() {
    let app = spawn_app();
    let path = collection(&app, "Large");
    let secret = secret_of(&path);
    for chunk in 0..10 {
        let items: Vec<Value> = (0..100)
            .map(|n| json!({ "target_url": format!("https://example.com/{chunk}/{n}"), "collection": secret }))
            .collect();
        let res = app.create_json(Value::Array(items));
        assert_eq!(res.status(), Status::Ok);
    }
    let mut seen = std::collections::HashSet::new();
    let mut next = Some(format!("{BASE}{path}"));
    let mut pages = 0;
    while let Some(url) = next {
        let (status, page) = app.get_json(url.strip_prefix(BASE).unwrap());
        assert_eq!(status, Status::Ok);
        let links = page["links"].as_array().unwrap();
        assert_eq!(links.len(), 100, "{url}");
        assert!(links
            .iter()
            .all(|l| l["admin_url"].as_str().unwrap().len() > 32));
        seen.extend(links.iter().map(|l| l["url"].as_str().unwrap().to_owned()));
        assert_eq!(
            (&page["total"], &page["matching"], &page["pages"]),
            (&json!(1000), &json!(1000), &json!(10))
        );
        pages += 1;
        next = page["next"].as_str().map(str::to_owned);
    }
    assert_eq!(
        (pages, seen.len()),
        (10, 1000),
        "every link once, on ten pages"
    );
    let (_, last) = app.get_json(&format!("{path}?page=10"));
    assert_eq!(
        last["previous"],
        format!("{BASE}{path}?sort=date&days=30&q=&page=9")
    );
    let (_, beyond) = app.get_json(&format!("{path}?page=11"));
    assert_eq!(beyond["links"], json!([]));
    for bad in ["0", "-1", "x", "4294967296"] {
        let res = app.get(&format!("{path}?page={bad}"), Some("application/json"));
        assert_eq!(res.status(), Status::UnprocessableEntity, "page={bad}");
    }

    let html = app.get(&path, Some(BROWSER)).into_string().unwrap();
    assert_eq!(html.matches(r#"name="keys""#).count(), 100);
    assert!(html.contains("Page 1 of 10"));
    assert!(
        html.contains(r#"href="?sort=date&amp;days=30&amp;q=&amp;page=2" rel="next""#),
        "{html}"
    );

    let csv = app
        .get(&format!("{path}/links.csv"), None)
        .into_string()
        .unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 1001, "the header and every link");
    let keys: std::collections::HashSet<&str> = rows[1..]
        .iter()
        .map(|r| r.split(',').next().unwrap())
        .collect();
    assert_eq!(keys.len(), 1000);
}

#[test]
fn a_full_collection_refuses_one_more_link_and_stores_nothing() {
    let app = spawn_app_with(|f| f.merge(("collection_max_links", 2)));
    let path = collection(&app, "Small");
    let secret = secret_of(&path);
    for n in 0..2 {
        seed_in(&app, &path, &format!("https://example.com/{n}"));
    }
    let before = app.link_count();
    let res =
        app.create_json(json!({ "target_url": "https://example.com/more", "collection": secret }));
    assert_eq!(res.status(), Status::Conflict);
    assert!(detail(res).contains("at most 2 links"));
    assert_eq!(app.link_count(), before, "no link made outside it either");
    let other = app.seed("https://example.com/other");
    let res = app.send_json(
        Method::Post,
        &format!("{path}/links"),
        json!({ "admin_url": other.str("admin_url") }),
    );
    assert_eq!(res.status(), Status::Conflict);
    let (_, page) = app.get_json(&path);
    assert_eq!(page["total"], 2);
}
