//! A link's clicks as its pages show them (the admin page, and the stats page that
//! shows nothing else): clicks per day over a window, referrers and client kinds.

use serde::Serialize;

use super::chart::Chart;
use crate::domain::window::Window;
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

    /// Each breakdown with its heading and first column's name.
    pub fn sources(&self) -> [(&str, &str, &[SourceClicks]); 2] {
        [
            ("Referrers", "Site", &self.referrers),
            ("Clients", "Kind", &self.clients),
        ]
    }
}
