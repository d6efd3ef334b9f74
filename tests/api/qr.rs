//! QR codes of short links: inline on the admin page, and as SVG and PNG downloads
//! that decode back to exactly the short URL.

use rocket::http::{ContentType, Status};

use crate::helpers::{header, spawn_app, BROWSER};

/// The text a QR image holds, read with rqrr.
fn decode(image: image::GrayImage) -> String {
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("a readable QR code").1
}

/// Paints the `M{x} {y}h{w}v{h}...` rectangles that qrcode's SVG renderer writes.
fn rasterize(svg: &str) -> image::GrayImage {
    let number = |attr: &str| -> u32 {
        let start = svg.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
        svg[start..].split('"').next().unwrap().parse().unwrap()
    };
    let (width, height) = (number("width"), number("height"));
    let mut image = image::GrayImage::from_pixel(width, height, image::Luma([255]));
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    for rect in path.split('M').filter(|r| !r.is_empty()) {
        let nums: Vec<u32> = rect
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, w, h) = (nums[0], nums[1], nums[2], nums[3]);
        for py in y..y + h {
            for px in x..x + w {
                image.put_pixel(px, py, image::Luma([0]));
            }
        }
    }
    image
}

#[test]
fn the_png_decodes_to_the_short_url() {
    let app = spawn_app();
    let link = app.seed("https://example.com/print");

    let res = app.get(&format!("{}/qr.png", link.admin_path()), None);

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::PNG));
    assert_eq!(
        header(&res, "Content-Disposition"),
        format!("attachment; filename=\"{}.png\"", link.key())
    );
    assert_eq!(header(&res, "Cache-Control"), "no-store");
    let png = image::load_from_memory(&res.into_bytes().unwrap())
        .unwrap()
        .to_luma8();
    assert_eq!(decode(png), link.str("url"));
}

#[test]
fn the_svg_decodes_to_the_short_url() {
    let app = spawn_app();
    let link = app.seed("https://example.com/print");

    let res = app.get(&format!("{}/qr.svg", link.admin_path()), None);

    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::SVG));
    let svg = res.into_string().unwrap();
    assert_eq!(decode(rasterize(&svg)), link.str("url"));
}

#[test]
fn the_admin_page_shows_the_qr_code_and_its_downloads() {
    let app = spawn_app();
    let link = app.seed("https://example.com/print");

    let html = app
        .get(&link.admin_path(), Some(BROWSER))
        .into_string()
        .unwrap();

    let start = html.find("<svg xmlns").expect("an inline SVG");
    let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
    assert_eq!(decode(rasterize(&html[start..end])), link.str("url"));
    assert!(!html.contains("<?xml"));
    assert!(html.contains(&format!("href=\"{}/qr.png\"", link.str("admin_url"))));
    assert!(html.contains(&format!("href=\"{}/qr.svg\"", link.str("admin_url"))));
}

#[test]
fn qr_codes_of_unknown_or_deleted_links_are_not_found() {
    let app = spawn_app();
    let link = app.seed("https://example.com/");
    app.client.delete(link.admin_path()).dispatch();

    for path in [
        format!("{}/qr.png", link.admin_path()),
        "/admin/ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ/qr.svg".into(),
    ] {
        assert_eq!(app.get(&path, None).status(), Status::NotFound, "{path}");
    }
}
