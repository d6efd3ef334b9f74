//! Static files, compiled into the binary so it runs from any directory.

use rocket::http::{ContentType, Header};
use rocket::response::Responder;
use rocket::{get, routes, Route};

pub fn routes() -> Vec<Route> {
    routes![asset, favicon, robots, manifest]
}

/// A file from `static/` with a cache lifetime; browsers revalidate after an hour.
#[derive(Responder)]
struct Asset {
    body: (ContentType, &'static [u8]),
    cache: Header<'static>,
}

impl Asset {
    fn new(content_type: ContentType, body: &'static [u8]) -> Asset {
        Asset {
            body: (content_type, body),
            cache: Header::new("Cache-Control", "public, max-age=3600"),
        }
    }
}

#[get("/static/<name>")]
fn asset(name: &str) -> Option<Asset> {
    let (content_type, body): (ContentType, &'static [u8]) = match name {
        "style.css" => (ContentType::CSS, include_bytes!("../../static/style.css")),
        "app.js" => (
            ContentType::JavaScript,
            include_bytes!("../../static/app.js"),
        ),
        "favicon.svg" => (ContentType::SVG, include_bytes!("../../static/favicon.svg")),
        _ => return None,
    };
    Some(Asset::new(content_type, body))
}

#[get("/favicon.ico")]
fn favicon() -> Asset {
    Asset::new(ContentType::SVG, include_bytes!("../../static/favicon.svg"))
}

/// Keeps crawlers off owners' pages (which also send `X-Robots-Tag: noindex`).
#[get("/robots.txt")]
fn robots() -> (ContentType, &'static str) {
    (
        ContentType::Plain,
        "User-agent: *\nDisallow: /admin/\nDisallow: /moderate/\nDisallow: /report/\n",
    )
}

/// The web app manifest: installed as an app (on Android, from the browser's menu),
/// the site appears in the share sheet, and a shared page opens the home page's form
/// filled in (`GET /?url=&text=&title=`); nothing is created until the user submits.
#[get("/manifest.webmanifest")]
fn manifest() -> Asset {
    Asset::new(
        ContentType::new("application", "manifest+json"),
        MANIFEST.as_bytes(),
    )
}

const MANIFEST: &str = r##"{
  "name": "Shortener",
  "short_name": "Shortener",
  "description": "Paste a long URL and get a short link, plus a private page with its click count.",
  "id": "/",
  "start_url": "/",
  "scope": "/",
  "display": "standalone",
  "background_color": "#ffffff",
  "theme_color": "#2453c6",
  "icons": [
    { "src": "/static/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" }
  ],
  "share_target": {
    "action": "/",
    "method": "GET",
    "params": { "url": "url", "text": "text", "title": "title" }
  }
}
"##;
