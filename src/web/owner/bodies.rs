//! What the owner's changes carry: the JSON edit body and the admin page's forms,
//! read into a service `Change`, and how the API description gives each.

use serde_json::Value;
use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::{Ref, RefOr};

use crate::domain::annotation::{Note, Title};
use crate::domain::preview::{Preview, TypedPreview};
use crate::domain::target::OwnHosts;
use crate::error::{Error, Result};
use crate::service::{Change, SmartChange, StatsChange};
use crate::web::create::smart::{rules_of, variants_of, HumansOnly, RuleRow, VariantRow};
use crate::web::create::SmartFields;

/// The body of an edit, as the API description gives it: one or more of the
/// fields, each of its own type (`change_of` reads it).
pub struct Edit;

impl utoipa::PartialSchema for Edit {
    fn schema() -> RefOr<Schema> {
        let fields = || {
            ObjectBuilder::new()
                .property("target_url", crate::web::constraints::target_url())
                .property(
                    "forward_query",
                    ObjectBuilder::new()
                        .schema_type(Type::Boolean)
                        .description(Some("Add visitors' query strings to the target")),
                )
                .property("stats", stats_schema())
                .property("rules", crate::web::constraints::rules())
                .property("variants", crate::web::constraints::variants())
                .property(
                    "expired_url",
                    OneOfBuilder::new()
                        .item(crate::web::constraints::target_url())
                        .item(ObjectBuilder::new().schema_type(Type::Null))
                        .description(Some("Where visitors go once the link has expired or is used up; null: its 410 page")),
                )
                .property(
                    "humans_only",
                    ObjectBuilder::new()
                        .schema_type(Type::Boolean)
                        .description(Some("Link scanners get a Continue page and are not counted")),
                )
                .property("title", crate::web::constraints::title())
                .property("note", crate::web::constraints::note())
                .property("preview", crate::web::constraints::preview())
                .property(
                    "starts_at",
                    OneOfBuilder::new()
                        .item(crate::web::constraints::starts_at())
                        .item(ObjectBuilder::new().schema_type(Type::Null))
                        .description(Some("When the link goes live; null: at once")),
                )
        };
        let any_of = [
            "target_url",
            "forward_query",
            "stats",
            "rules",
            "variants",
            "expired_url",
            "humans_only",
            "title",
            "note",
            "starts_at",
            "preview",
        ]
        .into_iter()
        .fold(AnyOfBuilder::new(), |any, field| {
            any.item(fields().required(field))
        });
        any_of
            .description(Some(
                "One or more of: a new target (clicks, expiry, limit and password stay), query \
                 forwarding on or off, the stats link off or new, new rules or split (an empty \
                 array removes them; their counts start afresh), the fallback after the end, \
                 humans_only, the title and the note (null or blank removes them), the start time \
                 (null: live at once)",
            ))
            .into()
    }
}

impl utoipa::ToSchema for Edit {}

fn stats_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(["off", "new"]))
        .description(Some(
            "off: no stats link; new: a fresh one (the old one answers 404)",
        ))
}

/// What an edit body must be, for the 422 that answers anything else (a message id).
const EDIT_SHAPE: &str = "error-edit-shape";

/// The change a JSON edit asks for: each field, when present, of its own type (a
/// `null` is refused, not read as absent), and at least one of them.
pub(super) fn change_of(body: Value, own_hosts: &OwnHosts) -> Result<Change> {
    let shape = || {
        let message = crate::i18n::Text::new(EDIT_SHAPE);
        Error::BadBody(rocket::http::Status::UnprocessableEntity, message)
    };
    let Value::Object(fields) = body else {
        return Err(shape());
    };
    let mut change = Change::default();
    if let Some(target) = fields.get("target_url") {
        change.target = Some(target.as_str().ok_or_else(shape)?.to_owned());
    }
    if let Some(on) = fields.get("forward_query") {
        change.forward_query = Some(on.as_bool().ok_or_else(shape)?);
    }
    if let Some(stats) = fields.get("stats") {
        change.stats = Some(stats.as_str().and_then(stats_change).ok_or_else(shape)?);
    }
    change.smart = smart_change_of(&fields)?;
    change.title = text_change(&fields, "title", Title::parse)?;
    change.note = text_change(&fields, "note", Note::parse)?;
    change.starts_at = text_change(&fields, "starts_at", crate::web::create::start_time)?;
    change.preview = match fields.get("preview") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(typed) => {
            let typed: TypedPreview = serde_json::from_value(typed.clone()).map_err(|e| {
                let message = crate::i18n::Text::new("error-invalid-body-field")
                    .with("field", "preview")
                    .with("error", e.to_string());
                Error::BadBody(rocket::http::Status::UnprocessableEntity, message)
            })?;
            Some(Some(typed.check(own_hosts)?))
        }
    };
    if change.is_empty() {
        return Err(shape());
    }
    Ok(change)
}

