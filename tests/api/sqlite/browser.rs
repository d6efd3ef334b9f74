//! The pages in a real browser: Debian's Chromium, driven through chromedriver by
//! fantoccini, against the real binary on a loopback port: every form, at desktop and
//! phone width, and create and delete by keyboard alone. Create through the form,
//! copy, follow to a target page served here, see the count go up, delete, and see a
//! refused URL's message beside its field.
//!
//! Compiled to run where chromedriver is on PATH (or SHORTENER_REQUIRE_BROWSER is set,
//! as CI does; see build.rs); elsewhere reported as ignored, never as passed. With
//! SHORTENER_SCREENSHOTS=<dir> the first test also saves screenshots of
//! the home, admin and error pages, light and dark, at desktop and phone widths.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::server::{free_port, Server};

/// chromedriver on a free port, stopped when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

pub fn start_driver() -> Option<Driver> {
    let program = find("chromedriver")?;
    let port = free_port();
    let child = Command::new(program)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver { child, port })
}

/// The name the browser reaches the app by, as a real instance has one.
pub const PUBLIC_NAME: &str = "sho.test";

/// What a person's Chromium says it is. Headless Chromium names itself `HeadlessChrome`,
/// which `humans_only` links rightly take for a machine.
pub const PERSON_USER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// A fresh headless Chromium session; `dark` asks pages for their dark theme.
pub async fn open_browser(driver: &Driver, profile: &Path, dark: bool) -> Client {
    open_browser_as(driver, profile, dark, None).await
}

