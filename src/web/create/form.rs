//! The create request, from the home form or a JSON body (the tutorial's `URLBase`
//! plus this app's options), parsed into the service's `Draft`.

use rocket::http::Status;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use time::OffsetDateTime;

use crate::domain::annotation::{Note, Title};
use crate::domain::clock::{self, stamp};
use crate::domain::keys::{SecretKey, ShortKey};
use crate::domain::password::Password;
use crate::domain::preview::{Preview, TypedPreview};
use crate::domain::query::{self, MAX_TAG};
use crate::domain::smart::{self, Rule, Smart, Variant};
use crate::domain::target::{OwnHosts, TargetUrl};
use crate::error::{Error, Result};
use crate::service::Draft;
use crate::web::constraints;
use crate::web::single::Single;

use super::smart::{rules_of, variants_of, HumansOnly, JsonOnly, RuleRow, VariantRow};

/// One create request; in JSON, the same fields (`max_clicks` as a number).
#[derive(Debug, Default, Clone, rocket::FromForm, Deserialize, utoipa::ToSchema)]
#[schema(as = NewLink)]
pub struct LinkForm {
    /// Required; optional here only so a missing one gets the same 422 from both kinds of body.
    #[schema(schema_with = constraints::target_url, required = true)]
    pub target_url: Single,
    #[serde(default)]
    #[schema(schema_with = constraints::custom_key)]
    pub custom_key: Single,
    /// RFC 3339, or a browser's `YYYY-MM-DDTHH:MM` taken as UTC.
    #[serde(default)]
    #[schema(schema_with = constraints::expires_at)]
    pub expires_at: Single,
    /// RFC 3339, or a browser's `YYYY-MM-DDTHH:MM` taken as UTC.
    #[serde(default)]
    #[schema(schema_with = constraints::starts_at)]
    pub starts_at: Single,
    /// The link answers 410 once it has forwarded this many times.
    #[serde(default, deserialize_with = "json_number")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub max_clicks: Single,
    #[serde(default)]
    #[schema(schema_with = constraints::password)]
    pub password: Single,
    /// Ask the target before creating (the tutorial's "graceful forward"); a smart
    /// link's rule, variant and fallback targets too.
    #[serde(default)]
    #[field(default = false)]
    pub check_target: bool,
    /// Add the visitor's query string to the target on each visit (the visitor's value
    /// wins on a name both have).
    #[serde(default)]
    #[field(default = false)]
    pub forward_query: bool,
    /// The secret (or URL) of a collection to add the link to.
    #[serde(default)]
    #[schema(schema_with = constraints::collection)]
    pub collection: Single,
    /// Campaign tags added to the target before it is stored.
    #[serde(default)]
    #[schema(schema_with = constraints::campaign_tag)]
    pub utm_source: Single,
    #[serde(default)]
    #[schema(schema_with = constraints::campaign_tag)]
    pub utm_medium: Single,
    #[serde(default)]
    #[schema(schema_with = constraints::campaign_tag)]
    pub utm_campaign: Single,
    #[serde(default)]
    #[schema(schema_with = constraints::campaign_tag)]
    pub utm_term: Single,
    #[serde(default)]
    #[schema(schema_with = constraints::campaign_tag)]
    pub utm_content: Single,
    /// The home page's "one URL per line" box; never read from JSON (send an array).
    #[serde(skip)]
    #[schema(ignore)]
    pub target_urls: Single,
    /// Where some visitors go instead (the first rule whose conditions all hold), at
    /// most 20.
    #[serde(default)]
    #[schema(schema_with = constraints::rules)]
    pub rules: JsonOnly<Vec<Rule>>,
    /// A split of the visits no rule took: 2 to 5 targets with weights.
    #[serde(default)]
    #[schema(schema_with = constraints::variants)]
    pub variants: JsonOnly<Vec<Variant>>,
    /// Where the link sends visitors once expired or used up, instead of its 410 page.
    #[serde(default)]
    #[schema(schema_with = constraints::expired_url)]
    pub expired_url: Single,
    /// Known link scanners and previewers get a page with a Continue button, and are
    /// not counted. Default: on for links with `max_clicks`.
    #[serde(default)]
    #[schema(value_type = Option<bool>)]
    pub humans_only: HumansOnly,
    /// A title for the owner's pages, at most 200 characters.
    #[serde(default)]
    #[schema(schema_with = constraints::title)]
    pub title: Single,
    /// A note for the owner only, at most 1,000 characters.
    #[serde(default)]
    #[schema(schema_with = constraints::note)]
    pub note: Single,
    /// What link previewers are shown on the Continue page of a `humans_only` link
    /// (where the operator turned previews on); turns `humans_only` on by default.
    #[serde(default)]
    #[schema(schema_with = constraints::preview)]
    pub preview: JsonOnly<TypedPreview>,
    /// The form's preview fields; never read from JSON (send `preview`).
    #[serde(skip)]
    #[schema(ignore)]
    pub preview_title: Single,
    #[serde(skip)]
    #[schema(ignore)]
    pub preview_description: Single,
    #[serde(skip)]
    #[schema(ignore)]
    pub preview_image_url: Single,
    /// The form's rule rows; never read from JSON (send `rules`).
    #[serde(skip)]
    #[schema(ignore)]
    pub rule: Vec<RuleRow>,
    /// The form's variant rows; never read from JSON (send `variants`).
    #[serde(skip)]
    #[schema(ignore)]
    pub variant: Vec<VariantRow>,
    /// The form's "add another" buttons (`rule`, `variant`): the form comes back
    /// with one more row, and nothing is created.
    #[serde(skip)]
    #[schema(ignore)]
    pub more: Single,
}

