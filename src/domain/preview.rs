//! What link previewers (chat apps, mail scanners) are shown for a `humans_only`
//! link: a title, a description and an image, written by its owner, on the Continue
//! page those previewers already get. That page is a real one with a real button, so
//! a preview never stands in for the target and no click is spent on it.

use serde::{Deserialize, Serialize};

use crate::domain::target::{OwnHosts, TargetUrl};
use crate::error::Error;
use crate::i18n::Text;

/// The longest preview title, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest preview description, in characters.
pub const MAX_DESCRIPTION: usize = 300;

/// An owner's link preview: a title, and optionally a description and an image (by
/// URL only, checked as a target is). Stored as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Preview {
    /// At most 200 characters, one line.
    pub title: String,
    /// At most 300 characters, one line; `null`: none.
    pub description: Option<String>,
    /// An http(s) URL of the image previewers show; `null`: none.
    pub image_url: Option<String>,
}

impl Preview {
    /// The preview typed (each part trimmed; blank parts are none); `None` when all
    /// are blank. A description or image without a title is refused: the title is
    /// what every previewer shows.
    pub fn checked(
        title: &str,
        description: &str,
        image_url: &str,
        own_hosts: &OwnHosts,
    ) -> Result<Option<Preview>, Error> {
        let title = line(title, MAX_TITLE)?;
        let description = line(description, MAX_DESCRIPTION)?;
        let image_url = match image_url.trim() {
            "" => None,
            raw => Some(
                TargetUrl::parse(raw, own_hosts)
                    .map_err(|e| {
                        invalid(Text::new("error-preview-image").with("reason", e.text()))
                    })?
                    .as_str()
                    .to_owned(),
            ),
        };
        match title {
            Some(title) => Ok(Some(Preview {
                title,
                description,
                image_url,
            })),
            None if description.is_none() && image_url.is_none() => Ok(None),
            None => Err(invalid(Text::new("error-preview-title"))),
        }
    }

    /// As stored in the `preview` column.
    pub fn stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The stored preview; `None` for none (or a column that does not read as one).
    pub fn from_stored(stored: Option<&str>) -> Option<Preview> {
        stored.and_then(|json| serde_json::from_str(json).ok())
    }
}

/// A preview as a JSON body gives it, before it is checked (`check`): an object with a
/// title, and optionally a description and an image URL (blank or `null`: none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypedPreview {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub image_url: Option<String>,
}

impl TypedPreview {
    /// The preview, checked; a blank title is refused (send `null` for no preview).
    pub fn check(&self, own_hosts: &OwnHosts) -> Result<Preview, Error> {
        let part = |p: &Option<String>| p.clone().unwrap_or_default();
        let preview = Preview::checked(
            &self.title,
            &part(&self.description),
            &part(&self.image_url),
            own_hosts,
        )?;
        preview.ok_or_else(|| invalid(Text::new("error-preview-title")))
    }
}

/// One line of at most `max` characters, trimmed; `None` when blank.
fn line(raw: &str, max: usize) -> Result<Option<String>, Error> {
    if raw.chars().count() > max {
        return Err(invalid(Text::new("error-text-too-long").with("max", max)));
    }
    if raw.chars().any(char::is_control) {
        return Err(invalid(Text::new("error-text-control")));
    }
    let text = raw.trim();
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

fn invalid(message: Text) -> Error {
    Error::Invalid {
        field: "preview",
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> OwnHosts {
        OwnHosts::new(url::Host::Domain("sho.rt"), [127, 0, 0, 1].into(), 8000)
    }

    #[test]
    fn a_preview_needs_a_title_and_blank_is_none() {
        assert_eq!(Preview::checked(" ", "", "", &own()).unwrap(), None);
        let full = Preview::checked(
            " Launch ",
            "Our new thing",
            "https://img.example/a.png",
            &own(),
        );
        let full = full.unwrap().unwrap();
        assert_eq!(full.title, "Launch");
        assert_eq!(Preview::from_stored(Some(&full.stored())), Some(full));
        assert!(Preview::checked("", "Only words", "", &own()).is_err());
    }

    #[test]
    fn parts_too_long_on_two_lines_or_an_image_that_is_no_target_are_refused() {
        assert!(Preview::checked(&"t".repeat(201), "", "", &own()).is_err());
        assert!(Preview::checked("t", &"d".repeat(301), "", &own()).is_err());
        assert!(Preview::checked("two\nlines", "", "", &own()).is_err());
        for image in [
            "javascript:alert(1)",
            "ftp://img.example/a.png",
            "http://sho.rt/abc",
        ] {
            assert!(Preview::checked("t", "", image, &own()).is_err(), "{image}");
        }
    }
}
