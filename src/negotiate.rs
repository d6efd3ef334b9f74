//! HTML or JSON from the same route: `Format` decides, `Negotiated` renders.

use askama::Template;
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::content::RawHtml;
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use serde::Serialize;

/// The representation a request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
}

impl Format {
    /// JSON when `Accept` prefers it, or when `Accept` says nothing (absent or
    /// `*/*`) and the body was JSON; HTML otherwise.
    pub fn of(req: &Request<'_>) -> Format {
        // Not req.format(): for a POST that is the Content-Type.
        let preferred = req.accept().map(|accept| accept.preferred().media_type());
        match preferred {
            Some(media) if media.is_json() => Format::Json,
            Some(media) if !media.is_any() => Format::Html,
            _ if req.content_type().is_some_and(|ct| ct.is_json()) => Format::Json,
            _ => Format::Html,
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Format {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(Format::of(req))
    }
}

/// A view that is an askama page for browsers and the same struct as JSON for programs.
pub struct Negotiated<T>(pub T);

impl<'r, T: Template + Serialize> Responder<'r, 'static> for Negotiated<T> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        match Format::of(req) {
            Format::Json => Json(&self.0).respond_to(req),
            Format::Html => {
                let html = self.0.render().map_err(|e| {
                    rocket::error!("template error: {e}");
                    Status::InternalServerError
                })?;
                RawHtml(html).respond_to(req)
            }
        }
    }
}