/// `max_clicks` in JSON is a number or null, as the contract says; kept as text so the
/// form's field and JSON's share one check later.
/// `28.0` is the whole number 28 (as JSON Schema counts integers).
fn json_number<'de, D: Deserializer<'de>>(d: D) -> Result<Single, D::Error> {
    let number = Option::<serde_json::Number>::deserialize(d)?;
    Ok(Single(number.map(|n| match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{f:.0}"),
        _ => n.to_string(),
    })))
}

/// A non-empty optional field.
fn given(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The message `id` beside `field`.
fn invalid(field: &'static str, id: &'static str) -> Error {
    Error::Invalid {
        field,
        message: crate::i18n::Text::new(id),
    }
}

impl LinkForm {
    /// Parses every field into a `Draft`; the slow parts (the target check, the
    /// password hash) are left to the service, so a bad field never costs either.
    /// `token_id` is the creator token the request came with (private mode).
    pub fn draft(
        &self,
        own_hosts: &OwnHosts,
        now: OffsetDateTime,
        token_id: Option<i64>,
    ) -> Result<Draft> {
        let Some(target_url) = &self.target_url.0 else {
            return Err(unprocessable(
                crate::i18n::Text::new("error-missing-field").with("field", "target_url"),
            ));
        };
        let tags = self.campaign_tags()?;
        let max_clicks = given(&self.max_clicks).map(max_clicks).transpose()?;
        let expires_at = given(&self.expires_at)
            .map(|raw| expiry(raw, now))
            .transpose()?;
        let starts_at = start_time(self.starts_at.as_deref().unwrap_or(""))?;
        in_order(starts_at.as_deref(), expires_at.as_deref())?;
        let preview = self.preview(own_hosts)?;
        Ok(Draft {
            target: TargetUrl::parse(target_url, own_hosts)?.tagged(&tags),
            custom_key: given(&self.custom_key).map(ShortKey::custom).transpose()?,
            expires_at,
            starts_at,
            max_clicks,
            password: Password::parse(self.password.as_deref().unwrap_or(""))?,
            check_target: self.check_target,
            token_id,
            forward_query: self.forward_query,
            collection: given(&self.collection).map(collection).transpose()?,
            smart: self.smart(own_hosts)?,
            expired_url: given(&self.expired_url)
                .map(|raw| smart::expired_url(raw, own_hosts))
                .transpose()?,
            humans_only: (self.humans_only.0).unwrap_or(max_clicks.is_some() || preview.is_some()),
            title: Title::parse(self.title.as_deref().unwrap_or(""))?,
            note: Note::parse(self.note.as_deref().unwrap_or(""))?,
            preview,
        })
    }

    /// The preview from JSON's object (its title required) or the form's fields (all
    /// blank: none).
    fn preview(&self, own_hosts: &OwnHosts) -> Result<Option<Preview>> {
        match &self.preview.0 {
            Some(typed) => typed.check(own_hosts).map(Some),
            None => Preview::checked(
                self.preview_title.as_deref().unwrap_or(""),
                self.preview_description.as_deref().unwrap_or(""),
                self.preview_image_url.as_deref().unwrap_or(""),
                own_hosts,
            ),
        }
    }

    /// The rules and split, from JSON's arrays or the form's rows, checked.
    fn smart(&self, own_hosts: &OwnHosts) -> Result<Smart> {
        let rules = match &self.rules.0 {
            Some(rules) => rules.clone(),
            None => rules_of(&self.rule)?,
        };
        let variants = match &self.variants.0 {
            Some(variants) => variants.clone(),
            None => variants_of(&self.variant)?,
        };
        Smart::checked(rules, variants, own_hosts)
    }

    /// The campaign tags typed, by name; each at most `MAX_TAG` characters, without
    /// control characters.
    fn campaign_tags(&self) -> Result<[(&'static str, &str); 5]> {
        let fields = [
            &self.utm_source,
            &self.utm_medium,
            &self.utm_campaign,
            &self.utm_term,
            &self.utm_content,
        ];
        let mut tags = [("", ""); 5];
        for ((tag, name), field) in tags.iter_mut().zip(query::CAMPAIGN_TAGS).zip(fields) {
            let value = field.as_deref().unwrap_or_default();
            if value.chars().count() > MAX_TAG || value.chars().any(char::is_control) {
                let message = crate::i18n::Text::new("error-campaign-tag")
                    .with("name", name)
                    .with("max", MAX_TAG);
                return Err(Error::Invalid {
                    field: name,
                    message,
                });
            }
            *tag = (name, value);
        }
        Ok(tags)
    }
}

/// One create request from JSON; only objects (serde would also take `["<url>"]`).
pub fn parse_item(value: Value) -> Result<LinkForm> {
    if !value.is_object() {
        return Err(unprocessable(crate::i18n::Text::new(
            "error-link-not-object",
        )));
    }
    serde_json::from_value(value).map_err(|e| {
        unprocessable(crate::i18n::Text::new("error-invalid-body").with("error", e.to_string()))
    })
}

/// A 422 with `message`.
pub fn unprocessable(message: crate::i18n::Text) -> Error {
    Error::BadBody(Status::UnprocessableEntity, message)
}

/// A future time, stored as a stamp.
fn expiry(raw: &str, now: OffsetDateTime) -> Result<String> {
    let at = clock::read(raw).map_err(|bad| match bad {
        clock::BadTime::Format => invalid("expires_at", "error-expires-at-format"),
        clock::BadTime::Range => invalid("expires_at", "error-expires-at-range"),
    })?;
    if at <= now {
        return Err(invalid("expires_at", "error-expires-at-past"));
    }
    Ok(stamp(at))
}

/// A start time, stored as a stamp; blank for none (live at once). A time already
/// past is taken as it is: the link is live.
pub fn start_time(raw: &str) -> Result<Option<String>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let at = clock::read(raw.trim()).map_err(|bad| match bad {
        clock::BadTime::Format => invalid("starts_at", "error-starts-at-format"),
        clock::BadTime::Range => invalid("starts_at", "error-starts-at-range"),
    })?;
    Ok(Some(stamp(at)))
}

/// `starts_at` and `expires_at` (stamps) in order: a link must go live before it ends.
fn in_order(starts_at: Option<&str>, expires_at: Option<&str>) -> Result<()> {
    match (
        starts_at.and_then(clock::parse),
        expires_at.and_then(clock::parse),
    ) {
        (Some(starts), Some(ends)) if starts >= ends => {
            Err(invalid("starts_at", "error-starts-at-after-expiry"))
        }
        _ => Ok(()),
    }
}

/// A collection's secret, or its URL as the collection page shows it.
fn collection(raw: &str) -> Result<SecretKey> {
    SecretKey::from_pasted(raw, "collection")
        .ok_or_else(|| invalid("collection", "error-collection-secret"))
}

fn max_clicks(raw: &str) -> Result<i64> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| invalid("max_clicks", "error-max-clicks"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn expiry_must_be_a_future_time() {
        let now = datetime!(2026-11-28 12:00 UTC);
        assert_eq!(
            expiry("2026-11-28T12:01", now).unwrap(),
            "2026-11-28T12:01:00Z"
        );
        assert!(expiry("2026-11-28T12:00:00Z", now).is_err());
        assert!(expiry("next week", now).is_err());
    }

    #[test]
    fn max_clicks_is_a_positive_whole_number() {
        assert_eq!(max_clicks("10").unwrap(), 10);
        for bad in ["0", "-1", "1.5", "ten", "99999999999999999999"] {
            assert!(max_clicks(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_max_clicks_is_a_number_or_null() {
        let form: LinkForm =
            serde_json::from_str(r#"{"target_url": "https://a.b/", "max_clicks": 5}"#).unwrap();
        assert_eq!(form.max_clicks.as_deref(), Some("5"));
        let form: LinkForm =
            serde_json::from_str(r#"{"target_url": "https://a.b/", "max_clicks": null}"#).unwrap();
        assert_eq!(*form.max_clicks, None);
        let whole = r#"{"target_url": "https://a.b/", "max_clicks": 28.0}"#;
        let form: LinkForm = serde_json::from_str(whole).unwrap();
        assert_eq!(form.max_clicks.as_deref(), Some("28"));
        let part = r#"{"target_url": "https://a.b/", "max_clicks": 2.5}"#;
        let form: LinkForm = serde_json::from_str(part).unwrap();
        assert!(max_clicks(form.max_clicks.as_deref().unwrap()).is_err());
        for bad in [r#""5""#, r#""""#, "[1]", "true"] {
            let body = format!(r#"{{"target_url": "x", "max_clicks": {bad}}}"#);
            assert!(serde_json::from_str::<LinkForm>(&body).is_err(), "{bad}");
        }
    }
}