/// A text part of a JSON edit: absent keeps it, `null` or blank removes it, a string
/// is checked by `parse`.
fn text_change<T>(
    fields: &serde_json::Map<String, Value>,
    field: &str,
    parse: impl Fn(&str) -> Result<Option<T>>,
) -> Result<Option<Option<T>>> {
    match fields.get(field) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(text)) => parse(text).map(Some),
        Some(_) => Err(Error::BadBody(
            rocket::http::Status::UnprocessableEntity,
            crate::i18n::Text::new(EDIT_SHAPE),
        )),
    }
}

/// The smart parts of a JSON edit, each of its own type.
fn smart_change_of(fields: &serde_json::Map<String, Value>) -> Result<SmartChange> {
    let unprocessable = |field: &str, e: serde_json::Error| {
        let message = crate::i18n::Text::new("error-invalid-body-field")
            .with("field", field)
            .with("error", e.to_string());
        Error::BadBody(rocket::http::Status::UnprocessableEntity, message)
    };
    let shape = || {
        let message = crate::i18n::Text::new(EDIT_SHAPE);
        Error::BadBody(rocket::http::Status::UnprocessableEntity, message)
    };
    let mut change = SmartChange::default();
    // `null` removes them, as `[]` does.
    let list = |field: &str| fields.get(field).filter(|v| !v.is_null()).cloned();
    if fields.contains_key("rules") {
        let rules = list("rules").map(serde_json::from_value).transpose();
        change.rules = Some(
            rules
                .map_err(|e| unprocessable("rules", e))?
                .unwrap_or_default(),
        );
    }
    if fields.contains_key("variants") {
        let variants = list("variants").map(serde_json::from_value).transpose();
        change.variants = Some(
            variants
                .map_err(|e| unprocessable("variants", e))?
                .unwrap_or_default(),
        );
    }
    change.expired_url = match fields.get("expired_url") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(url)) => Some(Some(url.clone())),
        Some(_) => return Err(shape()),
    };
    if let Some(on) = fields.get("humans_only") {
        change.humans_only = Some(on.as_bool().ok_or_else(shape)?);
    }
    Ok(change)
}

/// `off` or `new`, as the API description spells them.
fn stats_change(word: &str) -> Option<StatsChange> {
    match word {
        "off" => Some(StatsChange::Off),
        "new" => Some(StatsChange::New),
        _ => None,
    }
}

/// The JSON answer of the admin page's forms: the link after an edit, the
/// message after a delete (as `PATCH` and `DELETE` answer).
pub struct ChangeAnswer;

impl utoipa::PartialSchema for ChangeAnswer {
    fn schema() -> RefOr<Schema> {
        let one_of = OneOfBuilder::new()
            .item(Ref::from_schema_name("URLInfo"))
            .item(Ref::from_schema_name("Deleted"));
        one_of.into()
    }
}

impl utoipa::ToSchema for ChangeAnswer {}

/// The admin page's forms: `_method` says which change (`DELETE` or `PATCH`). Each of
/// the page's forms sends a few of these fields; the one chosen reads its own and
/// ignores the rest, whatever they hold, so every field is kept as given and a field
/// the chosen form reads is refused when given twice (`once`).
#[derive(rocket::FromForm)]
pub struct MethodForm {
    #[field(name = "_method")]
    pub(super) method: String,
    target_url: Vec<String>,
    /// `on` or `off`.
    forward_query: Vec<String>,
    /// `off` or `new`.
    stats: Vec<String>,
    /// Present in the smart link's form: its rows replace the rules and split.
    smart: Vec<String>,
    rule: Vec<RuleRow>,
    variant: Vec<VariantRow>,
    expired_url: Vec<String>,
    /// `on`, `off` or `auto`.
    humans_only: Vec<String>,
    /// "Add another" (`rule`, `variant`): the page again with one more row.
    more: Vec<String>,
    /// Present in the title and note form: both are set as typed (blank: none).
    annotate: Vec<String>,
    title: Vec<String>,
    note: Vec<String>,
    /// Present in the start time form: the time as typed (blank: live at once).
    schedule: Vec<String>,
    starts_at: Vec<String>,
    /// Present in the link preview form: its three fields (all blank: none).
    preview: Vec<String>,
    preview_title: Vec<String>,
    preview_description: Vec<String>,
    preview_image_url: Vec<String>,
}

/// The one value of a field the chosen form reads (`None`: absent); a field given
/// twice is refused beside it, as `Single` refuses it elsewhere.
fn once<'a>(values: &'a [String], field: &'static str) -> Result<Option<&'a str>> {
    match values {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        _ => Err(Error::Invalid {
            field,
            message: crate::i18n::Text::new("error-form-field")
                .with("field", field)
                .with("error", "given more than once"),
        }),
    }
}

impl MethodForm {
    /// Whether the smart link's form asked for one row more (`rule` or `variant`).
    pub(super) fn more(&self) -> bool {
        !self.more.is_empty()
    }

