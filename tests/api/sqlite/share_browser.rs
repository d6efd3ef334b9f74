//! Creating from anywhere in the same real Chromium as `browser.rs` (and compiled to
//! run under the same condition): a shared text fills in the form, the home page's
//! bookmarklet run on another site's page opens the form for that page, and the form
//! filled in this way creates the link only when submitted.

use fantoccini::{Client, Locator};
use serde_json::json;

use super::browser::{browser_and_server, click, landing_server, title_when};
use crate::server::admin_info;

/// The long-URL field's value once the home page shows it.
async fn long_url(browser: &Client) -> String {
    browser
        .wait()
        .for_element(Locator::Css("#target_url"))
        .await
        .expect("the long-URL field");
    let value = browser
        .execute("return document.getElementById('target_url').value", vec![])
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_owned()
}

#[rocket::async_test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromedriver on PATH (apt-get install chromium chromium-driver)"
)]
async fn a_share_and_the_bookmarklet_fill_in_the_form_and_only_submitting_creates() {
    let (_driver, _dir, _server, base, browser) = browser_and_server().await;
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();

    browser
        .goto(&format!(
            "{base}/?text=look%20https%3A%2F%2Fexample.com%2Fx"
        ))
        .await
        .unwrap();
    assert_eq!(long_url(&browser).await, "https://example.com/x");

    // A bookmarklet runs in the page the person is on: run its code there.
    browser.goto(&format!("{base}/")).await.unwrap();
    let mark = browser
        .wait()
        .for_element(Locator::Css("a.bookmarklet"))
        .await
        .expect("the bookmarklet")
        .attr("href")
        .await
        .unwrap()
        .expect("its href");
    let code = mark
        .strip_prefix("javascript:")
        .expect("a javascript: link");
    let landing = format!("http://localhost:{}/landing", landing_server());
    browser.goto(&landing).await.unwrap();
    assert_eq!(title_when(&browser, "Landing page").await, "Landing page");
    browser.execute(code, vec![]).await.unwrap();
    assert_eq!(long_url(&browser).await, landing);
    let made = browser
        .execute("return location.pathname + location.search", vec![])
        .await
        .unwrap();
    assert!(made.as_str().unwrap().starts_with("/?url="), "{made}");

    click(&browser, "form[action='/url'] button[type=submit]").await;
    browser
        .wait()
        .for_element(Locator::Css("#short_url"))
        .await
        .expect("the new link's admin page");
    let admin = browser.current_url().await.unwrap();
    let secret = admin.path().trim_start_matches("/admin/").to_owned();
    let info = admin_info(port, &secret);
    assert_eq!(info["target_url"], json!(landing));
}
