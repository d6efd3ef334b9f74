//! A smart link's rules and split as a create or an edit carries them: JSON arrays,
//! or the rows of a form (a few empty ones, "add another" for more), read into the
//! domain's `Smart`.

use std::collections::BTreeMap;

use rocket::form::{self, DataField, FromForm, Options, ValueField};
use serde::{Deserialize, Deserializer};

use crate::domain::clock;
use crate::domain::smart::{Device, Rule, Smart, Variant, When, MAX_RULES, MAX_VARIANTS};
use crate::error::{Error, Result};

/// A field only JSON carries: a form never fills it (its rows stand in).
#[derive(Debug, Clone)]
pub struct JsonOnly<T>(pub Option<T>);

impl<T> Default for JsonOnly<T> {
    fn default() -> Self {
        JsonOnly(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for JsonOnly<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(d).map(JsonOnly)
    }
}

#[rocket::async_trait]
impl<'r, T: Send + 'r> FromForm<'r> for JsonOnly<T> {
    type Context = ();

    fn init(_: Options) {}

    fn push_value(_: &mut (), _: ValueField<'r>) {}

    async fn push_data(_: &mut (), _: DataField<'r, '_>) {}

    fn finalize(_: ()) -> form::Result<'r, Self> {
        Ok(JsonOnly(None))
    }
}

/// `humans_only` as a create or edit gives it: JSON's `true`, `false` or `null`; a
/// form's `on`, `off` (or `true`, `false`) or `auto` (`None`: the default). Anything
/// else in a form is refused, not read as the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HumansOnly(pub Option<bool>);

impl<'de> Deserialize<'de> for HumansOnly {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<bool>::deserialize(d).map(HumansOnly)
    }
}

impl HumansOnly {
    /// A form's word for it: `on`, `off` (or `true`, `false`, ...) or `auto`; `None`
    /// for anything else.
    pub fn from_word(word: &str) -> Option<HumansOnly> {
        match word {
            "auto" => Some(HumansOnly(None)),
            "" => None,
            _ => {
                let field = ValueField::from_value(word);
                <bool as form::FromFormField>::from_value(field)
                    .ok()
                    .map(|on| HumansOnly(Some(on)))
            }
        }
    }
}

#[rocket::async_trait]
impl<'v> form::FromFormField<'v> for HumansOnly {
    fn default() -> Option<Self> {
        Some(HumansOnly(None))
    }

    fn from_value(field: ValueField<'v>) -> form::Result<'v, Self> {
        match field.value {
            "auto" => Ok(HumansOnly(None)),
            "" => Err(form::Error::validation("humans_only must be on, off or auto").into()),
            _ => <bool as form::FromFormField>::from_value(field).map(|on| HumansOnly(Some(on))),
        }
    }
}

/// One rule as a form's row: every field text, empty when not used.
#[derive(Debug, Default, Clone, FromForm)]
pub struct RuleRow {
    pub device: String,
    pub language: String,
    /// `name=value` pairs joined by `&`.
    pub query: String,
    pub after: String,
    pub before: String,
    pub target_url: String,
}

/// One variant as a form's row.
#[derive(Debug, Default, Clone, FromForm)]
pub struct VariantRow {
    pub target_url: String,
    pub weight: String,
}

fn invalid(field: &'static str, message: crate::i18n::Text) -> Error {
    Error::Invalid { field, message }
}

impl RuleRow {
    fn is_empty(&self) -> bool {
        [
            &self.device,
            &self.language,
            &self.query,
            &self.after,
            &self.before,
            &self.target_url,
        ]
        .iter()
        .all(|f| f.trim().is_empty())
    }

    /// The row as a rule (checked later with the others, by `Smart::checked`).
    fn rule(&self, place: usize) -> Result<Rule> {
        let wrong = |reason: &'static str| {
            let message = crate::i18n::Text::new("error-rule").with("place", place);
            invalid(
                "rules",
                message.with("reason", crate::i18n::Text::new(reason)),
            )
        };
        let time = |raw: &str| match raw.trim() {
            "" => Ok(None),
            raw => clock::read(raw).map(Some).map_err(|bad| match bad {
                clock::BadTime::Format => wrong("error-rule-time-format"),
                clock::BadTime::Range => wrong("error-rule-time-range"),
            }),
        };
        let device = match self.device.trim() {
            "" => None,
            word => Some(Device::named(word).ok_or_else(|| wrong("error-rule-device"))?),
        };
        let language = Some(self.language.trim().to_ascii_lowercase()).filter(|l| !l.is_empty());
        let query: BTreeMap<String, String> =
            url::form_urlencoded::parse(self.query.trim().as_bytes())
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .collect();
        Ok(Rule {
            when: When {
                device,
                language,
                query,
                after: time(&self.after)?,
                before: time(&self.before)?,
            },
            target_url: self.target_url.trim().to_owned(),
        })
    }

