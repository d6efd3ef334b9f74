//! Many links at once: a JSON array on `POST /url`, or the home page's "one URL per
//! line" box. Each item stands alone: one bad item does not fail the others.
//!
//! Each item counts against the client's create allowance, as if sent alone (a bulk
//! of passwords is as many argon2 hashes). The items the allowance does not cover are
//! not created and answer 429 in their place, with `Retry-After` on the response:
//! the allowance is used, not wasted, and a client that honours per-item statuses
//! resends just the rest (refusing the whole request would make any bulk larger than
//! the burst impossible forever).

use askama::Template;
use rocket::futures::future::join_all;
use rocket::http::{Header, Status};
use rocket::request::Request;
use rocket::response::{self, content::RawHtml, Responder};
use rocket::serde::json::Json;
use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use super::admin::UrlInfo;
use super::home::FormValues;
use super::link_form::LinkForm;
use super::links::{create_one, parse_item, Refused};
use crate::batch::Batcher;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::limit::Allowed;
use crate::links::NewLink;
use crate::negotiate::Format;

/// The most links one request may create.
pub const MAX_ITEMS: usize = 100;

/// One item's result: the link, or why it was refused (with the status it would get alone).
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum Outcome {
    Created(UrlInfo),
    Refused { detail: String, status: u16 },
}

/// A JSON array of create requests, answered in order.
pub async fn from_json(
    items: Vec<Value>,
    allowed: &Allowed<'_>,
    creates: &Batcher<NewLink>,
    settings: &Settings,
    now: OffsetDateTime,
) -> Result<Results> {
    count(items.len(), "target_url")?;
    let forms = items.into_iter().map(parse_item).collect();
    let (forms, retry_after) = ration(forms, allowed);
    Ok(Results {
        outcomes: create_all(forms, creates, settings, now).await,
        retry_after,
    })
}

/// Refuses the items beyond the client's allowance (the guard took one for the
/// first); `Some(seconds)` when any was refused.
fn ration(
    mut forms: Vec<Result<LinkForm>>,
    allowed: &Allowed<'_>,
) -> (Vec<Result<LinkForm>>, Option<u64>) {
    let (more, wait) = allowed.more(forms.len().saturating_sub(1));
    if let Some(seconds) = wait {
        for form in forms.iter_mut().skip(1 + more) {
            *form = Err(Error::RateLimited(seconds));
        }
    }
    (forms, wait)
}

/// The results of a JSON array, in order; `Retry-After` when the allowance cut it.
pub struct Results {
    outcomes: Vec<Outcome>,
    retry_after: Option<u64>,
}

impl<'r> Responder<'r, 'static> for Results {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let mut res = Json(self.outcomes).respond_to(req)?;
        set_retry_after(&mut res, self.retry_after);
        Ok(res)
    }
}

fn set_retry_after(res: &mut rocket::Response<'_>, seconds: Option<u64>) {
    if let Some(seconds) = seconds {
        res.set_raw_header("Retry-After", seconds.to_string());
    }
}

/// Every item validated and created concurrently (creates share a batch), in order.
async fn create_all(
    forms: Vec<Result<LinkForm>>,
    creates: &Batcher<NewLink>,
    settings: &Settings,
    now: OffsetDateTime,
) -> Vec<Outcome> {
    // The items' target checks share slots of this request's own, so one request
    // cannot make more than a few of them at once.
    let settings = &Settings {
        check: settings.check.for_request(),
        ..settings.clone()
    };
    let results = join_all(forms.into_iter().map(|form| async move {
        let form = form?;
        create_one(&form, creates, settings, now).await
    }))
    .await;
    results
        .into_iter()
        .map(|result| match result {
            Ok((link, secret)) => Outcome::Created(UrlInfo::new(link, &secret, settings)),
            Err(e) => Outcome::Refused {
                detail: e.to_string(),
                status: e.status().code,
            },
        })
        .collect()
}

/// Refuses an empty list or one over `MAX_ITEMS`.
fn count(n: usize, field: &'static str) -> Result<()> {
    match n {
        0 => Err(Error::Invalid {
            field,
            message: "Give at least one URL".into(),
        }),
        n if n > MAX_ITEMS => Err(Error::Invalid {
            field,
            message: format!("At most {MAX_ITEMS} links at once ({n} given)"),
        }),
        _ => Ok(()),
    }
}

/// The form's box: one URL per line, the other options applied to each.
pub async fn from_form(
    form: LinkForm,
    allowed: &Allowed<'_>,
    creates: &Batcher<NewLink>,
    settings: &Settings,
    now: OffsetDateTime,
) -> Result<BulkPage, Refused> {
    let lines: Vec<String> = form
        .target_urls
        .as_deref()
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    let refuse = |error| Refused {
        error,
        values: FormValues::from(form.clone()),
    };
    count(lines.len(), "target_urls").map_err(refuse)?;
    if form.custom_key.as_deref().is_some_and(|k| !k.is_empty()) {
        return Err(refuse(Error::Invalid {
            field: "custom_key",
            message: "A custom key can only be given to a single link".into(),
        }));
    }
    let forms = lines
        .iter()
        .map(|line| {
            Ok(LinkForm {
                target_url: Some(line.clone()),
                target_urls: None,
                ..form.clone()
            })
        })
        .collect();
    let (forms, retry_after) = ration(forms, allowed);
    let outcomes = create_all(forms, creates, settings, now).await;
    Ok(BulkPage {
        rows: lines.into_iter().zip(outcomes).collect(),
        retry_after,
    })
}

/// The results of the form's box: a table for people, the outcomes for programs.
#[derive(Template)]
#[template(path = "bulk.html")]
pub struct BulkPage {
    rows: Vec<(String, Outcome)>,
    retry_after: Option<u64>,
}

impl BulkPage {
    fn created(&self) -> usize {
        self.rows
            .iter()
            .filter(|(_, outcome)| matches!(outcome, Outcome::Created(_)))
            .count()
    }

    /// 200 when anything was created; otherwise the first item's error status.
    fn status(&self) -> Status {
        match self.rows.first() {
            Some((_, Outcome::Refused { status, .. })) if self.created() == 0 => {
                Status::from_code(*status).unwrap_or(Status::BadRequest)
            }
            _ => Status::Ok,
        }
    }
}

impl<'r> Responder<'r, 'static> for BulkPage {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        let retry_after = self.retry_after;
        let mut res = match Format::of(req) {
            Format::Json => {
                let outcomes: Vec<Outcome> = self.rows.into_iter().map(|(_, o)| o).collect();
                Json(outcomes).respond_to(req)?
            }
            Format::Html => {
                let html = self.render().map_err(|e| {
                    rocket::error!("template error: {e}");
                    Status::InternalServerError
                })?;
                RawHtml(html).respond_to(req)?
            }
        };
        res.set_status(status);
        set_retry_after(&mut res, retry_after);
        // The page lists secret admin links.
        res.set_header(Header::new("Cache-Control", "no-store"));
        Ok(res)
    }
}
