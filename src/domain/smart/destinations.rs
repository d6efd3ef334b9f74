//! Every place a link can send a visitor, and when: its own target, each rule's,
//! each variant's and the one after expiry. Moderators and peek are shown all of
//! them, so a rule, a split or a switch set for later hides nothing.

use super::{Decision, Smart};
use crate::domain::clock::stamp;
use serde::Serialize;

/// A place a link can send visitors, and what sends them there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Destination {
    /// What sends visitors there: `default` (the link's own target), `rule 2`,
    /// `variant 1`, or `expired` (where it sends them once expired or used up).
    pub via: String,
    pub target_url: String,
    /// A rule that holds only from this time on (UTC, RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// A rule that holds only until this time, not including it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// Every destination of a link with `target`, `smart` rules and split, and `expired_url`:
/// its own target first, then the rules, the variants and the one after expiry.
pub fn destinations(target: &str, smart: &Smart, expired_url: Option<&str>) -> Vec<Destination> {
    let route = |via: Decision, url: &str| Destination {
        via: via.label(),
        target_url: url.to_owned(),
        from: None,
        until: None,
    };
    let mut all = vec![route(Decision::Default, target)];
    for (i, rule) in smart.rules.iter().enumerate() {
        all.push(Destination {
            from: rule.when.after.map(stamp),
            until: rule.when.before.map(stamp),
            ..route(Decision::Rule(i), &rule.target_url)
        });
    }
    for (i, variant) in smart.variants.iter().enumerate() {
        all.push(route(Decision::Variant(i), &variant.target_url));
    }
    if let Some(url) = expired_url {
        all.push(Destination {
            via: "expired".to_owned(),
            ..route(Decision::Default, url)
        });
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::smart::{Rule, Variant, When};
    use time::macros::datetime;

    fn smart() -> Smart {
        let at = |after, before| When {
            after,
            before,
            ..When::default()
        };
        Smart {
            rules: vec![
                Rule {
                    when: at(Some(datetime!(2027-01-10 00:00 UTC)), None),
                    target_url: "https://later.example/".into(),
                },
                Rule {
                    when: at(None, Some(datetime!(2027-01-05 00:00 UTC))),
                    target_url: "https://first.example/".into(),
                },
            ],
            variants: vec![Variant {
                target_url: "https://b.example/".into(),
                weight: 1,
            }],
        }
    }

    #[test]
    fn every_target_is_a_destination_with_its_times() {
        let all = destinations(
            "https://a.example/",
            &smart(),
            Some("https://gone.example/"),
        );
        let via: Vec<&str> = all.iter().map(|r| r.via.as_str()).collect();
        assert_eq!(via, ["default", "rule 1", "rule 2", "variant 1", "expired"]);
        assert_eq!(all[1].from.as_deref(), Some("2027-01-10T00:00:00Z"));
        assert_eq!(all[2].until.as_deref(), Some("2027-01-05T00:00:00Z"));
        assert_eq!(all[4].target_url, "https://gone.example/");
    }
}
