//! The admin page: the link, its numbers, its chart and its QR code, with the forms
//! that change it.

use askama::Template;
use serde::Serialize;

use super::counts::Counts;
use super::qr_code;
use crate::domain::clock::stamp;
use crate::domain::keys::SecretKey;
use crate::domain::smart::Smart;
use crate::service::{AdminView, Change, StatsChange};
use crate::settings::Settings;
use crate::web::create::SmartFields;
use crate::web::respond::Page;
use crate::web::url_info::{RuleInfo, UrlInfo};

/// The admin page; `just_created` greets the creator right after the form.
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "admin.html")]
#[schema(as = AdminInfo)]
pub struct AdminPage {
    #[serde(flatten)]
    info: UrlInfo,
    last_clicked_at: Option<String>,
    #[serde(flatten)]
    counts: Counts,
    /// Past its expiry time or its click limit: it answers 410 now.
    is_expired: bool,
    /// The one-time greeting: `created` or `updated`.
    #[serde(skip)]
    #[schema(ignore)]
    pub flash: Option<String>,
    /// A refused edit: what was typed and why.
    #[serde(skip)]
    #[schema(ignore)]
    pub edit: Option<(String, String)>,
    /// The smart link's form: as stored, or as typed when refused or given a row more.
    #[serde(skip)]
    #[schema(ignore)]
    pub smart: SmartFields,
}

impl AdminPage {
    /// The short URL's QR code, inline (without the XML prolog); only HTML renders it.
    fn qr_svg(&self) -> String {
        let svg = qr_code::svg(&self.info.url).unwrap_or_default();
        svg.find("<svg")
            .map_or(svg.clone(), |at| svg[at..].to_owned())
    }

    fn created(&self) -> String {
        for_people(&self.info.created_at)
    }

    fn expires(&self) -> Option<String> {
        self.info.expires_at.as_deref().map(for_people)
    }

    fn remaining(&self) -> Option<i64> {
        self.info
            .max_clicks
            .map(|max| (max - self.info.clicks).max(0))
    }

    fn just_created(&self) -> bool {
        self.flash.as_deref() == Some("created")
    }

    /// The message of the change just made, if the page follows one.
    fn notice(&self) -> Option<&'static str> {
        Notice::message(self.flash.as_deref()?)
    }

    /// Where to try the link's rules (the peek page).
    fn peek_url(&self) -> String {
        match self.info.url.rsplit_once('/') {
            Some((base, key)) => format!("{base}/peek/{key}"),
            None => self.info.url.clone(),
        }
    }

    /// A rule's conditions, in words.
    fn conditions(&self, rule: &RuleInfo) -> String {
        let when = &rule.rule.when;
        let mut parts = Vec::new();
        if let Some(device) = when.device {
            parts.push(format!("device {}", device.as_str()));
        }
        if let Some(language) = &when.language {
            parts.push(format!("language {language}"));
        }
        for (name, value) in &when.query {
            parts.push(format!("?{name}={value}"));
        }
        if let Some(after) = when.after {
            parts.push(format!("from {}", for_people(&stamp(after))));
        }
        if let Some(before) = when.before {
            parts.push(format!("until {}", for_people(&stamp(before))));
        }
        parts.join(" · ")
    }

    fn last_click(&self) -> String {
        self.last_clicked_at
            .as_deref()
            .map_or("never".to_owned(), for_people)
    }
}

/// What the admin page says after a change, carried across the redirect by its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Updated,
    ForwardOn,
    ForwardOff,
    StatsOff,
    StatsNew,
    Rotated,
    Smart,
}

impl Notice {
    const ALL: [(Notice, &'static str, &'static str); 7] = [
        (
            Notice::Updated,
            "updated",
            "Saved: the link now goes to the new address.",
        ),
        (
            Notice::ForwardOn,
            "forward-on",
            "Saved: visitors' query strings are now added to the target.",
        ),
        (
            Notice::ForwardOff,
            "forward-off",
            "Saved: visitors' query strings are no longer added to the target.",
        ),
        (
            Notice::StatsOff,
            "stats-off",
            "The stats link is off: it no longer opens anything.",
        ),
        (
            Notice::StatsNew,
            "stats-new",
            "The stats link was replaced: the old one no longer opens anything.",
        ),
        (
            Notice::Smart,
            "smart",
            "Saved: the rules, the split and where the link leads after the end.",
        ),
        (
            Notice::Rotated,
            "rotated",
            "This page has a new address: the old one no longer works. Bookmark this one now.",
        ),
    ];

    /// The notice of a change (the target's when it has one).
    pub fn of(change: &Change) -> Notice {
        if !change.smart.is_empty() {
            return Notice::Smart;
        }
        match (change.target.is_some(), change.forward_query, change.stats) {
            (true, _, _) => Notice::Updated,
            (_, Some(true), _) => Notice::ForwardOn,
            (_, Some(false), _) => Notice::ForwardOff,
            (_, _, Some(StatsChange::Off)) => Notice::StatsOff,
            _ => Notice::StatsNew,
        }
    }

    /// The word the flash cookie carries.
    pub fn as_str(self) -> &'static str {
        Notice::ALL
            .iter()
            .find(|(n, ..)| *n == self)
            .map_or("updated", |(_, word, _)| word)
    }

    /// What the page says for the flash `word`; `None` for any other word.
    fn message(word: &str) -> Option<&'static str> {
        Notice::ALL
            .iter()
            .find(|(_, w, _)| *w == word)
            .map(|(.., message)| *message)
    }
}

/// `2026-11-28T14:05:09Z` as `2026-11-28 14:05 UTC`.
pub(crate) fn for_people(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => at.to_owned(),
    }
}

impl AdminPage {
    /// The page of `view`, with the absolute URLs built on `base_url`; the secret comes
    /// from the request, as the database has only its hash.
    pub fn new(mut view: AdminView, secret: &SecretKey, settings: &Settings) -> AdminPage {
        let link = &view.link;
        let smart = Smart::from_stored(link.smart.as_deref());
        let smart = SmartFields::stored(&smart, link.expired_url.as_deref(), link.humans_only);
        AdminPage {
            smart,
            last_clicked_at: view.link.last_clicked_at.clone(),
            counts: Counts::take(&mut view),
            is_expired: view.is_expired,
            info: UrlInfo::new(view.link, secret, settings).counted(&view.choices),
            flash: None,
            edit: None,
        }
    }
}

impl Page for AdminPage {}
