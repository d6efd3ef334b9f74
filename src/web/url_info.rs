//! The tutorial's `URLInfo`: what programs get for a link they own, on every route
//! that answers with one (create, bulk, edit, rotate, a collection's list).

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::keys::SecretKey;
use crate::domain::preview::Preview;
use crate::domain::smart::{Choice, Rule, Smart, Variant, When};
use crate::service::Link;
use crate::settings::Settings;

/// The tutorial's `URLInfo`: what programs get for a link they own.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = URLInfo)]
pub struct UrlInfo {
    pub target_url: String,
    pub is_active: bool,
    pub clicks: i64,
    pub url: String,
    pub admin_url: String,
    pub created_at: String,
    /// When the link stops forwarding, if ever (UTC, RFC 3339).
    pub expires_at: Option<String>,
    /// When the link goes live (UTC, RFC 3339): before it, visitors get a 404 that
    /// says when; `null`: live from its creation.
    pub starts_at: Option<String>,
    /// The click that reaches this is the last one forwarded.
    pub max_clicks: Option<i64>,
    pub password_protected: bool,
    /// Why the operator disabled it (it answers 410, and cannot be edited); `null`
    /// unless disabled.
    pub disabled_reason: Option<String>,
    /// When the target was last changed (UTC, RFC 3339); `null`: never.
    pub target_changed_at: Option<String>,
    /// The read-only statistics page to share (counts only: no target editing, no
    /// delete, no secret); `null` when the owner turned it off.
    pub stats_url: Option<String>,
    /// Visitors' query strings are added to the target (their value wins on a name
    /// the target has too).
    pub forward_query: bool,
    /// Where some visitors go instead: the first rule whose conditions all hold
    /// decides; `[]`: none.
    pub rules: Vec<RuleInfo>,
    /// The split of the visits no rule took; `[]`: none.
    pub variants: Vec<VariantInfo>,
    /// Where visitors go once the link has expired or is used up; `null`: its 410 page.
    pub expired_url: Option<String>,
    /// Known link scanners and previewers get a page with a Continue button, and are
    /// not counted.
    pub humans_only: bool,
    /// The owner's title for the link; `null`: none.
    pub title: Option<String>,
    /// The owner's note (only ever shown with the admin secret); `null`: none.
    pub note: Option<String>,
    /// What link previewers are shown on the Continue page (where the operator turned
    /// previews on); `null`: none.
    pub preview: Option<Preview>,
}

/// A rule, with the clicks it took over the admin page's window (0 elsewhere).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RuleInfo {
    #[serde(flatten)]
    #[schema(inline, value_type = RuleShape)]
    pub rule: Rule,
    pub clicks: i64,
}

/// A variant, with the clicks it took over the admin page's window (0 elsewhere).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VariantInfo {
    #[serde(flatten)]
    #[schema(inline, value_type = VariantShape)]
    pub variant: Variant,
    pub clicks: i64,
}

/// A rule as answers give it (`Rule`'s fields, for the API description).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
struct RuleShape {
    when: When,
    target_url: String,
}

/// A variant as answers give it (`Variant`'s fields, for the API description).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
struct VariantShape {
    target_url: String,
    weight: u32,
}

impl UrlInfo {
    /// A link of a collection: its admin URL from the secret the collection opened
    /// (empty in the one case it could not be opened).
    pub fn listed(link: Link, secret: Option<&SecretKey>, settings: &Settings) -> UrlInfo {
        let admin_url = secret.map(|s| settings.admin_url(s.as_str()));
        UrlInfo::with_admin_url(link, admin_url.unwrap_or_default(), settings)
    }

    /// Builds the absolute `url` and `admin_url` on the configured `base_url`; the
    /// secret comes from the request or the create, as the database has only its hash.
    pub fn new(link: Link, secret: &SecretKey, settings: &Settings) -> UrlInfo {
        UrlInfo::with_admin_url(link, settings.admin_url(secret.as_str()), settings)
    }

    /// The same, with each rule's and variant's clicks from `choices` (by label).
    pub fn counted(mut self, choices: &HashMap<String, i64>) -> UrlInfo {
        for (i, rule) in self.rules.iter_mut().enumerate() {
            rule.clicks = choices.get(&Choice::Rule(i).label()).copied().unwrap_or(0);
        }
        for (i, variant) in self.variants.iter_mut().enumerate() {
            variant.clicks = choices
                .get(&Choice::Variant(i).label())
                .copied()
                .unwrap_or(0);
        }
        self
    }

    fn with_admin_url(link: Link, admin_url: String, settings: &Settings) -> UrlInfo {
        let smart = Smart::from_stored(link.smart.as_deref());
        UrlInfo {
            rules: smart
                .rules
                .into_iter()
                .map(|rule| RuleInfo { rule, clicks: 0 })
                .collect(),
            variants: smart
                .variants
                .into_iter()
                .map(|variant| VariantInfo { variant, clicks: 0 })
                .collect(),
            expired_url: link.expired_url,
            humans_only: link.humans_only,
            title: link.title,
            note: link.note,
            preview: Preview::from_stored(link.preview.as_deref()),
            url: settings.short_url(&link.key),
            admin_url,
            target_url: link.target_url,
            is_active: link.is_active,
            clicks: link.clicks,
            created_at: link.created_at,
            expires_at: link.expires_at,
            starts_at: link.starts_at,
            max_clicks: link.max_clicks,
            password_protected: link.password_hash.is_some(),
            disabled_reason: link.disabled_reason,
            target_changed_at: link.target_changed_at,
            stats_url: link.stats_token.map(|token| settings.stats_url(&token)),
            forward_query: link.forward_query,
        }
    }
}
