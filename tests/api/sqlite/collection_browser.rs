//! Collections and rotation in a real browser: a collection started from the home
//! page, a link made from its page and counted there, links deactivated together,
//! and new secrets for a collection and an admin page. Runs where the other browser
//! tests run.

use fantoccini::{Client, Locator};

use super::browser::{
    browser_and_server, click, fill, landing_server, text, text_when, title_when,
};

/// The value of the read-only field `css` (the copyable URLs), once the page shows it.
async fn value(browser: &Client, css: &str) -> String {
    let field = browser
        .wait()
        .for_element(Locator::Css(css))
        .await
        .expect(css);
    field.prop("value").await.unwrap().expect(css)
}

#[rocket::async_test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromedriver on PATH (apt-get install chromium chromium-driver)"
)]
async fn a_collection_and_new_secrets_work_in_a_real_browser() {
    let (_driver, _dir, _server, base, browser) = browser_and_server().await;
    let landing = format!("http://localhost:{}", landing_server());

    browser.goto(&base).await.unwrap();
    fill(&browser, "#name", "Spring posters").await;
    click(&browser, "form[action='/collections'] button").await;
    let notice = text(&browser, ".notice").await;
    assert!(notice.contains("Bookmark this page"), "{notice}");
    assert_eq!(text(&browser, "h1").await, "Spring posters");
    let collection = value(&browser, "#collection_url").await;

    // A link made from the collection's page lands on its own admin page, and is listed.
    fill(&browser, "#target_url", &format!("{landing}/one")).await;
    click(&browser, "form[action='/url'] button").await;
    assert_eq!(
        text(&browser, ".notice h1").await,
        "Your short link is ready"
    );
    let short = value(&browser, "#short_url").await;
    let admin = value(&browser, "#admin_url").await;
    browser.goto(&short).await.unwrap();
    assert_eq!(
        title_when(&browser, "Landing page one").await,
        "Landing page one"
    );

    // The click shows in the list once written (once a second).
    let mut listed = String::new();
    for _ in 0..40 {
        browser.goto(&collection).await.unwrap();
        listed = text(&browser, "table.links tbody").await;
        if listed.contains(&format!("{landing}/one"))
            && text(&browser, ".facts .clicks").await == "1"
        {
            break;
        }
        rocket::tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(text(&browser, ".facts .clicks").await, "1", "{listed}");
    let open = browser
        .find(Locator::Css("table.links td a[href*='/admin/']"))
        .await
        .unwrap();
    assert_eq!(
        open.attr("href").await.unwrap().as_deref(),
        Some(admin.as_str())
    );

    // Deactivated from the list.
    click(&browser, "table.links input[name=keys]").await;
    click(&browser, "form[action$='/deactivate'] button.danger").await;
    let notice = text_when(&browser, ".notice", |t| t.contains("Deactivated")).await;
    assert!(notice.contains("Deactivated 1 link(s)"), "{notice}");
    assert_eq!(text(&browser, "table.links td.status").await, "deleted");

    // The collection gets a new address; the old one is gone.
    click(&browser, "details.danger-zone summary").await;
    click(&browser, "form[action$='/rotate'] button").await;
    let notice = text_when(&browser, ".notice", |t| t.contains("new address")).await;
    assert!(notice.contains("the old one no longer works"), "{notice}");
    let rotated = value(&browser, "#collection_url").await;
    assert_ne!(rotated, collection);
    browser.goto(&collection).await.unwrap();
    assert!(browser.title().await.unwrap().contains("Not Found"));

    // An admin page gets a new address the same way, after its confirmation.
    browser.goto(&base).await.unwrap();
    fill(&browser, "#target_url", &format!("{landing}/two")).await;
    click(&browser, "form[action='/url'] button[type=submit]").await;
    let old_admin = value(&browser, "#admin_url").await;
    let stats = value(&browser, "#stats_url").await;
    click(&browser, "details.rotate summary").await;
    click(&browser, "details.rotate button.danger").await;
    let notice = text_when(&browser, ".notice", |t| t.contains("new address")).await;
    assert!(notice.contains("Bookmark this one now"), "{notice}");
    assert_ne!(value(&browser, "#admin_url").await, old_admin);
    assert_eq!(
        value(&browser, "#stats_url").await,
        stats,
        "the stats link stays"
    );
    browser.goto(&old_admin).await.unwrap();
    assert!(browser.title().await.unwrap().contains("Not Found"));
    browser.goto(&stats).await.unwrap();
    assert!(text(&browser, "h1").await.starts_with("Clicks of"));
}
