//! Owners change where a link goes: `PATCH` in JSON or the admin page's form, with
//! creation's rules; clicks and limits stay, and no cache keeps the old target.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::{detail, header, spawn_app, BROWSER};

#[test]
fn patch_changes_the_target_and_keeps_the_clicks() {
    let app = spawn_app();
    let link = app.seed("https://example.com/old");
    for _ in 0..2 {
        assert_eq!(
            header(&app.get(&link.path(), None), "Location"),
            "https://example.com/old"
        );
    }

    let res = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "target_url": "https://example.org/new" }),
    );

    assert_eq!(res.status(), Status::Ok);
    let info: serde_json::Value = res.into_json().unwrap();
    assert_eq!(info["target_url"], "https://example.org/new");
    assert_eq!(info["clicks"], 2);
    assert_eq!(info["admin_url"], link.0["admin_url"]);
    let next = app.get(&link.path(), None);
    assert_eq!(
        header(&next, "Location"),
        "https://example.org/new",
        "no stale cache"
    );
    let (_, after) = app.get_json(&link.admin_path());
    assert_eq!(after["clicks"], 3);
}

#[test]
fn the_admin_pages_form_changes_the_target_in_any_field_order() {
    let app = spawn_app();
    let link = app.seed("https://example.com/old");
    app.get(&link.path(), None);

    for (n, body) in [
        "_method=PATCH&target_url=https%3A%2F%2Fexample.org%2Fone",
        "target_url=https%3A%2F%2Fexample.org%2Ftwo&_method=patch",
    ]
    .iter()
    .enumerate()
    {
        let res = app.post_form(&link.admin_path(), body);
        assert_eq!(res.status(), Status::SeeOther, "{body}");
        assert_eq!(header(&res, "Location"), link.admin_path());
        let expected = ["https://example.org/one", "https://example.org/two"][n];
        assert_eq!(header(&app.get(&link.path(), None), "Location"), expected);
    }
    let page = app.post_form(
        &link.admin_path(),
        "_method=PATCH&target_url=https%3A%2F%2Fexample.org%2Fthree",
    );
    let admin = header(&page, "Location").to_owned();
    let html = app.get(&admin, Some(BROWSER)).into_string().unwrap();
    assert!(html.contains("Saved: the link now goes to the new address."));
}

#[test]
fn an_invalid_new_target_is_refused_and_nothing_changes() {
    let app = spawn_app();
    let link = app.seed("https://example.com/keep");

    let res = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "target_url": "javascript:alert(1)" }),
    );
    assert_eq!(res.status(), Status::BadRequest);
    assert!(detail(res).starts_with("Your provided URL is not valid"));
    for body in [
        json!({}),
        json!({ "target_url": 42 }),
        json!(["https://example.org/"]),
    ] {
        let res = app.send_json(Method::Patch, &link.admin_path(), body.clone());
        assert_eq!(res.status(), Status::UnprocessableEntity, "{body}");
    }
    let res = app.post_form(
        &link.admin_path(),
        "_method=PATCH&target_url=http%3A%2F%2Fsho.rt%2Floop",
    );
    assert_eq!(res.status(), Status::BadRequest);
    let html = res.into_string().unwrap();
    assert!(html.contains(r#"aria-describedby="new_target-error""#));
    assert!(html.contains("it points back to this shortener"));
    assert!(
        html.contains(r#"value="http://sho.rt/loop""#),
        "what was typed comes back"
    );

    assert_eq!(
        header(&app.get(&link.path(), None), "Location"),
        "https://example.com/keep"
    );
}

#[test]
fn an_edited_link_keeps_its_expiry_limit_and_password() {
    let app = spawn_app();
    app.set_clock("2026-11-28T10:00:00Z");
    let link = app.seed_with(json!({
        "target_url": "https://example.com/",
        "expires_at": "2026-12-01T00:00:00Z",
        "max_clicks": 5,
        "password": "hunter22",
    }));

    let res = app.send_json(
        Method::Patch,
        &link.admin_path(),
        json!({ "target_url": "https://example.org/" }),
    );

    let info: serde_json::Value = res.into_json().unwrap();
    assert_eq!(info["expires_at"], "2026-12-01T00:00:00Z");
    assert_eq!(info["max_clicks"], 5);
    assert_eq!(info["password_protected"], true);
}

#[test]
fn unknown_or_deleted_links_cannot_be_edited() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let edit = json!({ "target_url": "https://example.org/" });
    let unknown = "/admin/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assert_eq!(
        app.send_json(Method::Patch, unknown, edit.clone()).status(),
        Status::NotFound
    );

    app.send_json(Method::Delete, &link.admin_path(), json!({}));

    assert_eq!(
        app.send_json(Method::Patch, &link.admin_path(), edit)
            .status(),
        Status::NotFound
    );
    assert_eq!(app.get(&link.path(), None).status(), Status::NotFound);
}

#[test]
fn a_burst_of_changes_to_one_link_is_refused_while_other_links_still_change() {
    let app = spawn_app();
    let (busy, quiet) = (
        app.seed("https://example.com/a"),
        app.seed("https://example.com/b"),
    );
    let edit = |n: usize| json!({ "target_url": format!("https://example.org/{n}") });

    // The attack: one owner's script rewrites its link as fast as it can.
    let statuses: Vec<Status> = (0..20)
        .map(|n| {
            app.send_json(Method::Patch, &busy.admin_path(), edit(n))
                .status()
        })
        .collect();

    assert_eq!(&statuses[..5], [Status::Ok; 5], "the burst is allowed");
    assert!(
        statuses[5..].iter().all(|s| *s == Status::TooManyRequests),
        "{statuses:?}"
    );
    let refused = app.send_json(Method::Patch, &busy.admin_path(), edit(99));
    assert_eq!(refused.status(), Status::TooManyRequests);
    let wait: u64 = header(&refused, "Retry-After")
        .parse()
        .expect("Retry-After seconds");
    assert!((1..=6).contains(&wait), "{wait}");
    assert!(detail(refused).starts_with("Too many changes to this link"));
    assert_eq!(
        header(&app.get(&busy.path(), None), "Location"),
        "https://example.org/4",
        "no refused change was made"
    );
    let deleted = app.send_json(Method::Delete, &busy.admin_path(), json!({}));
    assert_eq!(
        deleted.status(),
        Status::TooManyRequests,
        "deletes count too"
    );

    let other = app.send_json(Method::Patch, &quiet.admin_path(), edit(1));
    assert_eq!(
        other.status(),
        Status::Ok,
        "another secret has its own allowance"
    );
}

#[test]
fn the_admin_pages_form_says_when_changes_come_too_fast() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    let form = "_method=PATCH&target_url=https%3A%2F%2Fexample.org%2Fnew";
    for _ in 0..5 {
        assert_eq!(
            app.post_form(&link.admin_path(), form).status(),
            Status::SeeOther
        );
    }

    let res = app.post_form(&link.admin_path(), form);

    assert_eq!(res.status(), Status::TooManyRequests);
    assert!(!header(&res, "Retry-After").is_empty());
    let html = res.into_string().unwrap();
    assert!(html.contains("Too many changes to this link"), "{html}");
    assert!(
        html.contains(r#"value="https://example.org/new""#),
        "the page, with what was typed"
    );
    let delete = app.post_form(&link.admin_path(), "_method=DELETE");
    assert_eq!(delete.status(), Status::TooManyRequests);
    assert!(delete
        .into_string()
        .unwrap()
        .contains("Too many changes to this link"));
}
