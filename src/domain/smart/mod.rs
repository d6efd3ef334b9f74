//! Smart links: rules that send some visitors elsewhere (by device, language, query
//! and time), and splits that share the other visits between variants. A link without
//! them never reaches this module: its redirect stays the plain one.

use std::collections::BTreeMap;

use rand::Rng;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::target::{OwnHosts, TargetUrl};
use crate::error::Error;
use crate::i18n::Text;

pub mod destinations;
pub mod device;
pub mod language;

pub use device::{Device, Seen};

/// Most rules a link may have.
pub const MAX_RULES: usize = 20;
/// Most variants a split may have.
pub const MAX_VARIANTS: usize = 5;
/// Most query conditions one rule may have.
pub const MAX_QUERY: usize = 10;
/// Longest query name or value a condition may name, in characters.
pub const MAX_QUERY_TEXT: usize = 200;

/// A link's rules and split, checked: at most `MAX_RULES` rules, each with at least
/// one condition, and none or 2 to `MAX_VARIANTS` variants; every target valid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Smart {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
}

/// Where visitors go when every condition of `when` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub when: When,
    pub target_url: String,
}

/// A rule's conditions; each one given must hold. A condition given as `null` (or
/// an empty `query`) is refused, not read as absent: it would say nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The visitor's device, from the User-Agent.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    pub device: Option<Device>,
    /// A primary language tag (`de`): the language the visitor's `Accept-Language`
    /// ranks highest, whatever its region (`de-AT`, `de-CH`).
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    pub language: Option<String>,
    /// Parameters (name → value, compared decoded) the short link's query must carry.
    #[serde(
        default,
        deserialize_with = "parameters",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub query: BTreeMap<String, String>,
    /// From this time on (RFC 3339).
    #[serde(
        default,
        serialize_with = "time::serde::rfc3339::option::serialize",
        deserialize_with = "given_time",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub after: Option<OffsetDateTime>,
    /// Until this time (RFC 3339), not including it.
    #[serde(
        default,
        serialize_with = "time::serde::rfc3339::option::serialize",
        deserialize_with = "given_time",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub before: Option<OffsetDateTime>,
}

/// A condition that is there: its value, never `null`.
fn given<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A time condition that is there: RFC 3339, never `null`.
fn given_time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<OffsetDateTime>, D::Error> {
    time::serde::rfc3339::deserialize(d).map(Some)
}

/// A `query` condition with at least one parameter.
fn parameters<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    let query = BTreeMap::deserialize(d)?;
    match query.is_empty() {
        true => Err(serde::de::Error::custom(
            "a query condition needs at least one parameter",
        )),
        false => Ok(query),
    }
}

/// One side of a split, with its share of the visits no rule decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub target_url: String,
    /// 1–100, in proportion to the other variants' weights.
    #[serde(deserialize_with = "whole")]
    pub weight: u32,
}

/// A whole number, also when JSON writes it `62.0` (as JSON Schema counts integers).
fn whole<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = f64::deserialize(d)?;
    match n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
        true => Ok(n as u32),
        false => Err(serde::de::Error::custom(
            "the weight must be a whole number",
        )),
    }
}

/// What decided where a visit goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    /// The rule at this place (0-based).
    Rule(usize),
    /// The variant at this place (0-based).
    Variant(usize),
    /// The link's own target.
    Default,
}

impl Choice {
    /// As the API and the counts name it: `rule 2`, `variant 1`, `default`.
    pub fn label(self) -> String {
        match self {
            Choice::Rule(i) => format!("rule {}", i + 1),
            Choice::Variant(i) => format!("variant {}", i + 1),
            Choice::Default => "default".to_owned(),
        }
    }
}

/// What a visit tells the rules: its headers as sent, or a peek's stand-ins.
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleInput<'a> {
    pub user_agent: Option<&'a str>,
    pub accept_language: Option<&'a str>,
    /// The short link's query string, as sent.
    pub query: Option<&'a str>,
    /// A peek's device, instead of the User-Agent's.
    pub device: Option<Seen>,
    /// A peek's language, instead of `Accept-Language`'s.
    pub language: Option<&'a str>,
    /// The `Cookie` header, as sent: the variant this visitor saw before.
    pub cookie: Option<&'a str>,
    /// The `Accept` header, as sent: a program that prefers JSON is never taken for a
    /// link scanner (read only when that matters: `is_program`).
    pub accept: Option<&'a str>,
    /// A program by other signs (a JSON body): never taken for a link scanner.
    pub program: bool,
    /// A form post a browser sent from one of this app's own pages (`Sec-Fetch-Site:
    /// same-origin`, or the app's `Origin`): a Continue button really pressed.
    pub from_page: bool,
}

