//! Where a smart link sends visitors, as pages name it: what sends visitors where, and from
//! or until when (the moderation page and peek).

use crate::domain::smart::destinations::Destination;
use crate::i18n::Text;

/// What sends visitors along `destination`, in words: its own target, rule 2, variant 1,
/// or once expired.
pub fn via(destination: &Destination) -> Text {
    let numbered = |prefix: &str| destination.via.strip_prefix(prefix)?.parse::<i64>().ok();
    if let Some(n) = numbered("rule ") {
        Text::new("destination-rule").with("number", n)
    } else if let Some(n) = numbered("variant ") {
        Text::new("destination-variant").with("number", n)
    } else if destination.via == "expired" {
        Text::new("destination-expired")
    } else {
        Text::new("destination-default")
    }
}
