//! The operator's moderation page, behind a secret URL (`shortener moderation-url`):
//! links with open reports, most reported first, or a search by key or host; and the
//! operator's decision on one link (disable with a reason, enable, dismiss).

use crate::web::single::Single;
use askama::Template;
use rocket::form::Form;
use rocket::response::Redirect;
use rocket::serde::json::Json;
use rocket::{get, post, routes, Either, Route, State};
use serde::{Deserialize, Serialize};

use super::origin::SameOrigin;
use super::respond::{unsupported_body, Format, JsonObject, Negotiated, Page, Refusal};
use crate::domain::keys::SecretKey;
use crate::domain::report::{self, Reason};
use crate::domain::smart::destinations::Destination;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::service::{Asked, Links, Order, ReportedLink, Ruling};
use crate::settings::Settings;
use crate::web::filters;

pub fn routes() -> Vec<Route> {
    routes![page, decide_form, decide_json, decide_unsupported]
}

/// One link as the operator sees it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Moderated {
    key: String,
    url: String,
    target_url: String,
    created_at: String,
    clicks: i64,
    /// `null` unless the link is disabled.
    disabled_reason: Option<String>,
    /// The note of the creator token it was made with (private mode).
    token: Option<String>,
    /// Open reports in all: every one counted, though only the newest are kept.
    reports: i64,
    /// When the newest open report arrived; `null` when none.
    last_report_at: Option<String>,
    /// Open reports per reason.
    #[schema(value_type = std::collections::BTreeMap<String, i64>)]
    by_reason: serde_json::Map<String, serde_json::Value>,
    /// The newest texts sent with open reports.
    details: Vec<ReportText>,
    /// Every place the link can send a visitor: its own target (`default`) first,
    /// then each rule's (with its times), each variant's, and the one after expiry.
    destinations: Vec<Destination>,
    /// When visitors were last sent elsewhere: the owner's last change, or a time
    /// rule's start or end since then; `null`: never.
    target_changed_at: Option<String>,
    /// When a time rule will next send visitors elsewhere, with no edit; `null`: none.
    next_switch_at: Option<String>,
}

/// A text sent with a report.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReportText {
    reason: String,
    details: String,
    created_at: String,
}

/// The message naming the reason stored as `name` (`phishing`, ...) on this page.
fn reason_word(name: &str) -> Option<&'static str> {
    Reason::parse(name).map(|reason| match reason {
        Reason::Phishing => "moderate-reason-phishing",
        Reason::Malware => "moderate-reason-malware",
        Reason::Spam => "moderate-reason-spam",
        Reason::Illegal => "moderate-reason-illegal",
        Reason::Other => "moderate-reason-other",
    })
}

impl ReportText {
    /// The reason in words, when it is one of the reasons.
    fn reason_word(&self) -> Option<&'static str> {
        reason_word(&self.reason)
    }
}

impl Moderated {
    /// The places it sends visitors besides its own target.
    fn other_destinations(&self) -> impl Iterator<Item = &Destination> {
        self.destinations.iter().filter(|r| r.via != "default")
    }

    /// What sends visitors along `destination`, in words.
    fn via(&self, destination: &Destination) -> Text {
        super::destinations::via(destination)
    }

    /// The reasons with open reports, in words (a message id), and how many.
    fn open_reasons(&self) -> Vec<(&'static str, i64)> {
        self.by_reason
            .iter()
            .filter_map(|(name, n)| Some((reason_word(name)?, n.as_i64()?)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    fn new(reported: ReportedLink, settings: &Settings) -> Moderated {
        let link = reported.link;
        Moderated {
            destinations: reported.destinations,
            target_changed_at: reported.target_changed_at,
            next_switch_at: reported.next_switch_at,
            url: settings.short_url(&link.key),
            by_reason: reported
                .by_reason
                .iter()
                .map(|(r, n)| (r.as_str().to_owned(), (*n).into()))
                .collect(),
            details: reported
                .details
                .into_iter()
                .map(|r| ReportText {
                    reason: r.reason,
                    details: r.details.unwrap_or_default(),
                    created_at: r.created_at,
                })
                .collect(),
            key: link.key,
            target_url: link.target_url,
            created_at: link.created_at,
            clicks: link.clicks,
            disabled_reason: link.disabled_reason,
            token: link.token_note,
            reports: link.open_reports,
            last_report_at: Some(link.last_report).filter(|at| !at.is_empty()),
        }
    }
}

/// The moderation page; as JSON, its list.
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "moderate.html")]
#[schema(as = Moderation)]
pub struct ModeratePage {
    /// The search, if any (`?q=`): a key, or a host (its subdomains too).
    query: Option<String>,
    /// The order (`?sort=`): `reports` (most open reports first) or `newest` (the
    /// newest report first). A search lists the most reported first.
    sort: &'static str,
    /// This page's number (`?page=`, from 1).
    page: u32,
    /// The previous page's number, if any.
    previous_page: Option<u32>,
    /// The next page's number, when there may be more.
    next_page: Option<u32>,
    links: Vec<Moderated>,
    #[serde(skip)]
    #[schema(ignore)]
    action_base: String,
    /// A refused decision: the link's key and the message.
    #[serde(skip)]
    #[schema(ignore)]
    error: Option<(String, Text)>,
}

impl Page for ModeratePage {}

impl ModeratePage {
    /// The address of page `page` of this list (same search and order).
    fn page_href(&self, page: &u32) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(q) = &self.query {
            query.append_pair("q", q);
        }
        if self.sort != "reports" {
            query.append_pair("sort", self.sort);
        }
        query.append_pair("page", &page.to_string());
        format!("{}?{}", self.action_base, query.finish())
    }

