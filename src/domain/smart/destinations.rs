//! Every place a link can send a visitor, and when: its own target, each rule's,
//! each variant's and the one after expiry. Moderators and peek are shown all of
//! them, so a rule, a split or a switch set for later hides nothing.

use serde::Serialize;
use time::OffsetDateTime;

use super::{Choice, Smart};
use crate::domain::clock::{parse, stamp};

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
    let route = |via: Choice, url: &str| Destination {
        via: via.label(),
        target_url: url.to_owned(),
        from: None,
        until: None,
    };
    let mut all = vec![route(Choice::Default, target)];
    for (i, rule) in smart.rules.iter().enumerate() {
        all.push(Destination {
            from: rule.when.after.map(stamp),
            until: rule.when.before.map(stamp),
            ..route(Choice::Rule(i), &rule.target_url)
        });
    }
    for (i, variant) in smart.variants.iter().enumerate() {
        all.push(route(Choice::Variant(i), &variant.target_url));
    }
    if let Some(url) = expired_url {
        all.push(Destination {
            via: "expired".to_owned(),
            ..route(Choice::Default, url)
        });
    }
    all
}

/// The times a time rule starts or stops holding: where visitors go changes then,
/// with no edit.
fn boundaries(smart: &Smart) -> impl Iterator<Item = OffsetDateTime> + '_ {
    let when = smart.rules.iter().map(|r| &r.when);
    when.flat_map(|w| w.after.into_iter().chain(w.before))
}

/// When visitors were last sent elsewhere, at `now`: the owner's last change
/// (`changed`), or a later boundary of a time rule that `now` has passed; not one
/// from before the link was made (`made`), when nobody was switched.
pub fn switched_at(
    smart: &Smart,
    changed: Option<OffsetDateTime>,
    made: OffsetDateTime,
    now: OffsetDateTime,
) -> Option<OffsetDateTime> {
    let passed = boundaries(smart).filter(|at| *at > made && *at <= now);
    passed.chain(changed).max()
}

/// `switched_at` on stored times (`clock::stamp`): the link's `changed` time, when it
/// was `made`; a stamp, `changed` as it was when there is nothing to add.
pub fn switched_stamp(
    smart: &Smart,
    changed: Option<&str>,
    made: &str,
    now: OffsetDateTime,
) -> Option<String> {
    let Some(made) = parse(made) else {
        return changed.map(str::to_owned);
    };
    let at = switched_at(smart, changed.and_then(parse), made, now);
    at.map(stamp).or_else(|| changed.map(str::to_owned))
}

/// The next time a time rule starts or stops holding after `now`: where visitors
/// will be sent elsewhere with no edit.
pub fn next_switch(smart: &Smart, now: OffsetDateTime) -> Option<OffsetDateTime> {
    boundaries(smart).filter(|at| *at > now).min()
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

    #[test]
    fn a_passed_time_boundary_counts_as_a_switch_and_the_next_one_is_known() {
        let made = datetime!(2027-01-01 00:00 UTC);
        let smart = smart();
        let on = |now| switched_at(&smart, None, made, now);
        assert_eq!(on(datetime!(2027-01-02 00:00 UTC)), None);
        assert_eq!(
            on(datetime!(2027-01-06 00:00 UTC)),
            Some(datetime!(2027-01-05 00:00 UTC))
        );
        assert_eq!(
            on(datetime!(2027-02-01 00:00 UTC)),
            Some(datetime!(2027-01-10 00:00 UTC))
        );
        let edited = Some(datetime!(2027-01-20 00:00 UTC));
        let now = datetime!(2027-02-01 00:00 UTC);
        assert_eq!(switched_at(&smart, edited, made, now), edited);
        let late = datetime!(2027-01-08 00:00 UTC);
        assert_eq!(
            switched_at(&smart, None, late, now),
            Some(datetime!(2027-01-10 00:00 UTC))
        );
        assert_eq!(
            next_switch(&smart, made),
            Some(datetime!(2027-01-05 00:00 UTC))
        );
        assert_eq!(next_switch(&smart, now), None);
    }
}
