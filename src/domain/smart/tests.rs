use rand::rngs::StdRng;
use rand::SeedableRng;
use time::macros::datetime;

use super::*;
use crate::domain::target::OwnHosts;

const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const PIXEL: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

fn own() -> OwnHosts {
    OwnHosts::new(url::Host::Domain("sho.rt"), [127, 0, 0, 1].into(), 8000)
}

fn rule(when: When, target: &str) -> Rule {
    Rule {
        when,
        target_url: target.to_owned(),
    }
}

fn device(device: Device) -> When {
    When {
        device: Some(device),
        ..When::default()
    }
}

fn variant(target: &str, weight: u32) -> Variant {
    Variant {
        target_url: target.to_owned(),
        weight,
    }
}

fn decide(smart: &Smart, asking: RuleInput<'_>, now: OffsetDateTime) -> Choice {
    smart.decide(&asking, now, None, &mut StdRng::seed_from_u64(1))
}

const NOW: OffsetDateTime = datetime!(2027-03-01 12:00 UTC);

#[test]
fn the_first_rule_that_holds_decides_and_none_means_the_default() {
    let smart = Smart {
        rules: vec![
            rule(device(Device::Ios), "https://apps.apple.com/"),
            rule(device(Device::Mobile), "https://m.example/"),
            rule(device(Device::Android), "https://play.google.com/"),
        ],
        variants: vec![],
    };
    let ua = |ua| RuleInput {
        user_agent: Some(ua),
        ..RuleInput::default()
    };
    assert_eq!(decide(&smart, ua(IPHONE), NOW), Choice::Rule(0));
    assert_eq!(
        decide(&smart, ua(PIXEL), NOW),
        Choice::Rule(1),
        "mobile comes first"
    );
    assert_eq!(decide(&smart, ua(WINDOWS), NOW), Choice::Default);
    assert_eq!(decide(&smart, RuleInput::default(), NOW), Choice::Default);
}

#[test]
fn every_condition_of_a_rule_must_hold() {
    let when = When {
        device: Some(Device::Android),
        language: Some("de".into()),
        query: [("src".to_owned(), "poster one".to_owned())].into(),
        after: Some(datetime!(2027-01-01 0:00 UTC)),
        before: Some(datetime!(2027-06-01 0:00 UTC)),
    };
    let smart = Smart {
        rules: vec![rule(when, "https://de.example/")],
        variants: vec![],
    };
    let all = RuleInput {
        user_agent: Some(PIXEL),
        accept_language: Some("de-AT,de;q=0.9,en;q=0.5"),
        query: Some("x=1&src=poster%20one"),
        ..RuleInput::default()
    };
    assert_eq!(decide(&smart, all, NOW), Choice::Rule(0));
    let plus = RuleInput {
        query: Some("src=poster+one"),
        ..all
    };
    assert_eq!(decide(&smart, plus, NOW), Choice::Rule(0), "+ is a space");
    let misses = [
        RuleInput {
            user_agent: Some(IPHONE),
            ..all
        },
        RuleInput {
            accept_language: Some("en-US,en;q=0.9,de;q=0.8"),
            ..all
        },
        RuleInput {
            query: Some("src=poster"),
            ..all
        },
        RuleInput { query: None, ..all },
    ];
    for asking in misses {
        assert_eq!(decide(&smart, asking, NOW), Choice::Default, "{asking:?}");
    }
    assert_eq!(
        decide(&smart, all, datetime!(2026-12-31 23:59 UTC)),
        Choice::Default
    );
    assert_eq!(
        decide(&smart, all, datetime!(2027-06-01 0:00 UTC)),
        Choice::Default
    );
    assert_eq!(
        decide(&smart, all, datetime!(2027-01-01 0:00 UTC)),
        Choice::Rule(0)
    );
}

#[test]
fn a_peeks_stand_ins_replace_the_headers() {
    let smart = Smart {
        rules: vec![
            rule(device(Device::Ios), "https://apps.apple.com/"),
            rule(
                When {
                    language: Some("fr".into()),
                    ..When::default()
                },
                "https://fr.example/",
            ),
        ],
        variants: vec![],
    };
    let asking = RuleInput {
        user_agent: Some(WINDOWS),
        accept_language: Some("en"),
        device: Some(Seen::Ios),
        ..RuleInput::default()
    };
    assert_eq!(decide(&smart, asking, NOW), Choice::Rule(0));
    let french = RuleInput {
        device: None,
        language: Some("FR"),
        ..asking
    };
    assert_eq!(decide(&smart, french, NOW), Choice::Rule(1));
}

#[test]
fn ten_thousand_visits_split_in_proportion_to_the_weights() {
    let smart = Smart {
        rules: vec![],
        variants: vec![
            variant("https://a.example/", 50),
            variant("https://b.example/", 30),
            variant("https://c.example/", 20),
        ],
    };
    let mut rng = StdRng::seed_from_u64(7);
    let mut seen = [0usize; 3];
    for _ in 0..10_000 {
        match smart.decide(&RuleInput::default(), NOW, None, &mut rng) {
            Choice::Variant(i) => seen[i] += 1,
            other => panic!("{other:?}"),
        }
    }
    // 10,000 draws: a share's standard deviation is at most 0.5 percentage points,
    // so 2 points is four of them.
    for (count, share) in seen.iter().zip([50.0, 30.0, 20.0]) {
        let percent = *count as f64 / 100.0;
        assert!((percent - share).abs() < 2.0, "{seen:?}");
    }
}