    /// The message beside the disable form of `key`, if the refusal was about it.
    fn error_for(&self, key: &str) -> Option<&Text> {
        self.error
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, m)| m)
    }
}

/// What `?q=`, `?sort=` and `?page=` ask for; a sort or page it cannot be is refused.
fn asked(query: Option<String>, sort: Option<&str>, page: Option<&str>) -> Result<Asked> {
    let invalid = |field: &'static str, id: &'static str| Error::Invalid {
        field,
        message: Text::new(id),
    };
    let order = match sort.map(str::trim).unwrap_or_default() {
        "" | "reports" => Order::MostReported,
        "newest" => Order::Newest,
        _ => return Err(invalid("sort", "error-moderate-sort")),
    };
    let page = match page.map(str::trim).unwrap_or_default() {
        "" => 1,
        raw => raw
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| invalid("page", "error-moderate-page"))?,
    };
    let search = query.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty());
    Ok(Asked {
        search,
        order,
        page,
    })
}

async fn listing(
    links: &Links,
    settings: &Settings,
    secret: &SecretKey,
    asked: Asked,
) -> Result<ModeratePage> {
    let found = links.moderation(secret, &asked).await?;
    let page = asked.page.max(1);
    Ok(ModeratePage {
        sort: match (asked.order, &asked.search) {
            (Order::Newest, None) => "newest",
            _ => "reports",
        },
        query: asked.search,
        page,
        previous_page: page.checked_sub(1).filter(|n| *n >= 1),
        next_page: found.more.then(|| page.saturating_add(1)),
        links: found
            .links
            .into_iter()
            .map(|l| Moderated::new(l, settings))
            .collect(),
        action_base: format!("/moderate/{}", secret.as_str()),
        error: None,
    })
}

#[utoipa::path(get, path = "/moderate/{moderation_secret}", tag = "operators",
    summary = "Links with open reports, most reported first, or a search",
    params(("moderation_secret" = String, Path, description = "The moderation secret (`shortener moderation-url`)"),
        ("q" = Option<String>, Query, description = "A key, or a host (its subdomains too): every target a link can send visitors to is searched"),
        ("sort" = Option<String>, Query, description = "`reports` (most open reports first, the default) or `newest` (the newest report first)", pattern = "^(reports|newest)$"),
        ("page" = Option<u32>, Query, description = "Which page of the list, from 1", minimum = 1)),
    responses(
        (status = 200, description = "The list (HTML: with the buttons to disable, enable or dismiss)",
            content((ModeratePage = "application/json"), (String = "text/html"))),
        (status = 404, description = "Not the moderation secret", body = crate::web::respond::ErrorPage),
        (status = 422, description = "A sort or page it cannot be", body = crate::web::respond::ErrorPage),
    ))]
