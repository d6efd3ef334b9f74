//! The visitor's language, from `Accept-Language`, for `language` rules.

/// The primary subtag (`de` of `de-AT`), lower-cased, of the language the visitor
/// ranks highest (q-values; ties go to the first listed). `*` and languages with
/// `q=0` (not wanted) are passed over; `None` when no language is named.
pub fn preferred(accept_language: &str) -> Option<String> {
    let mut best: Option<(u16, &str)> = None;
    for entry in accept_language.split(',') {
        let mut parts = entry.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
            .map_or(Some(1000), quality);
        let (Some(q), Some(primary)) = (q, primary(tag)) else {
            continue;
        };
        if q > 0 && best.map_or(true, |(top, _)| q > top) {
            best = Some((q, primary));
        }
    }
    best.map(|(_, tag)| tag.to_ascii_lowercase())
}

/// A q-value in thousandths (`0.8` → 800); `None` when malformed.
fn quality(raw: &str) -> Option<u16> {
    let value: f32 = raw.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// The primary subtag of a language tag: 1–8 ASCII letters.
fn primary(tag: &str) -> Option<&str> {
    let primary = tag.split(['-', '_']).next()?;
    let letters =
        (1..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    letters.then_some(primary)
}

/// Whether `word` can be a rule's language: a primary subtag of 2–8 letters.
pub fn is_language(word: &str) -> bool {
    (2..=8).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_ranked_language_wins_whatever_its_place() {
        assert_eq!(preferred("de-AT,de;q=0.9,en;q=0.8").as_deref(), Some("de"));
        assert_eq!(preferred("en;q=0.5, de-CH;q=0.9").as_deref(), Some("de"));
        assert_eq!(
            preferred("fr-CA, fr;q=0.9, en;q=0.8").as_deref(),
            Some("fr")
        );
        assert_eq!(preferred("en-US,en;q=0.9,de;q=0.8").as_deref(), Some("en"));
        assert_eq!(preferred("PT-br").as_deref(), Some("pt"));
    }

    #[test]
    fn stars_unwanted_and_malformed_entries_are_passed_over() {
        assert_eq!(preferred("*, de;q=0.1").as_deref(), Some("de"));
        assert_eq!(preferred("de;q=0, en;q=0.1").as_deref(), Some("en"));
        assert_eq!(
            preferred("de;q=2, en;q=abc, es;q=0.3").as_deref(),
            Some("es")
        );
        assert_eq!(preferred(""), None);
        assert_eq!(preferred("*"), None);
        assert_eq!(preferred("12, ;q=1"), None);
    }

    #[test]
    fn ties_go_to_the_first_listed() {
        assert_eq!(preferred("fr, de").as_deref(), Some("fr"));
        assert_eq!(preferred("es;q=0.5, it;q=0.5").as_deref(), Some("es"));
    }
}
