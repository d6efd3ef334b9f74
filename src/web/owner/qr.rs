//! The admin page's QR code as files to download: `/admin/<secret>/qr.svg` and `.png`.

use rocket::http::{ContentType, Header};
use rocket::response::Responder;
use rocket::{get, routes, Route, State};

use super::qr_code;
use crate::domain::keys::SecretKey;
use crate::error::{Error, Result};
use crate::service::Links;
use crate::settings::Settings;

pub fn routes() -> Vec<Route> {
    routes![qr_file]
}

/// A QR code file, named after the link's key.
#[derive(Responder)]
pub struct QrFile {
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

/// `qr.svg` or `qr.png`: the QR code of the link that `secret` opens, as a file.
#[utoipa::path(get, path = "/admin/{secret_key}/{file}", tag = "owners",
    summary = "The short link's QR code, to download",
    params(("secret_key" = String, Path), ("file" = String, Path, description = "qr.svg or qr.png")),
    responses(
        (status = 200, content((String = "image/svg+xml"), (Vec<u8> = "image/png"))),
        (status = 404, body = crate::web::respond::ErrorPage),
    ))]
#[get("/admin/<secret>/<file>")]
pub async fn qr_file(
    secret: Result<SecretKey, Error>,
    file: &str,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<QrFile> {
    let link = links.link(&secret?).await?;
    let url = settings.short_url(&link.key);
    let (content_type, body) = match file {
        "qr.svg" => (ContentType::SVG, qr_code::svg(&url)?.into_bytes()),
        "qr.png" => (ContentType::PNG, qr_code::png(&url)?),
        _ => return Err(Error::NotFound),
    };
    let name = format!("{}.{}", link.key, file.trim_start_matches("qr."));
    Ok(QrFile::new(content_type, body, name))
}
