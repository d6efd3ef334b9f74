//! App-link files: `/.well-known/apple-app-site-association` and
//! `/.well-known/assetlinks.json`, served from the operator's `well_known_dir` as
//! they are, so iOS and Android apps (the targets device rules send visitors to) may
//! open short links themselves. Never a redirect, never a key (keys hold no `.`).

use std::path::Path;

use rocket::http::{ContentType, Header};
use rocket::{get, routes, Responder, Route, State};

use crate::settings::Settings;

pub fn routes() -> Vec<Route> {
    routes![apple_app_site_association, assetlinks]
}

/// The largest file served: both formats are a few kilobytes.
const MAX_SIZE: u64 = 256 * 1024;

/// A file from `well_known_dir`, as JSON, cached by browsers and app stores for an hour.
#[derive(Responder)]
struct WellKnown {
    body: (ContentType, Vec<u8>),
    cache: Header<'static>,
}

/// Apple's file (universal links).
#[get("/.well-known/apple-app-site-association")]
async fn apple_app_site_association(settings: &State<Settings>) -> Option<WellKnown> {
    served(settings, "apple-app-site-association").await
}

/// Android's file (app links).
#[get("/.well-known/assetlinks.json")]
async fn assetlinks(settings: &State<Settings>) -> Option<WellKnown> {
    served(settings, "assetlinks.json").await
}

/// `name` from the operator's directory; `None` (404) without the setting, the file,
/// or when it is not a regular file of at most `MAX_SIZE` bytes.
async fn served(settings: &Settings, name: &str) -> Option<WellKnown> {
    let path = settings.well_known_dir.as_deref()?.join(name);
    let body = read(&path).await?;
    Some(WellKnown {
        body: (ContentType::JSON, body),
        cache: Header::new("Cache-Control", "public, max-age=3600"),
    })
}

async fn read(path: &Path) -> Option<Vec<u8>> {
    let meta = rocket::tokio::fs::metadata(path).await.ok()?;
    if !meta.is_file() || meta.len() > MAX_SIZE {
        return None;
    }
    rocket::tokio::fs::read(path).await.ok()
}
