//! The admin page: the link, its numbers, its chart and its QR code, with the forms
//! that change it.

use askama::Template;
use serde::Serialize;

use super::counts::Counts;
use super::qr_code;
use crate::domain::clock::stamp;
use crate::domain::keys::SecretKey;
use crate::domain::smart::Smart;
use crate::i18n::Text;
use crate::service::{AdminView, Change, StatsChange};
use crate::settings::Settings;
use crate::web::create::SmartFields;
use crate::web::filters;
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
    /// Before its start time: visitors are told when it goes live (`starts_at`).
    #[serde(skip)]
    #[schema(ignore)]
    is_waiting: bool,
    /// The collections the link is in: each can list its admin URL, so the owner sees
    /// them and may take the link out of any.
    collections: Vec<Membership>,
    /// The one-time greeting: `created` or `updated`.
    #[serde(skip)]
    #[schema(ignore)]
    pub flash: Option<String>,
    /// A refused edit: what was typed and why.
    #[serde(skip)]
    #[schema(ignore)]
    pub edit: Option<(String, Text)>,
    /// A refused form of another field (`starts_at`, `title`, `note`): which, and why.
    #[serde(skip)]
    #[schema(ignore)]
    pub refused: Option<(&'static str, Text)>,
    /// The operator allows link previews: the page offers the form.
    #[serde(skip)]
    #[schema(ignore)]
    previews: bool,
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

    /// The message of a refused form beside `field`, if it was that field's.
    fn error_for(&self, field: &str) -> Option<&Text> {
        self.refused
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, message)| message)
    }

    fn remaining(&self) -> Option<i64> {
        self.info
            .max_clicks
            .map(|max| (max - self.info.clicks).max(0))
    }

    fn just_created(&self) -> bool {
        self.flash.as_deref() == Some("created")
    }

    /// The message (its id) of the change just made, if the page follows one.
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

    /// A rule's conditions, in words (the template puts ` · ` between them).
    fn conditions(&self, rule: &RuleInfo) -> Vec<Condition> {
        let when = &rule.rule.when;
        let mut parts = Vec::new();
        if let Some(device) = when.device {
            parts.push(Condition::said("admin-rule-device", device.as_str()));
        }
        if let Some(language) = &when.language {
            parts.push(Condition::said("admin-rule-language", language));
        }
        for (name, value) in &when.query {
            parts.push(Condition {
                id: None,
                value: format!("?{name}={value}"),
                is_time: false,
            });
        }
        if let Some(after) = when.after {
            parts.push(Condition::time("admin-rule-from", stamp(after)));
        }
        if let Some(before) = when.before {
            parts.push(Condition::time("admin-rule-until", stamp(before)));
        }
        parts
    }
}

/// One condition of a rule: the message `id` with its `$value`, or (without an id)
/// the value alone, as code (`?src=poster`).
struct Condition {
    id: Option<&'static str>,
    value: String,
    /// The value is a stored time, shown in the page's language.
    is_time: bool,
}

impl Condition {
    fn said(id: &'static str, value: &str) -> Condition {
        Condition {
            id: Some(id),
            value: value.to_owned(),
            is_time: false,
        }
    }

    fn time(id: &'static str, at: String) -> Condition {
        Condition {
            id: Some(id),
            value: at,
            is_time: true,
        }
    }
}

/// A collection the link is in: its id (for taking the link out) and its name.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Membership {
    pub id: i64,
    pub name: String,
}

impl Membership {
    /// The collections as the admin page and its JSON show them.
    pub fn all(collections: Vec<crate::service::Collection>) -> Vec<Membership> {
        collections
            .into_iter()
            .map(|c| Membership {
                id: c.id,
                name: c.name,
            })
            .collect()
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
    Left,
    Annotated,
    Scheduled,
    Previewed,
}

impl Notice {
    const ALL: [(Notice, &'static str, &'static str); 11] = [
        (Notice::Updated, "updated", "admin-notice-updated"),
        (Notice::ForwardOn, "forward-on", "admin-notice-forward-on"),
        (
            Notice::ForwardOff,
            "forward-off",
            "admin-notice-forward-off",
        ),
        (Notice::StatsOff, "stats-off", "admin-notice-stats-off"),
        (Notice::StatsNew, "stats-new", "admin-notice-stats-new"),
        (Notice::Smart, "smart", "admin-notice-smart"),
        (Notice::Rotated, "rotated", "admin-notice-rotated"),
        (Notice::Left, "left", "admin-notice-left"),
        (Notice::Annotated, "annotated", "admin-notice-annotated"),
        (Notice::Scheduled, "scheduled", "admin-notice-scheduled"),
        (Notice::Previewed, "previewed", "admin-notice-previewed"),
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
            (_, _, Some(StatsChange::New)) => Notice::StatsNew,
            _ if change.starts_at.is_some() => Notice::Scheduled,
            _ if change.preview.is_some() => Notice::Previewed,
            _ => Notice::Annotated,
        }
    }

    /// The word the flash cookie carries.
    pub fn as_str(self) -> &'static str {
        Notice::ALL
            .iter()
            .find(|(n, ..)| *n == self)
            .map_or("updated", |(_, word, _)| word)
    }

    /// The message id of what the page says for the flash `word`; `None` for any
    /// other word.
    fn message(word: &str) -> Option<&'static str> {
        Notice::ALL
            .iter()
            .find(|(_, w, _)| *w == word)
            .map(|(.., message)| *message)
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
            is_waiting: view.is_waiting,
            collections: Membership::all(std::mem::take(&mut view.collections)),
            info: UrlInfo::new(view.link, secret, settings).counted(&view.choices),
            flash: None,
            edit: None,
            refused: None,
            previews: settings.previews,
        }
    }
}

impl Page for AdminPage {}