#[test]
fn a_visitor_keeps_the_variant_of_its_cookie_while_it_exists() {
    let smart = Smart {
        rules: vec![],
        variants: vec![
            variant("https://a.example/", 99),
            variant("https://b.example/", 1),
        ],
    };
    let mut rng = StdRng::seed_from_u64(3);
    for _ in 0..100 {
        let sticky = sticky(Some("theme=dark; variant=2"));
        assert_eq!(
            smart.decide(&RuleInput::default(), NOW, sticky, &mut rng),
            Choice::Variant(1)
        );
    }
    assert_eq!(sticky(Some("variant=9")), Some(8));
    let gone = smart.decide(&RuleInput::default(), NOW, Some(8), &mut rng);
    assert!(matches!(gone, Choice::Variant(0 | 1)), "drawn again");
    for garbage in [
        None,
        Some(""),
        Some("variant=x"),
        Some("variant=0"),
        Some("avariant=1"),
    ] {
        assert_eq!(sticky(garbage), None, "{garbage:?}");
    }
}

#[test]
fn rules_win_over_the_split() {
    let smart = Smart {
        rules: vec![rule(device(Device::Desktop), "https://desk.example/")],
        variants: vec![
            variant("https://a.example/", 1),
            variant("https://b.example/", 1),
        ],
    };
    let desktop = RuleInput {
        user_agent: Some(WINDOWS),
        ..RuleInput::default()
    };
    assert_eq!(decide(&smart, desktop, NOW), Choice::Rule(0));
    assert!(matches!(
        decide(&smart, RuleInput::default(), NOW),
        Choice::Variant(_)
    ));
    assert_eq!(smart.target(Choice::Rule(0)), Some("https://desk.example/"));
    assert_eq!(smart.target(Choice::Default), None);
}

#[test]
fn checks_refuse_what_cannot_work_and_name_the_place() {
    let ok = rule(device(Device::Ios), "https://Apps.Apple.com");
    let checked = Smart::checked(vec![ok.clone()], vec![], &own()).unwrap();
    assert_eq!(checked.rules[0].target_url, "https://apps.apple.com/");
    let refusals = [
        (vec![rule(When::default(), "https://a.example/")], vec![]),
        (vec![ok.clone(); 21], vec![]),
        (vec![rule(device(Device::Ios), "ftp://a.example/")], vec![]),
        (vec![rule(device(Device::Ios), "http://sho.rt/abc")], vec![]),
        (
            vec![rule(
                When {
                    language: Some("deutsch-1".into()),
                    ..When::default()
                },
                "https://a.example/",
            )],
            vec![],
        ),
        (
            vec![rule(
                When {
                    after: Some(NOW),
                    before: Some(NOW),
                    ..When::default()
                },
                "https://a.example/",
            )],
            vec![],
        ),
        (vec![], vec![variant("https://a.example/", 50)]),
        (vec![], vec![variant("https://a.example/", 1); 6]),
        (
            vec![],
            vec![
                variant("https://a.example/", 0),
                variant("https://b.example/", 1),
            ],
        ),
        (
            vec![],
            vec![
                variant("https://a.example/", 101),
                variant("https://b.example/", 1),
            ],
        ),
    ];
    for (rules, variants) in refusals {
        let error = Smart::checked(rules.clone(), variants.clone(), &own()).unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with("Rule ")
                || text.starts_with("Variant ")
                || text.contains("at most")
                || text.contains("2 to 5"),
            "{text}"
        );
    }
}

#[test]
fn a_stored_value_reads_back_the_same() {
    let smart = Smart {
        rules: vec![rule(
            When {
                device: Some(Device::Mobile),
                query: [("a".to_owned(), "b".to_owned())].into(),
                after: Some(NOW),
                ..When::default()
            },
            "https://a.example/",
        )],
        variants: vec![
            variant("https://a.example/", 1),
            variant("https://b.example/", 2),
        ],
    };
    let stored = smart.stored().unwrap();
    assert_eq!(Smart::from_stored(Some(&stored)), smart);
    assert_eq!(Smart::default().stored(), None);
    assert!(Smart::from_stored(Some("not json")).is_empty());
    assert_eq!(Choice::Rule(1).label(), "rule 2");
    assert_eq!(Choice::Variant(0).label(), "variant 1");
}

#[test]
fn a_program_is_told_by_an_accept_that_prefers_json_or_by_a_json_body() {
    let with = |accept| RuleInput {
        accept: Some(accept),
        ..RuleInput::default()
    };
    assert!(with("application/json").is_program());
    assert!(with("text/html;q=0.5, application/json").is_program());
    assert!(with("Application/JSON").is_program());
    assert!(!with("text/html,application/xhtml+xml,*/*;q=0.8").is_program());
    assert!(!with("application/json;q=0.1, text/html").is_program());
    assert!(!with("").is_program());
    assert!(!RuleInput::default().is_program());
    let body = RuleInput {
        program: true,
        ..RuleInput::default()
    };
    assert!(body.is_program());
}