/// A fresh headless Chromium session that sends `user_agent` when given.
pub async fn open_browser_as(
    driver: &Driver,
    profile: &Path,
    dark: bool,
    user_agent: Option<&str>,
) -> Client {
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-first-run".into(),
        "--hide-scrollbars".into(),
        // The app's public name: loopback targets are then not the app itself (a loop)
        // but landing pages on other ports.
        format!("--host-resolver-rules=MAP {PUBLIC_NAME} 127.0.0.1"),
        "--window-size=1000,900".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if dark {
        args.push("--blink-settings=preferredColorScheme=0".into());
    }
    if let Some(user_agent) = user_agent {
        args.push(format!("--user-agent={user_agent}"));
    }
    let mut options = json!({ "args": args });
    if let Some(chromium) = find("chromium") {
        options["binary"] = json!(chromium);
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

/// A page for short links to land on, on its own loopback port.
pub fn landing_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let path = request_line.split(' ').nth(1).unwrap_or("/").to_owned();
            let title = match path.as_str() {
                "/landing" => "Landing page".to_owned(),
                other => format!("Landing page {}", other.trim_start_matches('/')),
            };
            let page = format!("<!doctype html><title>{title}</title><h1>You made it</h1>");
            let mut stream = reader.into_inner();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    port
}

pub async fn text(browser: &Client, css: &str) -> String {
    let element = browser.wait().for_element(Locator::Css(css)).await;
    element.expect(css).text().await.expect("text")
}

/// The text of `css` once it satisfies `wanted` (pages load and scripts run meanwhile).
pub async fn text_when(browser: &Client, css: &str, wanted: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let found = match browser.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if wanted(&found) || started.elapsed() > Duration::from_secs(10) {
            return found;
        }
        rocket::tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[rocket::async_test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromedriver on PATH (apt-get install chromium chromium-driver)"
)]
async fn a_person_creates_copies_follows_counts_and_deletes_in_a_real_browser() {
    let (driver, dir, _server, base, browser) = browser_and_server().await;
    let target = format!("http://localhost:{}/landing", landing_server());

    browser.goto(&base).await.unwrap();
    let field = browser.find(Locator::Css("#target_url")).await.unwrap();
    field.send_keys(&target).await.unwrap();
    field.send_keys("\u{E007}").await.unwrap(); // Enter submits the form.
    assert_eq!(
        text(&browser, ".notice h1").await,
        "Your short link is ready"
    );
    let admin = browser.current_url().await.unwrap().to_string();
    assert!(admin.starts_with(&format!("{base}/admin/")), "{admin}");

    let copy = browser
        .find(Locator::Css("button[data-copy=short_url]"))
        .await
        .unwrap();
    copy.click().await.unwrap();
    let copied = text_when(&browser, "button[data-copy=short_url]", |t| t == "Copied").await;
    assert_eq!(copied, "Copied");
    let short = browser.find(Locator::Css("#short_url")).await.unwrap();
    let short = short.prop("value").await.unwrap().expect("the short URL");

    browser.goto(&short).await.unwrap();
    assert_eq!(browser.title().await.unwrap(), "Landing page");
    assert_eq!(browser.current_url().await.unwrap().as_str(), target);

    browser.goto(&admin).await.unwrap();
    browser.refresh().await.unwrap();
    assert_eq!(text(&browser, "dd.clicks").await, "1");

    browser
        .find(Locator::Css(".danger-zone summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .find(Locator::Css(".danger-zone button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let message = "Successfully deleted the short link.";
    let deleted = text_when(&browser, "main", |t| t.contains(message)).await;
    assert!(deleted.contains(message), "{deleted}");
    browser.goto(&short).await.unwrap();
    assert!(text(&browser, "main").await.contains("doesn't exist"));

    browser.goto(&base).await.unwrap();
    let field = browser.find(Locator::Css("#target_url")).await.unwrap();
    field.send_keys("ftp://example.com/file").await.unwrap();
    field.send_keys("\u{E007}").await.unwrap();
    assert_eq!(
        text(&browser, "#target_url-error").await,
        "Your provided URL is not valid: it must start with http:// or https://"
    );
    let described = browser.find(Locator::Css("#target_url")).await.unwrap();
    assert_eq!(
        described.attr("aria-describedby").await.unwrap().as_deref(),
        Some("target_url-error")
    );
    browser.close().await.unwrap();

    if let Some(out) = std::env::var_os("SHORTENER_SCREENSHOTS") {
        super::screenshots::take(&driver, dir.path(), &base, Path::new(&out)).await;
    }
}

/// Starts the binary and a browser.
pub async fn browser_and_server() -> (Driver, tempfile::TempDir, Server, String, Client) {
    let driver =
        start_driver().expect("chromedriver starts (apt-get install chromium chromium-driver)");
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let base = format!("http://{PUBLIC_NAME}:{port}");
    // The forms' tests type passwords more often than the default allowance lets a
    // person do in a few seconds; the allowance has tests of its own.
    let env = [
        ("ROCKET_BASE_URL", base.clone()),
        (
            "ROCKET_UNLOCK_RATE_LIMIT",
            "{per_minute=60,burst=20}".to_owned(),
        ),
    ];
    let server = Server::start(dir.path(), port, &env);
    let browser = open_browser(&driver, &dir.path().join("profile"), false).await;
    (driver, dir, server, base, browser)
}

/// Types `text` into the field `css` once the page shows it (a form's redirect may still be loading).
pub async fn fill(browser: &Client, css: &str, text: &str) {
    let field = browser
        .wait()
        .for_element(Locator::Css(css))
        .await
        .expect(css);
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Clicks `css` once the page shows it.
pub async fn click(browser: &Client, css: &str) {
    let element = browser
        .wait()
        .for_element(Locator::Css(css))
        .await
        .expect(css);
    element.click().await.unwrap();
}

/// The title of the page once it is `wanted` (after a form's redirects), or the last one seen.
pub async fn title_when(browser: &Client, wanted: &str) -> String {
    let started = Instant::now();
    loop {
        let title = browser.title().await.unwrap_or_default();
        if title == wanted || started.elapsed() > Duration::from_secs(10) {
            return title;
        }
        rocket::tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[rocket::async_test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromedriver on PATH (apt-get install chromium chromium-driver)"
)]
async fn the_bulk_edit_and_password_forms_work_at_desktop_and_phone_width() {
    let (_driver, _dir, _server, base, browser) = browser_and_server().await;
    let landing = format!("http://localhost:{}", landing_server());

    // Each form at desktop width, then at phone width.
    for width in [1000, 390] {
        browser.set_window_size(width, 900).await.unwrap();
        // Many at once: two lines, a table of two short links.
        browser.goto(&base).await.unwrap();
        fill(
            &browser,
            "#target_urls",
            &format!("{landing}/one\n{landing}/two"),
        )
        .await;
        click(&browser, "form:nth-of-type(2) button[type=submit]").await;
        let created = text(&browser, ".notice strong").await;
        assert_eq!(
            created,
            "2 of 2 created.",
            "{}",
            text(&browser, "main").await
        );
        let first = browser
            .find(Locator::Css(".results tbody tr td a"))
            .await
            .unwrap();
        let short = first.attr("href").await.unwrap().expect("a short link");
        browser.goto(&short).await.unwrap();
        assert_eq!(
            title_when(&browser, "Landing page one").await,
            "Landing page one"
        );

        // A protected link, made with the options of the create form.
        browser.goto(&base).await.unwrap();
        fill(&browser, "#target_url", &format!("{landing}/secret")).await;
        click(&browser, "details.options summary").await;
        fill(&browser, "#password", "correct horse").await;
        click(&browser, "form:nth-of-type(1) button[type=submit]").await;
        assert_eq!(
            text(&browser, ".notice h1").await,
            "Your short link is ready"
        );
        let admin = browser.current_url().await.unwrap().to_string();
        let short = browser.find(Locator::Css("#short_url")).await.unwrap();
        let short = short.prop("value").await.unwrap().expect("the short URL");

        // The visitor: a wrong password, the message beside the field, then the right
        // one, and the browser ends on the target page.
        browser.goto(&short).await.unwrap();
        fill(&browser, "#password", "wrong password").await;
        click(&browser, "form button[type=submit]").await;
        assert_eq!(text(&browser, "#password-error").await, "Wrong password");
        fill(&browser, "#password", "correct horse").await;
        click(&browser, "form button[type=submit]").await;
        assert_eq!(
            title_when(&browser, "Landing page secret").await,
            "Landing page secret"
        );
        assert_eq!(
            browser.current_url().await.unwrap().as_str(),
            format!("{landing}/secret")
        );

        // The owner points it elsewhere; the next visitor ends there.
        browser.goto(&admin).await.unwrap();
        click(&browser, "details.edit summary").await;
        fill(&browser, "#new_target", &format!("{landing}/moved")).await;
        click(&browser, "details.edit button[type=submit]").await;
        let shown = text_when(&browser, "main", |t| t.contains("/moved")).await;
        assert!(shown.contains(&format!("{landing}/moved")), "{shown}");
        assert_eq!(browser.current_url().await.unwrap().as_str(), admin);
        browser.goto(&short).await.unwrap();
        fill(&browser, "#password", "correct horse").await;
        click(&browser, "form button[type=submit]").await;
        assert_eq!(
            title_when(&browser, "Landing page moved").await,
            "Landing page moved",
            "{}",
            text(&browser, "main").await
        );

        // A refused edit: the message beside the field; the link still goes there.
        browser.goto(&admin).await.unwrap();
        click(&browser, "details.edit summary").await;
        fill(&browser, "#new_target", "ftp://example.com/file").await;
        click(&browser, "details.edit button[type=submit]").await;
        let message = text(&browser, "#new_target-error").await;
        assert!(
            message.contains("http:// or https://"),
            "at {width}: {message}"
        );
    }
    browser.close().await.unwrap();
}