    /// A rule shown again in a form's row.
    pub fn of(rule: &Rule) -> RuleRow {
        let when = &rule.when;
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&when.query)
            .finish();
        let time = |at: Option<time::OffsetDateTime>| at.map(clock::stamp).unwrap_or_default();
        RuleRow {
            device: when
                .device
                .map(|d| d.as_str().to_owned())
                .unwrap_or_default(),
            language: when.language.clone().unwrap_or_default(),
            query,
            after: time(when.after),
            before: time(when.before),
            target_url: rule.target_url.clone(),
        }
    }
}

impl VariantRow {
    fn is_empty(&self) -> bool {
        self.target_url.trim().is_empty() && self.weight.trim().is_empty()
    }

    fn variant(&self, place: usize) -> Result<Variant> {
        let weight = self.weight.trim().parse::<u32>().map_err(|_| {
            use crate::i18n::Text;
            let reason = Text::new("error-variant-weight")
                .with("min", 1)
                .with("max", 100);
            let message = Text::new("error-variant").with("place", place);
            invalid("variants", message.with("reason", reason))
        })?;
        Ok(Variant {
            target_url: self.target_url.trim().to_owned(),
            weight,
        })
    }

    /// A variant shown again in a form's row.
    pub fn of(variant: &Variant) -> VariantRow {
        VariantRow {
            target_url: variant.target_url.clone(),
            weight: variant.weight.to_string(),
        }
    }
}

/// The rules of a form's filled rows, in order (empty rows left out).
pub fn rules_of(rows: &[RuleRow]) -> Result<Vec<Rule>> {
    let filled = rows.iter().filter(|row| !row.is_empty());
    filled.enumerate().map(|(i, row)| row.rule(i + 1)).collect()
}

/// The variants of a form's filled rows, in order (empty rows left out).
pub fn variants_of(rows: &[VariantRow]) -> Result<Vec<Variant>> {
    let filled = rows.iter().filter(|row| !row.is_empty());
    filled
        .enumerate()
        .map(|(i, row)| row.variant(i + 1))
        .collect()
}

/// Rows a form shows before any "add another".
const ROWS: usize = 2;

/// The smart part of a form (the home page's create, the admin page's edit): the
/// rows as typed or stored, padded with empty ones, and the message of a refusal.
#[derive(Debug, Default, Clone)]
pub struct SmartFields {
    pub rules: Vec<RuleRow>,
    pub variants: Vec<VariantRow>,
    pub expired_url: String,
    /// `None`: the default (on with a click limit).
    pub humans_only: Option<bool>,
    /// A refusal of the rules, the split or the fallback, with its field.
    pub error: Option<(&'static str, crate::i18n::Text)>,
    /// The message id of the form's own submit button, first in it (so Enter in any
    /// field submits, never "add another").
    pub submit: &'static str,
}

impl SmartFields {
    /// The admin page's submit button ("Save the smart link").
    pub const SAVE: &'static str = "smart-save";

    /// The fields with the rows as typed (empty ones too), one more of the kind
    /// `more` asks for (`rule`, `variant`), and at least `ROWS` of each.
    pub fn typed(
        rules: Vec<RuleRow>,
        variants: Vec<VariantRow>,
        expired_url: String,
        humans_only: Option<bool>,
        more: Option<&str>,
    ) -> SmartFields {
        let mut fields = SmartFields {
            rules: rules.into_iter().take(MAX_RULES).collect(),
            variants: variants.into_iter().take(MAX_VARIANTS).collect(),
            expired_url,
            humans_only,
            error: None,
            submit: "home-shorten",
        };
        match more {
            Some("rule") if fields.rules.len() < MAX_RULES => fields.rules.push(RuleRow::blank()),
            Some("variant") if fields.variants.len() < MAX_VARIANTS => {
                fields.variants.push(<VariantRow as Default>::default())
            }
            _ => {}
        }
        fields.pad()
    }

