//! Target URLs: what a short link may point to, checked before anything is stored.

use url::Url;

use crate::error::Error;

/// Longest target accepted, in characters (bytes: only ASCII is stored as typed).
pub const MAX_LENGTH: usize = 2048;

/// An absolute `http(s)` URL with a host, that does not point back at the shortener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetUrl(String);

impl TargetUrl {
    /// Validates `raw`; `own_host` is the shortener's host, which would make a loop.
    pub fn parse(raw: &str, own_host: &str) -> Result<TargetUrl, Error> {
        if raw.is_empty() {
            return Err(invalid("it is empty"));
        }
        if raw.chars().count() > MAX_LENGTH {
            return Err(invalid("it is longer than 2048 characters"));
        }
        if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("it contains spaces or control characters"));
        }
        let url = Url::parse(raw).map_err(|_| invalid("it is not an absolute URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("it must start with http:// or https://"));
        }
        // The parser forgives `http:host` and `https:///host`; a browser given
        // them in a Location header may not, so the text itself must be plain.
        if !has_plain_authority(raw) {
            return Err(invalid("it has no host"));
        }
        let host = match url.host_str() {
            Some(host) if !host.is_empty() => host.trim_end_matches('.').to_ascii_lowercase(),
            _ => return Err(invalid("it has no host")),
        };
        if host == own_host {
            return Err(invalid("it points back to this shortener"));
        }
        // What the user typed is kept when it is plain ASCII; otherwise the
        // parsed form (punycode host, percent-encoded path) is what a Location
        // header can carry.
        let stored = if raw.is_ascii() {
            raw.to_owned()
        } else {
            url.into()
        };
        if stored.len() > MAX_LENGTH {
            return Err(invalid("it is longer than 2048 characters once encoded"));
        }
        Ok(TargetUrl(stored))
    }

    /// The URL as stored and redirected to.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `http://` or `https://` (any case) directly followed by a host.
fn has_plain_authority(raw: &str) -> bool {
    let rest = ["http://", "https://"].iter().find_map(|scheme| {
        raw.get(..scheme.len())
            .filter(|prefix| prefix.eq_ignore_ascii_case(scheme))
            .map(|_| &raw[scheme.len()..])
    });
    rest.is_some_and(|rest| !rest.starts_with(['/', '\\']))
}

fn invalid(reason: &'static str) -> Error {
    Error::InvalidUrl(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "sho.rt";

    fn reason(raw: &str) -> &'static str {
        match TargetUrl::parse(raw, OWN) {
            Err(Error::InvalidUrl(reason)) => reason,
            other => panic!("{raw:?} was accepted: {other:?}"),
        }
    }

    #[test]
    fn http_and_https_urls_are_kept_as_typed() {
        for ok in [
            "https://example.com",
            "http://example.com/a?b=c#d",
            "https://user@example.com:8443/x/../y",
            "http://127.0.0.1:9000/",
            "https://[::1]/ipv6",
        ] {
            assert_eq!(TargetUrl::parse(ok, OWN).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn unicode_urls_are_stored_encoded() {
        let url = TargetUrl::parse("https://bücher.example/straße", OWN).unwrap();
        assert_eq!(url.as_str(), "https://xn--bcher-kva.example/stra%C3%9Fe");
    }

    #[test]
    fn other_schemes_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "ftp://example.com",
            "file:///etc/passwd",
            "mailto:a@b.c",
        ] {
            assert_eq!(
                reason(bad),
                "it must start with http:// or https://",
                "{bad}"
            );
        }
    }

    #[test]
    fn urls_without_a_host_are_refused() {
        assert_eq!(reason("example.com"), "it is not an absolute URL");
        assert_eq!(reason("/relative/path"), "it is not an absolute URL");
        assert_eq!(reason("http://"), "it is not an absolute URL");
        assert_eq!(reason("https:///path"), "it has no host");
        assert_eq!(reason("http:example.com"), "it has no host");
        assert_eq!(reason("https:\\\\example.com"), "it has no host");
        assert!(TargetUrl::parse("HTTPS://example.com", OWN).is_ok());
    }

    #[test]
    fn whitespace_control_characters_and_emptiness_are_refused() {
        assert_eq!(reason(""), "it is empty");
        for bad in [
            " https://example.com",
            "https://exa mple.com",
            "https://example.com/\n",
            "https://example.com/\u{0}",
        ] {
            assert_eq!(
                reason(bad),
                "it contains spaces or control characters",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_length_limit_is_2048_characters() {
        let base = "https://example.com/";
        let at_limit = format!("{base}{}", "a".repeat(MAX_LENGTH - base.len()));
        assert!(TargetUrl::parse(&at_limit, OWN).is_ok());
        assert_eq!(
            reason(&format!("{at_limit}a")),
            "it is longer than 2048 characters"
        );
    }

    #[test]
    fn links_to_the_shortener_itself_are_refused() {
        for bad in [
            "https://sho.rt/abc",
            "http://SHO.RT:8080/x",
            "https://sho.rt./admin",
        ] {
            assert_eq!(reason(bad), "it points back to this shortener", "{bad}");
        }
        assert!(TargetUrl::parse("https://not.sho.rt/abc", OWN).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn whatever_is_accepted_is_an_http_url_with_a_host_within_the_limit(
            raw in "(?i:(https?|ftp|javascript|data)):(/{0,3})[a-zA-Z0-9.:@/?#%&=_~+\\[\\]\\\\ \t-]{0,64}|.{0,80}"
        ) {
            if let Ok(target) = TargetUrl::parse(&raw, OWN) {
                let stored = target.as_str();
                let url = Url::parse(stored).unwrap();
                proptest::prop_assert!(matches!(url.scheme(), "http" | "https"));
                proptest::prop_assert!(url.host_str().is_some_and(|h| !h.is_empty()));
                proptest::prop_assert!(stored.len() <= MAX_LENGTH);
                proptest::prop_assert!(!stored.chars().any(|c| c.is_whitespace() || c.is_control()));
                proptest::prop_assert!(has_plain_authority(stored));
            }
        }

        #[test]
        fn long_inputs_are_refused_without_panicking(raw in ".{2049,2100}") {
            proptest::prop_assert!(TargetUrl::parse(&raw, OWN).is_err());
        }
    }
}
