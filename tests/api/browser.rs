//! The pages in a real browser: Debian's Chromium, driven through chromedriver by
//! fantoccini, against the real binary on a loopback port. Create through the form,
//! copy, follow to a target page served here, see the count go up, delete, and see a
//! refused URL's message beside its field.
//!
//! Without chromedriver the test prints why and passes, unless SHORTENER_REQUIRE_BROWSER
//! is set (CI sets it). With SHORTENER_SCREENSHOTS=<dir> it also saves screenshots of
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
struct Driver {
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

fn start_driver() -> Option<Driver> {
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

/// A fresh headless Chromium session; `dark` asks pages for their dark theme.
async fn open_browser(driver: &Driver, profile: &Path, dark: bool) -> Client {
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-first-run".into(),
        "--hide-scrollbars".into(),
        "--window-size=1000,900".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if dark {
        args.push("--blink-settings=preferredColorScheme=0".into());
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
fn landing_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let page = "<!doctype html><title>Landing page</title><h1>You made it</h1>";
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

async fn text(browser: &Client, css: &str) -> String {
    let element = browser.wait().for_element(Locator::Css(css)).await;
    element.expect(css).text().await.expect("text")
}

/// The text of `css` once it satisfies `wanted` (pages load and scripts run meanwhile).
async fn text_when(browser: &Client, css: &str, wanted: impl Fn(&str) -> bool) -> String {
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
async fn a_person_creates_copies_follows_counts_and_deletes_in_a_real_browser() {
    backend!();
    let Some(driver) = start_driver() else {
        assert!(
            std::env::var_os("SHORTENER_REQUIRE_BROWSER").is_none(),
            "chromedriver is required here"
        );
        crate::backend::say("browser test skipped: chromedriver is not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _server = Server::start(dir.path(), port, &[]);
    let base = format!("http://127.0.0.1:{port}");
    // Another host than the shortener's own (127.0.0.1), which would be a loop.
    let target = format!("http://localhost:{}/landing", landing_server());
    let browser = open_browser(&driver, &dir.path().join("profile"), false).await;

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
        screenshots(&driver, dir.path(), &base, Path::new(&out)).await;
    }
}

/// Home, admin and error pages, light and dark, at 1000 and 390 pixels wide.
async fn screenshots(driver: &Driver, dir: &Path, base: &str, out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let reply = crate::server::send(
        base.rsplit(':').next().unwrap().parse().unwrap(),
        "POST",
        "/url",
        &[("Content-Type", "application/json")],
        &json!({ "target_url": "https://example.com/a/rather/long/address?with=query", "max_clicks": 100 }).to_string(),
    );
    let info = reply.json();
    for (n, host) in ["news.example.com", "news.example.com", "mail.example.org"]
        .iter()
        .enumerate()
    {
        let short = info["url"].as_str().unwrap();
        let path = &short[short.rfind('/').unwrap()..];
        let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
        let referer = format!("https://{host}/post/{n}");
        crate::server::send(port, "GET", path, &[("Referer", &referer)], "");
    }
    let admin = info["admin_url"].as_str().unwrap().to_owned();
    for (theme, dark) in [("light", false), ("dark", true)] {
        let browser = open_browser(driver, &dir.join(format!("shots-{theme}")), dark).await;
        for (page, url) in [
            ("home", base.to_owned()),
            ("admin", admin.clone()),
            ("error", format!("{base}/no-such-link")),
        ] {
            for (size, width) in [("desktop", 1000), ("phone", 390)] {
                browser.set_window_size(width, 900).await.unwrap();
                browser.goto(&url).await.unwrap();
                let height = browser
                    .execute("return document.documentElement.scrollHeight", vec![])
                    .await
                    .unwrap()
                    .as_u64()
                    .unwrap_or(900);
                browser
                    .set_window_size(width, height as u32 + 120)
                    .await
                    .unwrap();
                let png = browser.screenshot().await.unwrap();
                std::fs::write(out.join(format!("{page}-{theme}-{size}.png")), png).unwrap();
            }
        }
        browser.close().await.unwrap();
    }
}