    /// A stored link's rules, split and fallback, as the admin page's form shows them.
    pub fn stored(smart: &Smart, expired_url: Option<&str>, humans_only: bool) -> SmartFields {
        SmartFields {
            rules: smart.rules.iter().map(RuleRow::of).collect(),
            variants: smart.variants.iter().map(VariantRow::of).collect(),
            expired_url: expired_url.unwrap_or_default().to_owned(),
            humans_only: Some(humans_only),
            error: None,
            submit: SmartFields::SAVE,
        }
        .pad()
    }

    fn pad(mut self) -> SmartFields {
        while self.rules.len() < ROWS {
            self.rules.push(RuleRow::blank());
        }
        while self.variants.len() < ROWS {
            self.variants.push(<VariantRow as Default>::default());
        }
        self
    }

    /// With `error` shown, if it is about these fields.
    pub fn refused(mut self, error: Option<&Error>) -> SmartFields {
        self.error = error.and_then(|e| match e.field() {
            Some(field @ ("rules" | "variants" | "expired_url")) => Some((field, e.text())),
            _ => None,
        });
        self
    }

    /// Whether anything here was typed or refused (the form's section starts open).
    pub fn in_use(&self) -> bool {
        self.error.is_some()
            || !self.expired_url.is_empty()
            || self.rules.iter().any(|r| !r.is_empty())
            || self.variants.iter().any(|v| !v.is_empty())
    }

    /// The message beside `field`, if refused.
    pub fn error_for(&self, field: &str) -> Option<&crate::i18n::Text> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m)
    }

    /// The devices a rule's row offers.
    pub fn devices(&self) -> [&'static str; 4] {
        Device::ALL.map(Device::as_str)
    }

    /// The `humans_only` choice, as the form's select names it.
    pub fn humans_choice(&self) -> &'static str {
        match self.humans_only {
            None => "auto",
            Some(true) => "on",
            Some(false) => "off",
        }
    }
}

impl RuleRow {
    /// A row with nothing typed.
    fn blank() -> RuleRow {
        <RuleRow as Default>::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_rows_become_rules_and_empty_ones_are_left_out() {
        let rows = [
            <RuleRow as Default>::default(),
            RuleRow {
                device: "ios".into(),
                query: "src=a+b&x=1".into(),
                after: "2027-01-01T10:00".into(),
                target_url: " https://apps.apple.com/app ".into(),
                ..<RuleRow as Default>::default()
            },
        ];
        let rules = rules_of(&rows).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].when.device, Some(Device::Ios));
        assert_eq!(rules[0].when.query["src"], "a b");
        assert_eq!(rules[0].target_url, "https://apps.apple.com/app");
        assert_eq!(RuleRow::of(&rules[0]).query, "src=a+b&x=1");
        assert_eq!(RuleRow::of(&rules[0]).after, "2027-01-01T10:00:00Z");
    }

    #[test]
    fn a_forms_humans_only_is_on_off_or_auto_and_nothing_else() {
        use crate::web::create::LinkForm;
        let parse = |value: &str| {
            let body = format!("target_url=x&humans_only={value}");
            let parsed = rocket::form::Form::<LinkForm>::parse(&body).map(|form| form.humans_only);
            parsed.map_err(|e| e.to_string())
        };
        assert_eq!(parse("on").unwrap(), HumansOnly(Some(true)));
        assert_eq!(parse("off").unwrap(), HumansOnly(Some(false)));
        assert_eq!(parse("auto").unwrap(), HumansOnly(None));
        for bad in ["", "maybe", "null"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let absent = rocket::form::Form::<LinkForm>::parse("target_url=x").unwrap();
        assert_eq!(absent.humans_only, HumansOnly(None));
    }

    #[test]
    fn rows_with_values_a_rule_cannot_have_are_refused_with_their_place() {
        let row = |device: &str, after: &str| RuleRow {
            device: device.into(),
            after: after.into(),
            target_url: "https://a.example/".into(),
            ..<RuleRow as Default>::default()
        };
        let error = rules_of(&[row("phone", "")]).unwrap_err();
        assert!(error.to_string().starts_with("Rule 1: "), "{error}");
        assert!(rules_of(&[row("", "soon")]).is_err());
        let weight = VariantRow {
            target_url: "https://a.example/".into(),
            weight: "half".into(),
        };
        assert!(variants_of(&[weight]).is_err());
    }
}