impl RuleInput<'_> {
    /// Whether the visit is a program's: a JSON body, or an `Accept` that prefers JSON.
    pub fn is_program(&self) -> bool {
        self.program || self.accept.is_some_and(prefers_json)
    }
}

/// Whether an `Accept` header's preferred type (highest `q`, the first among equals)
/// is `application/json`.
fn prefers_json(accept: &str) -> bool {
    let mut best: Option<(f32, &str)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim();
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if best.map_or(true, |(top, _)| q > top) {
            best = Some((q, media));
        }
    }
    best.is_some_and(|(_, media)| media.eq_ignore_ascii_case("application/json"))
}

/// The cookie that keeps a visitor on one variant, scoped to the link's path.
pub const VARIANT_COOKIE: &str = "variant";

/// The variant (0-based) a `Cookie` header says this visitor saw: `variant=N`, N
/// counted from 1. Anything else is none.
pub fn sticky(cookie: Option<&str>) -> Option<usize> {
    cookie?
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == VARIANT_COOKIE)
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .and_then(|n| n.checked_sub(1))
}

impl Smart {
    /// Checks rules and variants as given by a client: their number, each condition,
    /// each target (as any target is checked, normalised as stored). `field` errors
    /// name `rules` or `variants`.
    pub fn checked(
        rules: Vec<Rule>,
        variants: Vec<Variant>,
        own: &OwnHosts,
    ) -> Result<Smart, Error> {
        let invalid = |field: &'static str, message: Text| Error::Invalid { field, message };
        let rule_error = |place: usize, reason: Text| {
            let message = Text::new("error-rule").with("place", place);
            invalid("rules", message.with("reason", reason))
        };
        let variant_error = |place: usize, reason: Text| {
            let message = Text::new("error-variant").with("place", place);
            invalid("variants", message.with("reason", reason))
        };
        if rules.len() > MAX_RULES {
            return Err(invalid(
                "rules",
                Text::new("error-too-many-rules").with("max", MAX_RULES),
            ));
        }
        if variants.len() == 1 || variants.len() > MAX_VARIANTS {
            return Err(invalid(
                "variants",
                Text::new("error-variant-count").with("max", MAX_VARIANTS),
            ));
        }
        let mut smart = Smart::default();
        for (i, mut rule) in rules.into_iter().enumerate() {
            let place = i + 1;
            let utc = |at: Option<OffsetDateTime>| match at {
                None => Ok(None),
                Some(at) => crate::domain::clock::utc(at)
                    .map(Some)
                    .ok_or_else(|| rule_error(place, Text::new("error-rule-time-range"))),
            };
            rule.when.after = utc(rule.when.after)?;
            rule.when.before = utc(rule.when.before)?;
            rule.when.validate().map_err(|m| rule_error(place, m))?;
            rule.target_url = target(&rule.target_url, own).map_err(|m| rule_error(place, m))?;
            smart.rules.push(rule);
        }
        for (i, mut variant) in variants.into_iter().enumerate() {
            let place = i + 1;
            if !(1..=100).contains(&variant.weight) {
                let reason = Text::new("error-variant-weight")
                    .with("min", 1)
                    .with("max", 100);
                return Err(variant_error(place, reason));
            }
            variant.target_url =
                target(&variant.target_url, own).map_err(|m| variant_error(place, m))?;
            smart.variants.push(variant);
        }
        Ok(smart)
    }

    /// Whether there is nothing to decide (no rules, no split).
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.variants.is_empty()
    }

    /// The first rule whose conditions hold at `now`, else a variant (`sticky`, the
    /// one this visitor saw before, if it still exists; else drawn by weight), else
    /// the link's own target.
    pub fn decide(
        &self,
        asking: &RuleInput<'_>,
        now: OffsetDateTime,
        sticky: Option<usize>,
        rng: &mut impl Rng,
    ) -> Choice {
        let mut facts = Facts::new(asking);
        if let Some(i) = self
            .rules
            .iter()
            .position(|r| r.when.holds(&mut facts, now))
        {
            return Choice::Rule(i);
        }
        if self.variants.is_empty() {
            return Choice::Default;
        }
        match sticky.filter(|&i| i < self.variants.len()) {
            Some(i) => Choice::Variant(i),
            None => Choice::Variant(self.draw(rng)),
        }
    }

    /// A variant drawn in proportion to the weights.
    fn draw(&self, rng: &mut impl Rng) -> usize {
        let total: u32 = self.variants.iter().map(|v| v.weight).sum();
        let mut roll = rng.gen_range(0..total.max(1));
        for (i, variant) in self.variants.iter().enumerate() {
            if roll < variant.weight {
                return i;
            }
            roll -= variant.weight;
        }
        self.variants.len() - 1
    }

    /// Where `decision` sends the visitor; `None` for the link's own target.
    pub fn target(&self, decision: Choice) -> Option<&str> {
        match decision {
            Choice::Rule(i) => self.rules.get(i).map(|r| r.target_url.as_str()),
            Choice::Variant(i) => self.variants.get(i).map(|v| v.target_url.as_str()),
            Choice::Default => None,
        }
    }

    /// Every target of the rules and variants, for the blocklist.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        let rules = self.rules.iter().map(|r| r.target_url.as_str());
        rules.chain(self.variants.iter().map(|v| v.target_url.as_str()))
    }

    /// As stored: JSON, `None` when empty.
    pub fn stored(&self) -> Option<String> {
        (!self.is_empty()).then(|| serde_json::to_string(self).unwrap_or_default())
    }

    /// As read back from the database; a value that no longer reads is none.
    pub fn from_stored(stored: Option<&str>) -> Smart {
        stored
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }
}

