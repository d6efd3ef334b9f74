//! Blanking secrets out of a log line: the segment after `admin`, `moderate`,
//! `collection` or `stats` in any path the line holds, however it is spelled.

use std::borrow::Cow;

/// What replaces a secret in a log line.
pub const REDACTED: &str = "<secret>";

/// Path segments whose next segment is a secret: an admin secret, the moderation
/// secret, a collection's secret, a stats token.
const BEFORE_SECRETS: [&str; 4] = ["admin", "moderate", "collection", "stats"];

/// Blanks out the secret after every `admin` (`moderate`, `collection`, `stats`) path
/// segment in `text`, however the path is spelled: Rocket routes `//admin/S`, `/%61dmin/S` and `/admin//S` to the
/// admin page too, and logs the path as the client wrote it.
pub fn redact(text: &str) -> Cow<'_, str> {
    if !may_name_admin(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (n, word) in text.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        match redact_word(word) {
            Some(redacted) => {
                out.push_str(&redacted);
                changed = true;
            }
            None => out.push_str(word),
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text` could hold one of `BEFORE_SECRETS`: it has a `/` and either a
/// piece of one in any case or a `%` (which may spell any letter). Reads the bytes in place, so the
/// lines that cannot (nearly all of them) cost no allocation.
fn may_name_admin(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.contains(&b'/')
        && (bytes.contains(&b'%')
            || bytes.windows(4).any(|w| {
                [b"dmin", b"erat", b"llec", b"tats"]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(*p))
            }))
}

/// One word of a log line with the segment after an `admin` segment blanked out,
/// or `None` when it has none.
fn redact_word(word: &str) -> Option<String> {
    let (path, rest) = word.split_at(word.find(['?', '#']).unwrap_or(word.len()));
    let segments: Vec<&str> = path.split('/').collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    let mut after_admin = false;
    let mut changed = false;
    for segment in segments {
        if segment.is_empty() {
            out.push(segment);
        } else if after_admin {
            out.push(REDACTED);
            after_admin = false;
            changed = true;
        } else {
            after_admin = BEFORE_SECRETS.iter().any(|word| decoded_eq(segment, word));
            out.push(segment);
        }
    }
    changed.then(|| out.join("/") + rest)
}

/// Whether `segment`, percent-decoded, is `word` in any case.
fn decoded_eq(segment: &str, word: &str) -> bool {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                decoded.push((hex(h).unwrap() * 16 + hex(l).unwrap()) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    decoded.eq_ignore_ascii_case(word.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_after_admin_are_blanked_everywhere_in_a_line() {
        assert_eq!(
            redact("GET /admin/AbC123 text/html: and DELETE http://x/admin/Zz9?x=1"),
            "GET /admin/<secret> text/html: and DELETE http://x/admin/<secret>?x=1"
        );
        assert_eq!(redact("GET /peek/abc"), "GET /peek/abc");
        assert_eq!(redact("route /admin/<secret>"), "route /admin/<secret>");
        assert_eq!(
            redact("GET /moderate/S3cret/abc?q=x"),
            "GET /moderate/<secret>/abc?q=x"
        );
        assert_eq!(
            redact("GET /collection/S3cret/links.csv and /stats/T0ken?days=7"),
            "GET /collection/<secret>/links.csv and /stats/<secret>?days=7"
        );
        assert_eq!(redact("POST /collections"), "POST /collections");
    }

    #[test]
    fn secrets_are_blanked_however_the_admin_path_is_spelled() {
        for (line, want) in [
            (
                "GET //admin/S3cret text/html",
                "GET //admin/<secret> text/html",
            ),
            ("GET /admin//S3cret", "GET /admin//<secret>"),
            ("GET /%61dmin/S3cret", "GET /%61dmin/<secret>"),
            ("GET /adm%69n/S3cret?days=7", "GET /adm%69n/<secret>?days=7"),
            ("GET /admin/%53ecret/qr.png", "GET /admin/<secret>/qr.png"),
        ] {
            assert_eq!(redact(line), want, "{line}");
        }
    }

    #[test]
    fn lines_that_cannot_name_admin_are_passed_through_as_they_are() {
        for line in ["GET /abc text/html", "GET /abc/def?x=y text/html: 200 OK"] {
            assert!(!may_name_admin(line), "{line}");
            assert!(matches!(redact(line), Cow::Borrowed(_)), "{line}");
        }
        for line in [
            "GET /ADMIN/x",
            "GET /%61dmin/x",
            "GET /a%64min/x",
            "GET //aDmIn/x",
        ] {
            assert!(may_name_admin(line), "{line}");
        }
    }
}