#[get("/moderate/<moderation_secret>?<q>&<sort>&<page>")]
pub async fn page(
    moderation_secret: Result<SecretKey, Error>,
    q: Option<String>,
    sort: Option<&str>,
    page: Option<&str>,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Negotiated<ModeratePage>> {
    let secret = moderation_secret?;
    let asked = asked(q, sort, page)?;
    Ok(Negotiated(listing(links, settings, &secret, asked).await?))
}

/// The operator's decision on one link.
#[derive(Debug, rocket::FromForm, Deserialize, utoipa::ToSchema)]
#[schema(as = ModerationDecision)]
pub struct DecisionBody {
    /// `disable`, `enable` or `dismiss`.
    #[schema(value_type = String, required = true, pattern = "^(disable|enable|dismiss)$")]
    #[serde(default)]
    action: Single,
    /// Required to disable (one line of 1 to 200 characters): visitors and the owner read it.
    #[schema(value_type = String, required = false, max_length = 200)]
    #[serde(default)]
    reason: Single,
}

impl DecisionBody {
    fn decision(&self) -> Result<Ruling> {
        match self.action.as_deref().map(str::trim) {
            Some("disable") => Ok(Ruling::Disable(report::disable_reason(
                self.reason.as_deref().unwrap_or(""),
            )?)),
            Some("enable") => Ok(Ruling::Enable),
            Some("dismiss") => Ok(Ruling::Dismiss),
            _ => Err(Error::Invalid {
                field: "action",
                message: crate::i18n::Text::new("error-moderate-action"),
            }),
        }
    }
}

/// What a decision answers with.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Decided)]
pub struct Decided {
    detail: String,
}

fn decided(key: &str, decision: &Ruling) -> Decided {
    let detail = match decision {
        Ruling::Disable(reason) => format!("Link {key} was disabled: {reason}"),
        Ruling::Enable => format!("Link {key} forwards again"),
        Ruling::Dismiss => format!("The reports on link {key} were dismissed"),
    };
    Decided { detail }
}

#[post(
    "/moderate/<moderation_secret>/<key>",
    format = "form",
    data = "<body>"
)]
async fn decide_form(
    _site: SameOrigin,
    moderation_secret: Result<SecretKey, Error>,
    key: &str,
    body: Option<Form<DecisionBody>>,
    format: Format,
    links: &State<Links>,
    settings: &State<Settings>,
) -> Result<Either<Redirect, Json<Decided>>, Refusal<ModeratePage>> {
    let secret = moderation_secret?;
    let body = body.map_or(
        DecisionBody {
            action: Single(None),
            reason: Single(None),
        },
        Form::into_inner,
    );
    let done = match body.decision() {
        Ok(decision) => links
            .moderate(&secret, key, &decision)
            .await
            .map(|()| decision),
        Err(e) => Err(e),
    };
    match done {
        Ok(decision) if format == Format::Json => Ok(Either::Right(Json(decided(key, &decision)))),
        Ok(_) => Ok(Either::Left(Redirect::to(format!(
            "/moderate/{}?q={key}",
            secret.as_str()
        )))),
        Err(error @ Error::Invalid { .. }) => {
            let asked = Asked {
                search: Some(key.to_owned()),
                ..Asked::default()
            };
            let mut page = listing(links, settings, &secret, asked).await?;
            page.error = Some((key.to_owned(), error.text()));
            Err(Refusal {
                error,
                page: Some(page),
            })
        }
        Err(error) => Err(error.into()),
    }
}

#[utoipa::path(post, path = "/moderate/{moderation_secret}/{key}", tag = "operators",
    summary = "Disable, enable, or dismiss the reports of a link",
    description = "Disabling needs a reason, which the link's visitors (410) and owner see. Every instance stops forwarding a disabled link within a second. Disabling closes its open reports too.",
    params(("moderation_secret" = String, Path, description = "The moderation secret"),
        ("key" = String, Path, description = "The link's short key")),
    request_body(content((DecisionBody = "application/json"), (DecisionBody = "application/x-www-form-urlencoded"))),
    responses(
        (status = 200, description = "Done (JSON)", body = Decided),
        (status = 303, description = "Done (HTML): back to the page, showing the link", headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = crate::web::respond::ErrorPage),
        (status = 403, description = "Sent from another site's page", body = crate::web::respond::ErrorPage),
        (status = 404, description = "Not the moderation secret, or no such link", body = crate::web::respond::ErrorPage),
        (status = 413, description = "Body too large", body = crate::web::respond::ErrorPage),
        (status = 415, description = "Neither JSON nor a form", body = crate::web::respond::ErrorPage),
        (status = 422, description = "No or an unknown action, or disabling without a reason", body = crate::web::respond::ErrorPage),
    ))]
#[post(
    "/moderate/<moderation_secret>/<key>",
    format = "json",
    data = "<body>"
)]
pub async fn decide_json(
    _site: SameOrigin,
    moderation_secret: Result<SecretKey, Error>,
    key: &str,
    body: Result<JsonObject<DecisionBody>, Error>,
    links: &State<Links>,
) -> Result<Json<Decided>> {
    let secret = moderation_secret?;
    let decision = body?.decision()?;
    links.moderate(&secret, key, &decision).await?;
    Ok(Json(decided(key, &decision)))
}

/// Any other body type (or none) on a decision.
#[post("/moderate/<_>/<_>", rank = 2)]
fn decide_unsupported() -> Error {
    unsupported_body("error-body-decision")
}
