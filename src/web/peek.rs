//! `GET /peek/<key>`: where a link goes, without going there and without counting,
//! and, for a smart link, which rule or variant would decide for a device, a
//! language, a query and a time of the asker's choosing.

use askama::Template;
use rocket::get;
use serde::Serialize;
use time::OffsetDateTime;

use super::follow::{LockedPage, Visitor};
use super::respond::{Negotiated, Refusal};
use crate::domain::clock;
use crate::domain::keys::ShortKey;
use crate::domain::smart::destinations::Destination;
use crate::domain::smart::{language, Device};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::web::filters;

/// Where a link goes, without going there (and without counting a click).
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "peek.html")]
#[schema(as = Peek)]
pub struct PeekPage {
    target_url: String,
    url: String,
    /// When the owner last changed the target (UTC, RFC 3339); `null`: never.
    target_changed_at: Option<String>,
    /// What decided: `rule 2`, `variant 1`, `default` (the link's own target) or
    /// `expired` (its `expired_url`).
    decided_by: String,
    /// Every place the link can send a visitor, named as `decided_by` names them,
    /// its own target first; a rule that holds only for a time has `from`/`until`.
    destinations: Vec<Destination>,
    /// When a time rule will next send visitors elsewhere, with no edit (UTC, RFC
    /// 3339, after the time asked about); `null`: never.
    next_switch_at: Option<String>,
    /// The inputs tried, shown again in the page's form.
    #[serde(skip)]
    #[schema(ignore)]
    tried: Inputs,
    /// This page's path, where its form asks again.
    #[serde(skip)]
    #[schema(ignore)]
    path: String,
    /// Where the "Report this link" form posts.
    #[serde(skip)]
    #[schema(ignore)]
    report: super::report::ReportForm,
}

impl PeekPage {
    /// The places it sends visitors besides its own target.
    fn other_destinations(&self) -> impl Iterator<Item = &Destination> {
        self.destinations.iter().filter(|d| d.via != "default")
    }

    /// What sends visitors along `destination`, in words.
    fn via(&self, destination: &Destination) -> Text {
        super::destinations::via(destination)
    }

    /// What decided, in words (`decided_by` stays as it is in JSON).
    fn decided(&self) -> Text {
        let numbered = |prefix: &str| {
            self.decided_by
                .strip_prefix(prefix)
                .and_then(|n| n.parse::<i64>().ok())
        };
        if let Some(n) = numbered("rule ") {
            Text::new("peek-decided-rule").with("number", n)
        } else if let Some(n) = numbered("variant ") {
            Text::new("peek-decided-variant").with("number", n)
        } else if self.decided_by == "default" {
            Text::new("peek-decided-default")
        } else if self.decided_by == "expired" {
            Text::new("peek-decided-expired")
        } else {
            Text::new("peek-decided-other").with("what", self.decided_by.as_str())
        }
    }
}

/// A peek's own parameters, as the API description gives them (`Inputs` reads them).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct Tried {
    /// The visitor's device (default: from User-Agent).
    device: Option<Device>,
    /// A language tag such as `de` (default: from Accept-Language).
    #[param(pattern = "^[A-Za-z]{2,8}$")]
    language: Option<String>,
    /// The time of the visit (RFC 3339; default: now).
    #[param(value_type = Option<String>, format = DateTime)]
    at: Option<String>,
}

/// A peek's own parameters, and the rest: the short link's query to try.
#[derive(Debug, Default)]
struct Inputs {
    device: Option<Device>,
    language: Option<String>,
    at: Option<OffsetDateTime>,
    /// Every other parameter, encoded again as a query string.
    rest: Vec<(String, String)>,
}

impl Inputs {
    /// Reads `device`, `language` and `at`; refuses values they cannot have.
    fn of(query: Option<&str>) -> Result<Inputs> {
        let invalid = |field: &'static str, id: &'static str| Error::Invalid {
            field,
            message: crate::i18n::Text::new(id),
        };
        let mut inputs = Inputs::default();
        for (name, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            let value = value.trim();
            match &*name {
                _ if value.is_empty() && matches!(&*name, "device" | "language" | "at") => {}
                "device" => {
                    let device = Device::named(value);
                    let message = "error-peek-device";
                    inputs.device = Some(device.ok_or_else(|| invalid("device", message))?);
                }
                "language" if language::is_language(value) => {
                    inputs.language = Some(value.to_ascii_lowercase());
                }
                "language" => return Err(invalid("language", "error-peek-language")),
                "at" => {
                    let at = clock::read(value).map_err(|bad| match bad {
                        clock::BadTime::Format => invalid("at", "error-peek-at"),
                        clock::BadTime::Range => invalid("at", "error-peek-at-range"),
                    })?;
                    inputs.at = Some(at);
                }
                _ => inputs.rest.push((name.into_owned(), value.to_owned())),
            }
        }
        Ok(inputs)
    }

