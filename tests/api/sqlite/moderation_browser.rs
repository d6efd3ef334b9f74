//! A private, public-facing instance in a real browser: the home page asks for the
//! creator token, a visitor reports a link from its peek page, and the operator
//! disables it from the moderation page. Runs where the other browser tests run.

use fantoccini::Locator;

use super::browser::{
    click, fill, open_browser, start_driver, text, text_when, title_when, PUBLIC_NAME,
};
use crate::server::{free_port, run, stdout, Server};

#[rocket::async_test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromedriver on PATH (apt-get install chromium chromium-driver)"
)]
async fn the_token_prompt_the_report_form_and_the_moderation_page_work_in_a_real_browser() {
    let driver = start_driver().expect("chromedriver starts");
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let base = format!("http://{PUBLIC_NAME}:{port}");
    let env = [
        ("ROCKET_BASE_URL", base.clone()),
        ("ROCKET_PRIVATE", "true".to_owned()),
    ];
    let _server = Server::start(dir.path(), port, &env);
    let token = stdout(&run(dir.path(), &["tokens", "create", "--note", "Browser"]));
    let browser = open_browser(&driver, &dir.path().join("profile"), false).await;

    browser.goto(&base).await.unwrap();
    assert!(
        browser.find(Locator::Css("#target_url")).await.is_err(),
        "no create form yet"
    );
    fill(&browser, "#token", "not-a-token").await;
    click(&browser, "form[action='/token'] button").await;
    let refused = text(&browser, "#token-error").await;
    assert_eq!(
        refused,
        "This instance creates links only for people with a token"
    );
    fill(&browser, "#token", token.trim()).await;
    click(&browser, "form[action='/token'] button").await;
    fill(&browser, "#target_url", "https://example.com/suspicious").await;
    click(&browser, "form[action='/url'] button[type=submit]").await;
    assert_eq!(
        text(&browser, ".notice h1").await,
        "Your short link is ready"
    );
    let short = browser.find(Locator::Css("#short_url")).await.unwrap();
    let short = short.prop("value").await.unwrap().expect("the short URL");
    let key = short.rsplit('/').next().unwrap().to_owned();

    browser.goto(&format!("{base}/peek/{key}")).await.unwrap();
    click(&browser, "#reason-phishing").await;
    fill(&browser, "#details", "It asks for my bank password").await;
    click(&browser, "form.report button").await;
    assert_eq!(
        title_when(&browser, "Report received · Shortener").await,
        "Report received · Shortener"
    );

    let url = stdout(&run(dir.path(), &["moderation-url"]));
    let moderation = url.trim().replace("http://127.0.0.1", "http://unused");
    let path = moderation.split_once("/moderate/").unwrap().1;
    browser
        .goto(&format!("{base}/moderate/{path}"))
        .await
        .unwrap();
    let listed = text(&browser, "section.moderated").await;
    assert!(
        listed.contains(&key) && listed.contains("It asks for my bank password"),
        "{listed}"
    );
    assert!(
        listed.contains("Browser"),
        "the creator token's note: {listed}"
    );
    click(&browser, "section.moderated button.danger").await;
    let why = browser
        .find(Locator::Css("section.moderated input[name=reason]"))
        .await
        .unwrap();
    let message = why
        .prop("validationMessage")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        !message.is_empty(),
        "the browser asks for the required reason first"
    );
    let still = text(&browser, "section.moderated").await;
    assert!(still.contains("Forwarding"), "{still}");
    fill(&browser, "section.moderated input[name=reason]", "Phishing").await;
    click(&browser, "section.moderated button.danger").await;
    let state = text_when(&browser, "section.moderated", |t| {
        t.contains("Disabled: Phishing")
    })
    .await;
    assert!(state.contains("Disabled: Phishing"), "{state}");

    browser.goto(&short).await.unwrap();
    let page = text(&browser, "main").await;
    assert!(
        page.contains("This link was disabled by the operator of this site"),
        "{page}"
    );
    assert!(page.contains("Phishing"));
    browser.close().await.unwrap();
}
