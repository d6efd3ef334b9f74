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
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use serde::{Serialize, Serializer};
use serde_json::Value;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, SchemaType};
use utoipa::openapi::{Ref, RefOr};

use super::form::{parse_item, LinkForm};
use super::page::{refused, FormValues, Refused};
use crate::error::{Error, Result};
use crate::service::Links;
use crate::settings::Settings;
use crate::web::allowance::Allowed;
use crate::web::filters;
use crate::web::respond::{Negotiated, NoStore};
use crate::web::single::Single;
use crate::web::url_info::UrlInfo;

/// The most links one request may create.
pub const MAX_ITEMS: usize = 100;

/// The JSON body of `POST /url` as the API description gives it: one `NewLink`, or an
/// array of 1 to `MAX_ITEMS` (the handler reads a `Value`, to answer each shape's
/// mistakes in its own words).
pub struct NewLinks;

impl utoipa::PartialSchema for NewLinks {
    fn schema() -> RefOr<Schema> {
        let one = Ref::from_schema_name("NewLink");
        // Any item is taken: each is checked alone and a bad one is refused in its
        // place in the results, not the request.
        let item = ObjectBuilder::new()
            .schema_type(SchemaType::AnyValue)
            .description(Some(
                "A NewLink; an item that is not one is refused in its place in the results",
            ));
        let many = ArrayBuilder::new()
            .items(item)
            .min_items(Some(1))
            .max_items(Some(MAX_ITEMS));
        OneOfBuilder::new().item(one).item(many).into()
    }
}

impl utoipa::ToSchema for NewLinks {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((
            "NewLink".into(),
            <LinkForm as utoipa::PartialSchema>::schema(),
        ));
        <LinkForm as utoipa::ToSchema>::schemas(schemas);
    }
}

/// One item's result: the link, or why it was refused (with the status it would get alone).
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum Outcome {
    Created(Box<UrlInfo>),
    Refused {
        // The error's message: English in JSON, the visitor's language on the page.
        #[schema(value_type = String)]
        detail: crate::i18n::Text,
        status: u16,
    },
}

/// A JSON array of create requests, answered in order.
pub async fn from_json(
    items: Vec<Value>,
    allowed: &Allowed<'_>,
    links: &Links,
    settings: &Settings,
) -> Result<Results> {
    count(items.len(), "target_url")?;
    let forms = items.into_iter().map(parse_item).collect();
    let (forms, retry_after) = ration(forms, allowed);
    Ok(Results {
        outcomes: create_all(forms, allowed.token_id, links, settings).await,
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

/// Every item parsed, then created by the service (sharing a batch), in order.
async fn create_all(
    forms: Vec<Result<LinkForm>>,
    token_id: Option<i64>,
    links: &Links,
    settings: &Settings,
) -> Vec<Outcome> {
    let now = links.clock().now();
    let drafts = forms
        .into_iter()
        .map(|form| form?.draft(&settings.own_hosts, now, token_id))
        .collect();
    links
        .create_many(drafts)
        .await
        .into_iter()
        .map(|result| match result {
            Ok((link, secret)) => Outcome::Created(Box::new(UrlInfo::new(link, &secret, settings))),
            Err(e) => Outcome::Refused {
                detail: e.text(),
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
            message: crate::i18n::Text::new("error-no-urls"),
        }),
        n if n > MAX_ITEMS => Err(Error::Invalid {
            field,
            message: crate::i18n::Text::new("error-too-many-links")
                .with("max", MAX_ITEMS)
                .with("count", n),
        }),
        _ => Ok(()),
    }
}

/// The form's box: one URL per line, the other options applied to each.
pub async fn from_form(
    form: LinkForm,
    allowed: &Allowed<'_>,
    links: &Links,
    settings: &Settings,
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
    let refuse = |error| refused(error, FormValues::from(form.clone()), settings);
    count(lines.len(), "target_urls").map_err(refuse)?;
    if form.custom_key.as_deref().is_some_and(|k| !k.is_empty()) {
        return Err(refuse(Error::Invalid {
            field: "custom_key",
            message: crate::i18n::Text::new("error-custom-key-bulk"),
        }));
    }
    let forms = lines
        .iter()
        .map(|line| {
            Ok(LinkForm {
                target_url: Single(Some(line.clone())),
                target_urls: Single(None),
                ..form.clone()
            })
        })
        .collect();
    let (forms, retry_after) = ration(forms, allowed);
    let outcomes = create_all(forms, allowed.token_id, links, settings).await;
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

/// As JSON, the outcomes alone, in order.
impl Serialize for BulkPage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.rows.iter().map(|(_, outcome)| outcome))
    }
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
        let (status, retry_after) = (self.status(), self.retry_after);
        // The page lists secret admin links.
        let mut res = NoStore(Negotiated(self)).respond_to(req)?;
        res.set_status(status);
        set_retry_after(&mut res, retry_after);
        Ok(res)
    }
}