    /// The short link's query to try, encoded.
    fn query(&self) -> Option<String> {
        (!self.rest.is_empty()).then(|| {
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&self.rest)
                .finish()
        })
    }

    /// The devices the form offers: value, the message naming it, and whether it
    /// is the one tried.
    fn devices(&self) -> Vec<(&'static str, &'static str, bool)> {
        let tried = self.device;
        Device::ALL
            .into_iter()
            .map(|d| {
                let label = match d {
                    Device::Ios => "peek-device-ios",
                    Device::Android => "peek-device-android",
                    Device::Mobile => "peek-device-mobile",
                    Device::Desktop => "peek-device-desktop",
                };
                (d.as_str(), label, Some(d) == tried)
            })
            .collect()
    }

    /// The time tried, as the form's field shows it.
    fn at_field(&self) -> String {
        self.at.map(clock::stamp).unwrap_or_default()
    }
}

#[utoipa::path(get, path = "/peek/{key}", tag = "links", summary = "Where a link goes, without going there",
    description = "For a smart link, which rule or variant decides for the given device, language, \
                   query parameters and time (each defaults to the asker's own). Counts nothing.",
    params(("key" = String, Path, description = "The short key"), Tried),
    responses(
        (status = 200, description = "The target, shown (with a link to it), and what decided",
            content((PeekPage = "application/json"), (String = "text/html"))),
        (status = 401, description = "Protected: the target is not shown", body = crate::web::respond::ErrorPage),
        (status = 404, body = crate::web::respond::ErrorPage),
        (status = 410, description = "Expired, used up, or disabled by the operator", body = crate::web::respond::ErrorPage),
        (status = 422, description = "A device, language or time it cannot be", body = crate::web::respond::ErrorPage),
    ))]
#[get("/peek/<key>")]
pub async fn peek(
    key: Result<ShortKey, Error>,
    visitor: Visitor<'_>,
) -> Result<Negotiated<PeekPage>, Refusal<LockedPage>> {
    let key = key?;
    let tried = Inputs::of(visitor.query)?;
    let query = tried.query();
    let mut asking = visitor.rule_input();
    asking.query = query.as_deref();
    asking.device = tried.device.map(Device::as_seen);
    asking.language = tried.language.as_deref();
    let peeked = match visitor.links.peek(&key, &asking, tried.at).await {
        Ok(peeked) => peeked,
        Err(e @ (Error::Gone | Error::Disabled(_))) => {
            return Err(LockedPage::refusal(e, &key, visitor.settings, None))
        }
        Err(e) => return Err(e.into()),
    };
    let link = peeked.link;
    Ok(Negotiated(PeekPage {
        url: visitor.settings.short_url(&link.key),
        target_url: peeked.target_url,
        target_changed_at: link.target_changed_at,
        decided_by: peeked.decided_by,
        destinations: peeked.destinations,
        next_switch_at: peeked.next_switch_at,
        report: super::report::ReportForm::new(&link.key),
        path: format!("/peek/{}", link.key),
        tried,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peeks_own_parameters_are_taken_out_and_the_rest_kept_encoded() {
        let inputs =
            Inputs::of(Some("device=ios&language=DE&at=2027-01-01T10:00&src=a%20b")).unwrap();
        assert_eq!(inputs.device, Some(Device::Ios));
        assert_eq!(inputs.language.as_deref(), Some("de"));
        assert_eq!(inputs.at_field(), "2027-01-01T10:00:00Z");
        assert_eq!(inputs.query().as_deref(), Some("src=a+b"));
        let empty = Inputs::of(Some("device=&language=&at=")).unwrap();
        assert!(empty.device.is_none() && empty.at.is_none() && empty.query().is_none());
    }

    #[test]
    fn values_a_peek_cannot_try_are_refused() {
        for bad in ["device=phone", "language=d3", "at=tomorrow"] {
            assert!(Inputs::of(Some(bad)).is_err(), "{bad}");
        }
    }
}
