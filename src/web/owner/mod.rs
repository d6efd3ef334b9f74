//! The owner's pages, reached only through the secret key: the admin page here, its
//! changes (`changes`) and its QR code files (`qr`).

use rocket::request::FlashMessage;
use rocket::{get, routes, Route, State};

use super::respond::Negotiated;
use crate::domain::keys::SecretKey;
use crate::domain::window::Window;
use crate::error::{Error, Result};
use crate::service::Links;
use crate::settings::Settings;

mod bodies;
pub(super) mod changes;
pub(super) mod chart;
pub(super) mod counts;
pub(super) mod memberships;
pub(super) mod page;
pub(super) mod qr;
mod qr_code;
pub(super) mod rotate;

use page::AdminPage;

pub fn routes() -> Vec<Route> {
    let mut all = routes![show];
    all.extend(changes::routes());
    all.extend(qr::routes());
    all.extend(rotate::routes());
    all.extend(memberships::routes());
    all
}

#[utoipa::path(get, path = "/admin/{secret_key}", tag = "owners",
    summary = "The owner's view: URLInfo with click history and sources",
    params(
        ("secret_key" = String, Path, description = "The secret from admin_url"),
        ("days" = Option<u16>, Query, description = "History window: 7, 30 (default), 90 or 365"),
    ),
    responses(
        (status = 200, description = "The owner's page: clicks, history, sources, the edit and delete forms",
            content((AdminPage = "application/json"), (String = "text/html"))),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 422, description = "Another window", body = crate::web::respond::ErrorPage),
    ))]
#[get("/admin/<secret>?<days>")]
pub(super) async fn show(
    secret: Result<SecretKey, Error>,
    days: Option<&str>,
    flash: Option<FlashMessage<'_>>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Negotiated<AdminPage>> {
    let (secret, window) = (secret?, Window::parse(days)?);
    let view = links.admin(&secret, window).await?;
    let mut page = AdminPage::new(view, &secret, settings);
    page.flash = flash.map(|f| f.message().to_owned());
    Ok(Negotiated(page))
}
