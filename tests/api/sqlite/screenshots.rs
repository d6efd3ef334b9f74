//! The pictures in `docs/screenshots/`, taken by the first browser test when
//! SHORTENER_SCREENSHOTS names a folder.

use std::path::Path;

use serde_json::json;

use super::browser::{open_browser, Driver};

/// Home, admin, collection, stats and error pages, light and dark, at 1000 and 390
/// pixels wide; home and admin pages in German and French.
pub async fn take(driver: &Driver, dir: &Path, base: &str, out: &Path) {
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
    let stats = info["stats_url"].as_str().unwrap().to_owned();
    let collection = collection_of(base, &admin);
    for (theme, dark) in [("light", false), ("dark", true)] {
        let browser = open_browser(driver, &dir.join(format!("shots-{theme}")), dark).await;
        for (page, url) in [
            ("home", base.to_owned()),
            ("admin", admin.clone()),
            ("collection", collection.clone()),
            ("stats", stats.clone()),
            ("error", format!("{base}/no-such-link")),
        ] {
            for (size, width) in [("desktop", 1000), ("phone", 390)] {
                let png = whole_page(&browser, &url, width).await;
                std::fs::write(out.join(format!("{page}-{theme}-{size}.png")), png).unwrap();
            }
        }
        browser.close().await.unwrap();
    }
    // The home and admin pages in two languages besides English.
    let browser = open_browser(driver, &dir.join("shots-languages"), false).await;
    for lang in ["de", "fr"] {
        for (page, url) in [("home", format!("{base}/")), ("admin", admin.clone())] {
            let png = whole_page(&browser, &format!("{url}?lang={lang}"), 1000).await;
            std::fs::write(out.join(format!("{page}-{lang}-light-desktop.png")), png).unwrap();
        }
    }
    browser.close().await.unwrap();
}

/// `url` at `width` pixels, as tall as the page, as a PNG.
async fn whole_page(browser: &fantoccini::Client, url: &str, width: u32) -> Vec<u8> {
    browser.set_window_size(width, 900).await.unwrap();
    browser.goto(url).await.unwrap();
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
    browser.screenshot().await.unwrap()
}

/// A collection holding the link with admin URL `admin` and two more; its URL.
fn collection_of(base: &str, admin: &str) -> String {
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
    let json = [
        ("Content-Type", "application/json"),
        ("Accept", "application/json"),
    ];
    let send = |path: &str, body: serde_json::Value| {
        crate::server::send(port, "POST", path, &json, &body.to_string()).json()
    };
    let made = send("/collections", json!({ "name": "Spring posters" }));
    let url = made["url"].as_str().unwrap().to_owned();
    let path = &url[url.find("/collection/").unwrap()..];
    send(&format!("{path}/links"), json!({ "admin_url": admin }));
    for page in ["menu", "opening-hours"] {
        let target = format!("https://example.com/{page}");
        send("/url", json!({ "target_url": target, "collection": url }));
    }
    url
}
