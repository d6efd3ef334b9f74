//! QR codes of short links, for owners who share them in print.

use std::io::Cursor;

use image::{ImageFormat, Luma};
use qrcode::render::svg;
use qrcode::QrCode;

use crate::error::{Error, Result};

fn code(url: &str) -> Result<QrCode> {
    // A short URL is far below the QR limit; failing here means a misconfigured base_url.
    QrCode::new(url.as_bytes()).map_err(|_| Error::Unavailable)
}

/// The QR code of `url` as an SVG document (also inlined in the admin page).
pub fn svg(url: &str) -> Result<String> {
    let svg = code(url)?
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    Ok(svg)
}

/// The QR code of `url` as a PNG image.
pub fn png(url: &str) -> Result<Vec<u8>> {
    let image = code(url)?
        .render::<Luma<u8>>()
        .min_dimensions(256, 256)
        .build();
    let mut png = Cursor::new(Vec::new());
    image
        .write_to(&mut png, ImageFormat::Png)
        .map_err(|_| Error::Unavailable)?;
    Ok(png.into_inner())
}
