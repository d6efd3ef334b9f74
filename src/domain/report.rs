//! What a visitor may say when reporting a link: one of a few reasons, and a short
//! text. Nothing about the visitor is part of a report.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::i18n::Text;

/// Longest `details` accepted, in characters.
pub const MAX_DETAILS: usize = 1000;

/// Why a link is reported.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, rocket::FromFormField,
)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    Phishing,
    Malware,
    Spam,
    Illegal,
    Other,
}

impl Reason {
    /// Every reason, in the order forms and counts show them.
    pub const ALL: [Reason; 5] = [
        Reason::Phishing,
        Reason::Malware,
        Reason::Spam,
        Reason::Illegal,
        Reason::Other,
    ];

    /// The name stored and sent (`phishing`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Phishing => "phishing",
            Reason::Malware => "malware",
            Reason::Spam => "spam",
            Reason::Illegal => "illegal",
            Reason::Other => "other",
        }
    }

    /// The reason a stored name stands for.
    pub fn parse(name: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// How a form shows it: the id of its message in the catalogs.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Phishing => "report-reason-phishing",
            Reason::Malware => "report-reason-malware",
            Reason::Spam => "report-reason-spam",
            Reason::Illegal => "report-reason-illegal",
            Reason::Other => "report-reason-other",
        }
    }
}

/// A report's free text: trimmed, at most `MAX_DETAILS` characters, no control
/// characters but line breaks and tabs; empty is none.
pub fn details(raw: Option<&str>) -> Result<Option<String>, Error> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_DETAILS {
        return Err(invalid(
            Text::new("error-details-too-long").with("max", MAX_DETAILS),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(invalid(Text::new("error-details-control")));
    }
    Ok(Some(text.to_owned()))
}

/// The operator's reason for disabling a link: required, one line, at most 200 characters.
pub fn disable_reason(raw: &str) -> Result<String, Error> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Error::Invalid {
            field: "reason",
            message: Text::new("error-disable-reason-missing"),
        });
    }
    if text.chars().count() > 200 || text.chars().any(char::is_control) {
        return Err(Error::Invalid {
            field: "reason",
            message: Text::new("error-disable-reason-too-long").with("max", 200),
        });
    }
    Ok(text.to_owned())
}

fn invalid(message: Text) -> Error {
    Error::Invalid {
        field: "details",
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_trimmed_and_bounded() {
        assert_eq!(details(None).unwrap(), None);
        assert_eq!(details(Some("  ")).unwrap(), None);
        assert_eq!(details(Some(" a\nb ")).unwrap().as_deref(), Some("a\nb"));
        assert!(details(Some(&"é".repeat(1000))).is_ok());
        assert!(details(Some(&"é".repeat(1001))).is_err());
        assert!(details(Some("a\u{0}b")).is_err());
    }

    #[test]
    fn a_disable_reason_is_required_and_short() {
        assert!(disable_reason(" ").is_err());
        assert!(disable_reason(&"x".repeat(201)).is_err());
        assert!(disable_reason("a\nb").is_err());
        assert_eq!(disable_reason(" Phishing ").unwrap(), "Phishing");
    }

    #[test]
    fn reasons_round_trip_by_name() {
        for reason in Reason::ALL {
            assert_eq!(Reason::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(Reason::parse("Phishing"), None);
    }
}
