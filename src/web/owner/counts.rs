//! A link's clicks as its pages show them (the admin page, and the stats page that
//! shows nothing else): clicks per day over a window, referrers and client kinds.

use serde::Serialize;

use super::chart::Chart;
use crate::domain::visit::{self, Client};
use crate::domain::window::Window;
use crate::service::machinery::history::OTHER_HOSTS;
use crate::service::{AdminView, DayClicks, SourceClicks};

/// The counts of one link over one window; in JSON, `history`, `referrers`, `clients`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Counts {
    /// Clicks per UTC day over the chosen window, oldest first.
    history: Vec<DayClicks>,
    referrers: Vec<SourceClicks>,
    clients: Vec<SourceClicks>,
    /// The window, in days (the request says it already).
    #[serde(skip)]
    #[schema(ignore)]
    pub days: u16,
}

impl Counts {
    /// The counts of `view`, which keeps its link.
    pub fn take(view: &mut AdminView) -> Counts {
        Counts {
            history: std::mem::take(&mut view.history),
            referrers: std::mem::take(&mut view.referrers),
            clients: std::mem::take(&mut view.clients),
            days: view.window.days(),
        }
    }

    pub fn chart(&self) -> Chart {
        Chart::new(&self.history)
    }

    /// The windows a page offers.
    pub fn windows(&self) -> [u16; 4] {
        Window::CHOICES
    }

    /// Each breakdown with its heading and first column's name (message ids).
    pub fn sources(&self) -> [(&'static str, &'static str, Vec<Source<'_>>); 2] {
        [
            (
                "sources-referrers",
                "sources-site",
                Source::all(&self.referrers, referrer_word),
            ),
            (
                "sources-clients",
                "sources-kind",
                Source::all(&self.clients, client_word),
            ),
        ]
    }
}

/// One row of a breakdown: a host as it is, or one of the app's own words (`direct`,
/// `bot`, ...) as a message id, said in the page's language.
pub struct Source<'a> {
    pub name: &'a str,
    pub word: Option<&'static str>,
    pub clicks: i64,
}

impl<'a> Source<'a> {
    fn all(rows: &'a [SourceClicks], word: fn(&str) -> Option<&'static str>) -> Vec<Source<'a>> {
        rows.iter()
            .map(|row| Source {
                name: &row.name,
                word: word(&row.name),
                clicks: row.clicks,
            })
            .collect()
    }
}

/// The referrers that are not hosts.
fn referrer_word(name: &str) -> Option<&'static str> {
    match name {
        visit::DIRECT => Some("sources-direct"),
        visit::UNKNOWN => Some("sources-unknown"),
        OTHER_HOSTS => Some("sources-other-hosts"),
        _ => None,
    }
}

/// The client kinds, by the name stored.
fn client_word(name: &str) -> Option<&'static str> {
    let client = Client::ALL.into_iter().find(|c| c.as_str() == name)?;
    Some(match client {
        Client::Browser => "sources-browser",
        Client::Bot => "sources-bot",
        Client::Other => "sources-other",
    })
}
