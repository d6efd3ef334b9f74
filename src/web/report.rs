//! Abuse reports from visitors: the "Report this link" form (on its own page and on
//! the peek page) and `POST /report/<key>`, as a form or JSON. Nothing about the
//! visitor is kept; the allowance per address is held in memory only.

use crate::web::single::Single;
use std::net::IpAddr;

use askama::Template;
use rocket::form::Form;
use rocket::http::Status;
use rocket::{get, post, routes, Route, State};
use serde::{Deserialize, Serialize};

use super::origin::SameOrigin;
use super::respond::{unsupported_body, JsonObject, Negotiated, Page, Refusal};
use crate::domain::keys::ShortKey;
use crate::domain::report::{self, Reason};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::service::Links;
use crate::settings::Settings;
use crate::web::filters;

pub fn routes() -> Vec<Route> {
    routes![form_page, report_form, report_json, report_unsupported]
}

/// The report form's fields, shown on the report page and the peek page.
#[derive(Debug, Clone, Default)]
pub struct ReportForm {
    /// Where it posts.
    pub action: String,
    /// What was typed, shown again around a refusal.
    pub reason: Option<Reason>,
    pub details: String,
    /// The refusal's field and message.
    pub error: Option<(Option<&'static str>, Text)>,
}

impl ReportForm {
    /// An empty form for the link `key`.
    pub fn new(key: &str) -> ReportForm {
        ReportForm {
            action: format!("/report/{key}"),
            ..ReportForm::default()
        }
    }

    /// Every reason with its label (a message id) and whether it is chosen, for the
    /// radio buttons.
    pub fn reasons(&self) -> Vec<(&'static str, &'static str, bool)> {
        Reason::ALL
            .into_iter()
            .map(|r| (r.as_str(), r.label(), self.reason == Some(r)))
            .collect()
    }

    /// The message beside `field`, if the refusal is about it.
    pub fn error_for(&self, field: &str) -> Option<&Text> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == Some(field))
            .map(|(_, m)| m)
    }

    /// The message about the form as a whole (too many reports, say).
    pub fn form_error(&self) -> Option<&Text> {
        self.error
            .as_ref()
            .filter(|(f, _)| f.is_none())
            .map(|(_, m)| m)
    }
}

/// The report page; as JSON, what may be sent.
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "report.html")]
#[schema(as = ReportTarget)]
pub struct ReportPage {
    /// The short link reported.
    url: String,
    /// The reasons `reason` may be.
    reasons: Vec<&'static str>,
    #[serde(skip)]
    #[schema(ignore)]
    report: ReportForm,
}

impl Page for ReportPage {}

impl ReportPage {
    fn new(key: &str, settings: &Settings, report: ReportForm) -> ReportPage {
        ReportPage {
            url: settings.short_url(key),
            reasons: Reason::ALL.into_iter().map(Reason::as_str).collect(),
            report,
        }
    }
}

#[utoipa::path(get, path = "/report/{key}", tag = "links", summary = "The form to report a link",
    params(("key" = String, Path, description = "The short key")),
    responses(
        (status = 200, description = "The report form (JSON: the link and the reasons it may be reported for)",
            content((ReportPage = "application/json"), (String = "text/html"))),
        (status = 404, description = "No such link", body = crate::web::respond::ErrorPage),
    ))]
#[get("/report/<key>")]
pub async fn form_page(
    key: Result<ShortKey, Error>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Negotiated<ReportPage>> {
    let key = key?;
    links.reportable(&key).await?;
    let form = ReportForm::new(key.as_str());
    Ok(Negotiated(ReportPage::new(key.as_str(), settings, form)))
}

/// A report: why, and optionally what the visitor saw.
#[derive(Debug, rocket::FromForm, Deserialize, utoipa::ToSchema)]
#[schema(as = Report)]
pub struct ReportBody {
    /// `phishing`, `malware`, `spam`, `illegal` or `other`.
    #[schema(value_type = String, required = true, pattern = "^(phishing|malware|spam|illegal|other)$")]
    #[serde(default)]
    reason: Single,
    /// What the visitor saw, at most 1,000 characters, without control characters
    /// other than line breaks and tabs.
    #[schema(value_type = String, required = false, max_length = 1000,
        pattern = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$")]
    #[serde(default)]
    details: Single,
}

/// The thanks for a report.
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "reported.html")]
#[schema(as = Received)]
pub struct Received {
    detail: &'static str,
}

