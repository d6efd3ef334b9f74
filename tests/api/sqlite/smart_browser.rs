//! A smart link made and followed in a real browser: the home form's rule rows
//! (with "add another" and no script), a one-time link that a headless browser, being
//! one of the machines it must not count, gets a Continue page for (and pressing it
//! counts nothing), while a person's browser goes straight through; the rule that
//! decided, its fallback after the end, and the counts on the admin page.

use fantoccini::Locator;

use super::browser::{
    browser_and_server, click, fill, landing_server, open_browser_as, text, text_when, title_when,
    PERSON_USER_AGENT,
};

#[rocket::async_test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromedriver on PATH (apt-get install chromium chromium-driver)"
)]
async fn a_one_time_smart_link_is_made_in_the_form_and_counts_a_person_not_a_headless_browser() {
    let (driver, dir, _server, base, browser) = browser_and_server().await;
    let landing = format!("http://localhost:{}", landing_server());

    browser.goto(&base).await.unwrap();
    fill(&browser, "#target_url", &format!("{landing}/default")).await;
    click(&browser, "details.options summary").await;
    fill(&browser, "#max_clicks", "1").await;
    click(&browser, "details.smart summary").await;
    fill(&browser, "#rule-0-query", "src=poster").await;
    fill(&browser, "#rule-0-target", &format!("{landing}/poster")).await;
    click(&browser, "button[name=more][value=rule]").await;
    // The form came back with what was typed and a third, empty row; nothing was made.
    let third = text_when(&browser, "fieldset.rules", |t| t.contains("Rule 3")).await;
    assert!(third.contains("Rule 3"), "{third}");
    let kept = browser.find(Locator::Css("#rule-0-query")).await.unwrap();
    assert_eq!(
        kept.prop("value").await.unwrap().as_deref(),
        Some("src=poster")
    );
    let url = browser.find(Locator::Css("#target_url")).await.unwrap();
    assert_eq!(
        url.prop("value").await.unwrap(),
        Some(format!("{landing}/default"))
    );
    fill(&browser, "#rule-2-language", "de").await;
    fill(&browser, "#rule-2-target", &format!("{landing}/german")).await;
    fill(&browser, "#expired_url", &format!("{landing}/over")).await;
    click(&browser, "form[action='/url'] button[type=submit]").await;
    assert_eq!(
        text(&browser, ".notice h1").await,
        "Your short link is ready"
    );
    let table = text(&browser, "table.choices").await;
    assert!(
        table.contains("?src=poster") && table.contains("language de"),
        "{table}"
    );
    let admin = browser.current_url().await.unwrap().to_string();
    let short = browser.find(Locator::Css("#short_url")).await.unwrap();
    let short = short.prop("value").await.unwrap().expect("the short URL");

    // A headless browser is not a person: the Continue page, and pressing it (as a
    // scanner that clicks would) gets the page again, nothing counted.
    browser.goto(&format!("{short}?src=poster")).await.unwrap();
    let continue_page = "Continue to the link · Shortener";
    assert_eq!(title_when(&browser, continue_page).await, continue_page);
    click(&browser, "form.continue button").await;
    assert_eq!(title_when(&browser, continue_page).await, continue_page);

    // A person's browser goes straight to where the rule sends it, counted.
    let person_profile = dir.path().join("person");
    let person = open_browser_as(&driver, &person_profile, false, Some(PERSON_USER_AGENT)).await;
    person.goto(&format!("{short}?src=poster")).await.unwrap();
    assert_eq!(
        title_when(&person, "Landing page poster").await,
        "Landing page poster"
    );

    // Its one click is used: from now on it leads to the fallback, uncounted.
    person.goto(&format!("{short}?src=poster")).await.unwrap();
    assert_eq!(
        title_when(&person, "Landing page over").await,
        "Landing page over"
    );
    person.close().await.unwrap();

    browser.goto(&admin).await.unwrap();
    let counted = text_when(&browser, "table.choices", |t| t.contains("poster 1")).await;
    assert!(counted.contains("poster 1"), "{counted}");
    let clicks = text(&browser, "dd.clicks").await;
    assert_eq!(clicks, "1");
    browser.close().await.unwrap();
}
