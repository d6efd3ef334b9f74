//! The home page: the create form, shown empty or again around a refusal.

use crate::web::single::Single;
use askama::Template;
use serde::Serialize;

use super::form::LinkForm;
use super::smart::SmartFields;
use crate::error::Error;
use crate::i18n::Text;
use crate::settings::Settings;
use crate::web::filters;
use crate::web::respond::{Page, Refusal};

/// What the user typed into the create form, shown again when it is refused
/// (all but the password, which is never sent back).
#[derive(Debug, Default, Clone)]
pub struct FormValues {
    pub target_url: String,
    pub custom_key: String,
    pub expires_at: String,
    pub starts_at: String,
    pub max_clicks: String,
    pub check_target: bool,
    pub target_urls: String,
    pub forward_query: bool,
    /// The collection the link joins (the create form of a collection's page).
    pub collection: String,
    /// The campaign tags, in `query::CAMPAIGN_TAGS` order.
    pub campaign: [String; 5],
    /// Rules, split, fallback after the end, `humans_only`.
    pub smart: SmartFields,
    /// The owner's title and note.
    pub title: String,
    pub note: String,
    /// The link preview's title, description and image URL.
    pub preview: [String; 3],
}

impl From<LinkForm> for FormValues {
    fn from(form: LinkForm) -> FormValues {
        FormValues {
            target_url: form.target_url.unwrap_or_default(),
            custom_key: form.custom_key.unwrap_or_default(),
            expires_at: form.expires_at.unwrap_or_default(),
            starts_at: form.starts_at.unwrap_or_default(),
            max_clicks: form.max_clicks.unwrap_or_default(),
            check_target: form.check_target,
            forward_query: form.forward_query,
            collection: form.collection.unwrap_or_default(),
            campaign: [
                form.utm_source,
                form.utm_medium,
                form.utm_campaign,
                form.utm_term,
                form.utm_content,
            ]
            .map(Single::unwrap_or_default),
            target_urls: form.target_urls.unwrap_or_default(),
            title: form.title.unwrap_or_default(),
            note: form.note.unwrap_or_default(),
            preview: [
                form.preview_title,
                form.preview_description,
                form.preview_image_url,
            ]
            .map(Single::unwrap_or_default),
            smart: SmartFields::typed(
                form.rule,
                form.variant,
                form.expired_url.unwrap_or_default(),
                form.humans_only.0,
                form.more.as_deref(),
            ),
        }
    }
}

/// The home page; as JSON, the tutorial's welcome plus a map of the API.
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "index.html")]
#[schema(as = Welcome)]
pub struct IndexPage {
    detail: &'static str,
    endpoints: [String; 5],
    #[serde(skip)]
    #[schema(ignore)]
    form: FormValues,
    /// The smart link's rows (shared with the admin page's form).
    #[serde(skip)]
    #[schema(ignore)]
    smart: SmartFields,
    #[serde(skip)]
    #[schema(ignore)]
    error: Option<FieldError>,
    /// This browser has no creator token yet in private mode, or sent a refused one:
    /// the page asks for it instead of showing the create forms.
    #[serde(skip)]
    #[schema(ignore)]
    pub ask_token: bool,
    /// The "shorten this page" bookmark: opens this form filled in with the page
    /// the browser is on.
    #[serde(skip)]
    #[schema(ignore)]
    bookmarklet: String,
    /// Private mode: the ShareX uploader needs the user's creator token.
    #[serde(skip)]
    #[schema(ignore)]
    private: bool,
    /// The operator allows link previews: "More options" offers them.
    #[serde(skip)]
    #[schema(ignore)]
    previews: bool,
}

/// A refused form's message and the field it belongs to (`None`: the whole form).
struct FieldError {
    field: Option<&'static str>,
    message: Text,
}

/// A `javascript:` bookmark that opens the home page of `base` with the current
/// page's address in the form (`GET /?url=`); a quote in `base` cannot end its string.
fn bookmarklet(base: &str) -> String {
    let base = base.replace('\'', "%27").replace('\\', "%5C");
    format!("javascript:location.href='{base}/?url='+encodeURIComponent(location.href)")
}

impl FormValues {
    /// The form filled in from what a share sheet or the bookmark sends (`GET /?url=`,
    /// `text`): `url`, or else the first http(s) address in `text`. Nothing is created.
    pub fn shared(url: Option<&str>, text: Option<&str>) -> FormValues {
        let url = url.map(str::trim).filter(|url| !url.is_empty());
        let target = url.or_else(|| text.and_then(first_address)).unwrap_or("");
        FormValues {
            target_url: target.chars().take(MAX_PREFILL).collect(),
            ..FormValues::default()
        }
    }
}

/// More than a target may be long (2048), so a too-long one is shown and refused
/// on submit; bounded all the same.
const MAX_PREFILL: usize = 4096;