/// The answer to a report, in JSON (the page says it as `report-received-thanks`).
const THANKS: &str = "Thank you. The report was received.";

#[post("/report/<key>", format = "form", data = "<body>")]
async fn report_form(
    _site: SameOrigin,
    key: Result<ShortKey, Error>,
    body: Option<Form<ReportBody>>,
    client: Option<IpAddr>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<(Status, Negotiated<Received>), Refusal<ReportPage>> {
    let body = body.map_or(
        ReportBody {
            reason: Single(None),
            details: Single(None),
        },
        Form::into_inner,
    );
    report(key?, body, client, links, settings).await
}

#[utoipa::path(post, path = "/report/{key}", tag = "links", summary = "Report a link to the operator",
    description = "Nothing about the sender is stored (no address, user agent or cookie). Reports are limited per client address (IPv6 per network prefix).",
    params(("key" = String, Path, description = "The short key")),
    request_body(content((ReportBody = "application/json"), (ReportBody = "application/x-www-form-urlencoded"))),
    responses(
        (status = 202, description = "Received (HTML: a thank-you page)",
            content((Received = "application/json"), (String = "text/html"))),
        (status = 400, description = "Malformed JSON", body = crate::web::respond::ErrorPage),
        (status = 403, description = "Sent from another site's page (Sec-Fetch-Site or Origin)", body = crate::web::respond::ErrorPage),
        (status = 404, description = "No such link", body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "No or an unknown reason, or details too long (HTML: the form again)", body = crate::web::respond::ErrorPage),
        (status = 429, description = "Too many reports from this address (Retry-After)", body = crate::web::respond::ErrorPage),
    ))]
#[post("/report/<key>", format = "json", data = "<body>")]
pub async fn report_json(
    _site: SameOrigin,
    key: Result<ShortKey, Error>,
    body: Result<JsonObject<ReportBody>, Error>,
    client: Option<IpAddr>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<(Status, Negotiated<Received>), Refusal<ReportPage>> {
    let key = key?;
    let body = body?.0;
    report(key, body, client, links, settings).await
}

/// Any other body type (or none) on `POST /report/<key>`.
#[post("/report/<_>", rank = 2)]
fn report_unsupported() -> Error {
    unsupported_body("error-body-report")
}

/// Checks the fields, then hands the report to the service; a refusal shows the
/// form again with what was typed.
async fn report(
    key: ShortKey,
    body: ReportBody,
    client: Option<IpAddr>,
    links: &Links,
    settings: &Settings,
) -> Result<(Status, Negotiated<Received>), Refusal<ReportPage>> {
    let reason = body
        .reason
        .as_deref()
        .map(str::trim)
        .and_then(Reason::parse);
    let checked = match (reason, report::details(body.details.as_deref())) {
        (None, _) => Err(Error::Invalid {
            field: "reason",
            message: crate::i18n::Text::new("error-report-reason"),
        }),
        (_, Err(e)) => Err(e),
        (Some(reason), Ok(details)) => Ok((reason, details)),
    };
    let sent = match checked {
        Ok((reason, details)) => links.report(&key, reason, details, client).await,
        Err(e) => Err(e),
    };
    match sent {
        Ok(()) => Ok((Status::Accepted, Negotiated(Received { detail: THANKS }))),
        Err(Error::NotFound) => Err(Error::NotFound.into()),
        Err(error) => {
            let form = ReportForm {
                reason,
                details: body.details.unwrap_or_default(),
                error: Some((error.field(), error.text())),
                ..ReportForm::new(key.as_str())
            };
            let page = ReportPage::new(key.as_str(), settings, form);
            Err(Refusal {
                error,
                page: Some(page),
            })
        }
    }
}
