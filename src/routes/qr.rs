//! The admin page's QR code as files to download: `/admin/<secret>/qr.svg` and `.png`.

use rocket::http::{ContentType, Header};
use rocket::response::Responder;
use rocket::{get, routes, Route, State};

use crate::batch::Batcher;
use crate::config::Settings;
use crate::creator::AdminLookup;
use crate::error::{Error, Result};
use crate::keys::SecretKey;
use crate::qr;

pub fn routes() -> Vec<Route> {
    routes![qr_svg, qr_png]
}

/// A QR code file, named after the link's key.
#[derive(Responder)]
struct QrFile {
    body: (ContentType, Vec<u8>),
    disposition: Header<'static>,
}

impl QrFile {
    fn new(content_type: ContentType, body: Vec<u8>, name: String) -> QrFile {
        let disposition = format!("attachment; filename=\"{name}\"");
        QrFile {
            body: (content_type, body),
            disposition: Header::new("Content-Disposition", disposition),
        }
    }
}

/// The short URL of the link that `secret` opens.
async fn short_url(
    secret: Result<SecretKey, Error>,
    reads: &Batcher<AdminLookup>,
    settings: &Settings,
) -> Result<(String, String)> {
    let link = reads.run(AdminLookup(secret?)).await?;
    Ok((settings.short_url(&link.key), link.key))
}

#[get("/admin/<secret>/qr.svg")]
async fn qr_svg(
    secret: Result<SecretKey, Error>,
    reads: &State<Batcher<AdminLookup>>,
    settings: &State<Settings>,
) -> Result<QrFile> {
    let (url, key) = short_url(secret, reads, settings).await?;
    Ok(QrFile::new(
        ContentType::SVG,
        qr::svg(&url)?.into_bytes(),
        format!("{key}.svg"),
    ))
}

#[get("/admin/<secret>/qr.png")]
async fn qr_png(
    secret: Result<SecretKey, Error>,
    reads: &State<Batcher<AdminLookup>>,
    settings: &State<Settings>,
) -> Result<QrFile> {
    let (url, key) = short_url(secret, reads, settings).await?;
    Ok(QrFile::new(
        ContentType::PNG,
        qr::png(&url)?,
        format!("{key}.png"),
    ))
}