    /// The change the form asks for, and the target as typed (to show it again with
    /// the message when refused). The forms are told apart by what they send: the
    /// title and note, start time, preview and smart link forms by their marker
    /// field, then the stats buttons, the query forwarding buttons, and last the
    /// target's form (a form with none of the fields asks for an empty target, which
    /// is refused beside the field).
    pub(super) fn change(self, own_hosts: &OwnHosts) -> Result<(Change, String)> {
        let change = if !self.annotate.is_empty() {
            Change {
                title: Some(Title::parse(text(&self.title, "title")?)?),
                note: Some(Note::parse(text(&self.note, "note")?)?),
                ..Change::default()
            }
        } else if !self.schedule.is_empty() {
            let at = text(&self.starts_at, "starts_at")?;
            Change {
                starts_at: Some(crate::web::create::start_time(at)?),
                ..Change::default()
            }
        } else if !self.preview.is_empty() {
            let preview = Preview::checked(
                text(&self.preview_title, "preview")?,
                text(&self.preview_description, "preview")?,
                text(&self.preview_image_url, "preview")?,
                own_hosts,
            )?;
            Change {
                preview: Some(preview),
                ..Change::default()
            }
        } else if !self.smart.is_empty() {
            Change {
                smart: self.smart_change()?,
                ..Change::default()
            }
        } else if let Some(word) = once(&self.stats, "stats")? {
            let stats = stats_change(word).ok_or_else(|| invalid("stats", "error-stats-change"))?;
            Change {
                stats: Some(stats),
                ..Change::default()
            }
        } else if let Some(word) = once(&self.forward_query, "forward_query")? {
            let on = match word {
                "on" => true,
                "off" => false,
                _ => return Err(invalid("forward_query", "error-forward-query")),
            };
            Change {
                forward_query: Some(on),
                ..Change::default()
            }
        } else {
            let typed = text(&self.target_url, "target_url")?.to_owned();
            let change = Change {
                target: Some(typed.clone()),
                ..Change::default()
            };
            return Ok((change, typed));
        };
        Ok((change, String::new()))
    }

    /// The smart link's form: every row, so an emptied row removes its rule.
    fn smart_change(&self) -> Result<SmartChange> {
        let fallback = once(&self.expired_url, "expired_url")?
            .map(str::trim)
            .filter(|u| !u.is_empty());
        Ok(SmartChange {
            rules: Some(rules_of(&self.rule)?),
            variants: Some(variants_of(&self.variant)?),
            expired_url: Some(fallback.map(str::to_owned)),
            humans_only: self.humans_only()?.0,
        })
    }

    /// `humans_only` as the smart link's form gives it.
    fn humans_only(&self) -> Result<HumansOnly> {
        match once(&self.humans_only, "humans_only")? {
            None => Ok(HumansOnly(None)),
            Some(word) => HumansOnly::from_word(word)
                .ok_or_else(|| invalid("humans_only", "error-humans-only")),
        }
    }

    /// The smart link's form as typed, with one more row if asked.
    pub(super) fn smart_fields(&self) -> SmartFields {
        let first = |values: &[String]| values.first().cloned();
        let typed = SmartFields::typed(
            self.rule.clone(),
            self.variant.clone(),
            first(&self.expired_url).unwrap_or_default(),
            self.humans_only().map_or(None, |h| h.0),
            first(&self.more).as_deref(),
        );
        SmartFields {
            submit: SmartFields::SAVE,
            ..typed
        }
    }
}

/// The one value of a field the chosen form reads, empty when absent.
fn text<'a>(values: &'a [String], field: &'static str) -> Result<&'a str> {
    once(values, field).map(|v| v.unwrap_or(""))
}

/// `id` beside `field`.
fn invalid(field: &'static str, id: &'static str) -> Error {
    Error::Invalid {
        field,
        message: crate::i18n::Text::new(id),
    }
}

/// The admin page's forms, as the API description gives them.
pub struct AdminForm;

impl utoipa::PartialSchema for AdminForm {
    fn schema() -> RefOr<Schema> {
        let method = |pattern: &str| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(pattern))
                .description(Some("Which change, in any case"))
        };
        let patch = "^[Pp][Aa][Tt][Cc][Hh]$";
        let edit = ObjectBuilder::new()
            .property("_method", method(patch))
            .property("target_url", crate::web::constraints::target_url())
            .required("_method")
            .required("target_url");
        let forward = ObjectBuilder::new()
            .property("_method", method(patch))
            .property(
                "forward_query",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(["on", "off"]))
                    .description(Some("Add visitors' query strings to the target, or stop")),
            )
            .required("_method")
            .required("forward_query");
        let stats = ObjectBuilder::new()
            .property("_method", method(patch))
            .property("stats", stats_schema())
            .required("_method")
            .required("stats");
        let delete = ObjectBuilder::new()
            .property("_method", method("^[Dd][Ee][Ll][Ee][Tt][Ee]$"))
            .required("_method");
        OneOfBuilder::new()
            .item(edit)
            .item(forward)
            .item(stats)
            .item(delete)
            .into()
    }
}

impl utoipa::ToSchema for AdminForm {}
