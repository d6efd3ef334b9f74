//! Forms by keyboard alone and at phone width, in the same real Chromium as
//! `browser.rs` (and compiled to run under the same condition).

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::json;

use super::browser::{
    browser_and_server, click, fill, landing_server, text, text_when, title_when,
};

/// Tab until `css` has the focus (at most 40 presses); the focused element then.
async fn tab_to(browser: &Client, css: &str) -> Element {
    for _ in 0..40 {
        let focused = browser.active_element().await.unwrap();
        let here = browser
            .execute(
                "return document.activeElement.matches(arguments[0])",
                vec![json!(css)],
            )
            .await
            .unwrap();
        if here == json!(true) {
            return focused;
        }
        focused.send_keys("\u{E004}").await.unwrap(); // Tab
    }
    panic!("Tab never reached {css}");
}

/// Whether the focused element shows it has the focus (an outline drawn around it).
async fn focus_is_visible(browser: &Client) -> bool {
    let outline = browser
        .execute(
            "const s = getComputedStyle(document.activeElement); \
             return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0",
            vec![],
        )
        .await
        .unwrap();
    outline == json!(true)
}

#[rocket::async_test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromedriver on PATH (apt-get install chromium chromium-driver)"
)]
async fn the_forms_work_at_phone_width_and_create_and_delete_by_keyboard_alone() {
    let (_driver, _dir, _server, base, browser) = browser_and_server().await;
    let landing = format!("http://localhost:{}", landing_server());
    browser.set_window_size(390, 844).await.unwrap();

    // With options, on a phone: a custom key and a click limit.
    browser.goto(&base).await.unwrap();
    fill(&browser, "#target_url", &format!("{landing}/phone")).await;
    click(&browser, "details.options summary").await;
    fill(&browser, "#custom_key", "from-a-phone").await;
    fill(&browser, "#max_clicks", "5").await;
    click(&browser, "form:nth-of-type(1) button[type=submit]").await;
    assert_eq!(
        text(&browser, ".notice h1").await,
        "Your short link is ready"
    );
    let short = browser.find(Locator::Css("#short_url")).await.unwrap();
    let short = short.prop("value").await.unwrap().expect("the short URL");
    assert_eq!(short, format!("{base}/from-a-phone"));

    // An edit to a refused target: the message beside the field, the link unchanged.
    click(&browser, "details.edit summary").await;
    fill(&browser, "#new_target", "ftp://example.com/file").await;
    click(&browser, "details.edit button[type=submit]").await;
    let message = text(&browser, "#new_target-error").await;
    assert!(message.contains("http:// or https://"), "{message}");
    browser.goto(&short).await.unwrap();
    // A link with a click limit counts people only, and a headless browser says it
    // is one of the machines that are not: it gets the Continue page.
    let continue_page = "Continue to the link · Shortener";
    assert_eq!(title_when(&browser, continue_page).await, continue_page);

    // Keyboard alone, at both widths: Tab to the field, type, Tab to the button,
    // Enter; then Tab to the delete summary, Enter opens it, Tab, Enter deletes.
    for width in [390, 1000] {
        browser.set_window_size(width, 900).await.unwrap();
        browser.goto(&base).await.unwrap();
        let field = tab_to(&browser, "#target_url").await;
        assert!(
            focus_is_visible(&browser).await,
            "focus shown on the field at {width}"
        );
        field.send_keys(&format!("{landing}/keys")).await.unwrap();
        let submit = tab_to(&browser, "form:nth-of-type(1) button[type=submit]").await;
        assert!(
            focus_is_visible(&browser).await,
            "focus shown on the button at {width}"
        );
        submit.send_keys("\u{E007}").await.unwrap(); // Enter
        assert_eq!(
            text(&browser, ".notice h1").await,
            "Your short link is ready"
        );

        let summary = tab_to(&browser, ".danger-zone summary").await;
        assert!(
            focus_is_visible(&browser).await,
            "focus shown on the summary at {width}"
        );
        summary.send_keys("\u{E007}").await.unwrap();
        let confirm = tab_to(&browser, ".danger-zone button").await;
        assert!(
            focus_is_visible(&browser).await,
            "focus shown on delete at {width}"
        );
        confirm.send_keys("\u{E007}").await.unwrap();
        let done = "Successfully deleted the short link.";
        let deleted = text_when(&browser, "main", |t| t.contains(done)).await;
        assert!(deleted.contains(done), "at {width}: {deleted}");
    }
    browser.close().await.unwrap();
}
