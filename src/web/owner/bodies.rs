//! What the owner's changes carry: the JSON edit body and the admin page's forms,
//! read into a service `Change`, and how the API description gives each.

use crate::web::single::Single;
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

/// The admin page's forms: `_method` says which change (`DELETE` or `PATCH`).
#[derive(rocket::FromForm)]
pub struct MethodForm {
    #[field(name = "_method")]
    pub(super) method: String,
    target_url: Single,
    /// `on` or `off`.
    forward_query: Single,
    /// `off` or `new`.
    stats: Single,
    /// Present in the smart link's form: its rows replace the rules and split.
    smart: Single,
    rule: Vec<RuleRow>,
    variant: Vec<VariantRow>,
    expired_url: Single,
    humans_only: HumansOnly,
    /// "Add another" (`rule`, `variant`): the page again with one more row.
    pub(super) more: Single,
    /// Present in the title and note form: both are set as typed (blank: none).
    annotate: Single,
    title: Single,
    note: Single,
    /// Present in the start time form: the time as typed (blank: live at once).
    schedule: Single,
    starts_at: Single,
    /// Present in the link preview form: its three fields (all blank: none).
    preview: Single,
    preview_title: Single,
    preview_description: Single,
    preview_image_url: Single,
}

impl MethodForm {
    /// The change the form asks for, and the target as typed (to show it again with
    /// the message when refused). A form with none of the fields asks for an empty
    /// target, which is refused beside the field.
    pub(super) fn change(self, own_hosts: &OwnHosts) -> Result<(Change, String)> {
        if self.annotate.is_some() {
            let change = Change {
                title: Some(Title::parse(self.title.as_deref().unwrap_or(""))?),
                note: Some(Note::parse(self.note.as_deref().unwrap_or(""))?),
                ..Change::default()
            };
            return Ok((change, String::new()));
        }
        if self.schedule.is_some() {
            let at = self.starts_at.as_deref().unwrap_or("");
            let change = Change {
                starts_at: Some(crate::web::create::start_time(at)?),
                ..Change::default()
            };
            return Ok((change, String::new()));
        }
        if self.preview.is_some() {
            let preview = Preview::checked(
                self.preview_title.as_deref().unwrap_or(""),
                self.preview_description.as_deref().unwrap_or(""),
                self.preview_image_url.as_deref().unwrap_or(""),
                own_hosts,
            )?;
            let change = Change {
                preview: Some(preview),
                ..Change::default()
            };
            return Ok((change, String::new()));
        }
        if self.smart.is_some() {
            let smart = self.smart_change()?;
            return Ok((
                Change {
                    smart,
                    ..Change::default()
                },
                String::new(),
            ));
        }
        let invalid = |field: &'static str, id: &'static str| Error::Invalid {
            field,
            message: crate::i18n::Text::new(id),
        };
        let forward_query = match self.forward_query.as_deref() {
            None => None,
            Some(word) => Some(match word {
                "on" => true,
                "off" => false,
                _ => return Err(invalid("forward_query", "error-forward-query")),
            }),
        };
        let stats = match self.stats.as_deref() {
            None => None,
            Some(word) => {
                Some(stats_change(word).ok_or_else(|| invalid("stats", "error-stats-change"))?)
            }
        };
        let typed = self.target_url.clone().unwrap_or_default();
        let target = match (&self.target_url.0, forward_query, stats) {
            (None, None, None) => Some(String::new()),
            (target, _, _) => target.clone(),
        };
        Ok((
            Change {
                target,
                forward_query,
                stats,
                ..Change::default()
            },
            typed,
        ))
    }
}

impl MethodForm {
    /// The smart link's form: every row, so an emptied row removes its rule.
    fn smart_change(&self) -> Result<SmartChange> {
        let fallback = self
            .expired_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        Ok(SmartChange {
            rules: Some(rules_of(&self.rule)?),
            variants: Some(variants_of(&self.variant)?),
            expired_url: Some(fallback.map(str::to_owned)),
            humans_only: self.humans_only.0,
        })
    }

    /// The smart link's form as typed, with one more row if asked.
    pub(super) fn smart_fields(&self) -> SmartFields {
        let typed = SmartFields::typed(
            self.rule.clone(),
            self.variant.clone(),
            self.expired_url.clone().unwrap_or_default(),
            self.humans_only.0,
            self.more.as_deref(),
        );
        SmartFields {
            submit: SmartFields::SAVE,
            ..typed
        }
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