/// The first word of `text` that starts as an http(s) address, without the
/// punctuation that ends a sentence around it.
fn first_address(text: &str) -> Option<&str> {
    text.split_whitespace()
        .map(|word| word.trim_start_matches(['(', '<', '"', '\'']))
        .find(|word| {
            let lower = word.get(..8).unwrap_or(word).to_ascii_lowercase();
            lower.starts_with("http://") || lower.starts_with("https://")
        })
        .map(|word| word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '>', '"', '\'']))
}

impl IndexPage {
    /// The page with `form` filled in, and `error` (if any) beside its field.
    pub fn new(settings: &Settings, mut form: FormValues, error: Option<&Error>) -> IndexPage {
        let base = &settings.base_url;
        let smart = std::mem::take(&mut form.smart);
        let smart = match smart.rules.is_empty() {
            true => SmartFields::typed(vec![], vec![], String::new(), None, None),
            false => smart,
        };
        IndexPage {
            detail: "Welcome to the URL shortener API :)",
            endpoints: [
                format!("POST {base}/url {{\"target_url\": ..., \"custom_key\": ...}}"),
                format!("GET {base}/{{key}}"),
                format!("GET {base}/peek/{{key}}"),
                format!("GET {base}/admin/{{secret_key}}"),
                format!("DELETE {base}/admin/{{secret_key}}"),
            ],
            bookmarklet: bookmarklet(base),
            private: settings.private,
            previews: settings.previews,
            form,
            smart: smart.refused(error),
            ask_token: matches!(error, Some(Error::TokenRequired)),
            error: error.map(|e| FieldError {
                field: match e {
                    Error::TokenRequired => Some("token"),
                    e => e.field(),
                },
                message: e.text(),
            }),
        }
    }

    /// The message to show beside `field`, if the error is about it.
    fn error_for(&self, field: &str) -> Option<&Text> {
        self.error
            .as_ref()
            .filter(|e| e.field == Some(field))
            .map(|e| &e.message)
    }

    /// Whether "more options" starts open: something in it was typed or refused.
    fn options_open(&self) -> bool {
        let f = &self.form;
        let typed = !f.expires_at.is_empty()
            || !f.starts_at.is_empty()
            || !f.max_clicks.is_empty()
            || f.check_target
            || f.forward_query
            || !f.title.is_empty()
            || !f.note.is_empty()
            || f.preview.iter().any(|part| !part.is_empty())
            || f.campaign.iter().any(|tag| !tag.is_empty());
        let refused = [
            "expires_at",
            "starts_at",
            "max_clicks",
            "password",
            "title",
            "note",
            "preview",
        ]
        .into_iter()
        .chain(crate::domain::query::CAMPAIGN_TAGS)
        .any(|field| self.error_for(field).is_some());
        typed || refused
    }

    /// Each campaign tag's field name, what was typed, and its message if refused.
    fn campaign(&self) -> Vec<(&'static str, &str, Option<&Text>)> {
        crate::domain::query::CAMPAIGN_TAGS
            .into_iter()
            .zip(&self.form.campaign)
            .map(|(name, typed)| (name, typed.as_str(), self.error_for(name)))
            .collect()
    }

    /// The message about the form as a whole, if any.
    fn form_error(&self) -> Option<&Text> {
        self.error
            .as_ref()
            .filter(|e| e.field.is_none())
            .map(|e| &e.message)
    }
}

impl Page for IndexPage {}

/// A refused create: programs get the error, people get the form back with what
/// they typed and the message beside the field.
pub type Refused = Refusal<IndexPage>;

/// The refusal of a create whose form was `values`.
pub fn refused(error: Error, values: FormValues, settings: &Settings) -> Refused {
    let page = IndexPage::new(settings, values, Some(&error));
    Refusal {
        error,
        page: Some(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_fills_in_its_url_or_else_the_first_address_in_its_text() {
        let target = |url, text| FormValues::shared(url, text).target_url;
        assert_eq!(
            target(Some(" https://a.example/x "), Some("https://b.example/")),
            "https://a.example/x"
        );
        assert_eq!(
            target(None, Some("Look: https://b.example/p?q=1, nice.")),
            "https://b.example/p?q=1"
        );
        assert_eq!(
            target(Some(""), Some("(HTTP://c.example/)")),
            "HTTP://c.example/"
        );
        assert_eq!(target(None, Some("no address here, ftp://d.example/")), "");
        assert_eq!(target(None, None), "");
    }

    #[test]
    fn the_bookmarklet_keeps_a_quote_in_the_base_url_inside_its_string() {
        let mark = bookmarklet("https://sho.rt/it's");
        assert_eq!(
            mark,
            "javascript:location.href='https://sho.rt/it%27s/?url='+encodeURIComponent(location.href)"
        );
    }
}
