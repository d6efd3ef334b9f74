//! How many days of history an owner's page shows: one of a few windows.

use time::{Date, Duration};

use crate::error::{Error, Result};
use crate::i18n::Text;

/// The days of history shown: one of the windows the admin page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window(u16);

impl Default for Window {
    fn default() -> Window {
        Window(30)
    }
}

impl Window {
    /// The windows on offer, in days.
    pub const CHOICES: [u16; 4] = [7, 30, 90, 365];

    /// `?days=`: one of the choices, 30 when absent.
    pub fn parse(days: Option<&str>) -> Result<Window> {
        let Some(days) = days else {
            return Ok(Window(30));
        };
        days.parse()
            .ok()
            .filter(|d| Self::CHOICES.contains(d))
            .map(Window)
            .ok_or_else(|| Error::Invalid {
                field: "days",
                message: Text::new("error-days"),
            })
    }

    /// How many days.
    pub fn days(self) -> u16 {
        self.0
    }

    /// The first day of the window that ends `today`.
    pub fn since(self, today: Date) -> Date {
        today - Duration::days(i64::from(self.0) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_offered_windows_are_accepted() {
        assert_eq!(Window::parse(None).unwrap().days(), 30);
        assert_eq!(Window::parse(Some("365")).unwrap().days(), 365);
        for bad in ["0", "31", "-7", "7.0", "", "1e3", "99999999999"] {
            assert!(Window::parse(Some(bad)).is_err(), "{bad}");
        }
    }
}