/// Where an expired link sends visitors: a target like any other, refused beside
/// its own field.
pub fn expired_url(raw: &str, own: &OwnHosts) -> Result<TargetUrl, Error> {
    TargetUrl::parse(raw, own).map_err(|e| Error::Invalid {
        field: "expired_url",
        message: Text::new("error-expired-url").with("error", e.text()),
    })
}

/// A target of a rule or variant, checked and normalised as the link's own is.
fn target(raw: &str, own: &OwnHosts) -> Result<String, Text> {
    TargetUrl::parse(raw, own)
        .map(|t| t.as_str().to_owned())
        .map_err(|e| e.text())
}

impl When {
    /// The conditions can hold and say something: at least one, a language tag that
    /// is one, query names and values of bounded size, `after` before `before`.
    fn validate(&self) -> Result<(), Text> {
        let none = self.device.is_none()
            && self.language.is_none()
            && self.query.is_empty()
            && self.after.is_none()
            && self.before.is_none();
        if none {
            return Err(Text::new("error-rule-no-condition"));
        }
        if let Some(tag) = &self.language {
            if !language::is_language(tag) {
                return Err(Text::new("error-rule-language").with("tag", format!("{tag:?}")));
            }
        }
        if self.query.len() > MAX_QUERY {
            return Err(Text::new("error-rule-query-count").with("max", MAX_QUERY));
        }
        for (name, value) in &self.query {
            let bad =
                |s: &str| s.chars().count() > MAX_QUERY_TEXT || s.chars().any(char::is_control);
            if name.is_empty() || bad(name) || bad(value) {
                return Err(Text::new("error-rule-query-text").with("max", MAX_QUERY_TEXT));
            }
        }
        if let (Some(after), Some(before)) = (self.after, self.before) {
            if after >= before {
                return Err(Text::new("error-rule-times"));
            }
        }
        Ok(())
    }

    /// Whether every condition holds for this visit at `now`.
    fn holds(&self, facts: &mut Facts<'_>, now: OffsetDateTime) -> bool {
        self.after.map_or(true, |after| after <= now)
            && self.before.map_or(true, |before| now < before)
            && self.device.map_or(true, |d| d.holds_for(facts.seen()))
            && self.language.as_deref().map_or(true, |tag| {
                facts
                    .language()
                    .is_some_and(|l| l.eq_ignore_ascii_case(tag))
            })
            && self
                .query
                .iter()
                .all(|(name, value)| facts.has(name, value))
    }
}

/// The visit's facts, each worked out once, when a rule first asks for it.
struct Facts<'a> {
    asking: &'a RuleInput<'a>,
    seen: Option<Seen>,
    language: Option<Option<String>>,
    query: Option<Vec<(String, String)>>,
}

impl<'a> Facts<'a> {
    fn new(asking: &'a RuleInput<'a>) -> Facts<'a> {
        Facts {
            asking,
            seen: asking.device,
            language: asking.language.map(|l| Some(l.to_ascii_lowercase())),
            query: None,
        }
    }

    fn seen(&mut self) -> Seen {
        let user_agent = self.asking.user_agent;
        *self.seen.get_or_insert_with(|| Seen::of(user_agent))
    }

    fn language(&mut self) -> Option<&str> {
        let header = self.asking.accept_language;
        self.language
            .get_or_insert_with(|| header.and_then(language::preferred))
            .as_deref()
    }

    fn has(&mut self, name: &str, value: &str) -> bool {
        let query = self.asking.query.unwrap_or_default();
        self.query
            .get_or_insert_with(|| {
                url::form_urlencoded::parse(query.as_bytes())
                    .map(|(n, v)| (n.into_owned(), v.into_owned()))
                    .collect()
            })
            .iter()
            .any(|(n, v)| n == name && v == value)
    }
}

#[cfg(test)]
mod tests;
