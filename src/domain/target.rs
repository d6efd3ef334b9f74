//! Target URLs: what a short link may point to, checked before anything is stored.
//! A target is stored, shown and redirected to in its normalised (WHATWG) form, so
//! what people and link scanners read is where a browser goes.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::Error;
use crate::i18n::Text;

/// Longest target accepted, in characters, as typed and once normalised.
pub const MAX_LENGTH: usize = 2048;

/// An absolute `http(s)` URL with a host and no user-info, that does not point back
/// at the shortener; held in its normalised serialisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetUrl(String);

impl TargetUrl {
    /// Validates `raw`; `own` is where the shortener itself answers, which would make a loop.
    pub fn parse(raw: &str, own: &OwnHosts) -> Result<TargetUrl, Error> {
        if raw.is_empty() {
            return Err(invalid("error-url-empty"));
        }
        if raw.chars().count() > MAX_LENGTH {
            return Err(too_long("error-url-too-long"));
        }
        if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("error-url-spaces"));
        }
        let url = Url::parse(raw).map_err(|_| invalid("error-url-not-absolute"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("error-url-scheme"));
        }
        // The parser forgives `http:host` and `https:///host`; a browser given
        // them in a Location header may not, so the text itself must be plain.
        if !has_plain_authority(raw) {
            return Err(invalid("error-url-no-host"));
        }
        if !url.host_str().is_some_and(|host| !host.is_empty()) {
            return Err(invalid("error-url-no-host"));
        }
        // `https://paypal.com@evil.example/` goes to evil.example: refused, as
        // people read the host before the `@`.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::Invalid {
                field: "target_url",
                message: Text::new("error-url-user-info"),
            });
        }
        if own.is_reached_by(&url) {
            return Err(invalid("error-url-loop"));
        }
        // The parsed form is what a browser would request (lower-case punycode host,
        // `\` read as `/`, percent-encoded path and query), so it is what is shown.
        let stored: String = url.into();
        if stored.len() > MAX_LENGTH {
            return Err(too_long("error-url-too-long-encoded"));
        }
        Ok(TargetUrl(stored))
    }

    /// This target with campaign tags (name, value) set on its query
    /// (`query::with_campaign`). Only the query changes, so every check the target
    /// passed still holds; its length may grow past `MAX_LENGTH` by the tags'
    /// (each tag is limited on its own).
    pub fn tagged(self, tags: &[(&str, &str)]) -> TargetUrl {
        TargetUrl(super::query::with_campaign(&self.0, tags))
    }

    /// The URL as stored and redirected to.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host, normalised as blocklists compare it (`hosts::normalise`).
    pub fn host(&self) -> String {
        host_of(&self.0).unwrap_or_default()
    }
}

/// The normalised host of a stored target URL (`None`: not a URL with a host).
pub fn host_of(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    Some(super::hosts::normalise(url.host_str()?))
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

/// Why a URL is not a target: the message `reason` (`error-invalid-url`'s `$reason`).
fn invalid(reason: &'static str) -> Error {
    Error::InvalidUrl(Text::new(reason))
}

/// Too long: the message `reason` with `$max`.
fn too_long(reason: &'static str) -> Error {
    Error::InvalidUrl(Text::new(reason).with("max", MAX_LENGTH))
}

/// Where the shortener itself answers, so that a target there, however it is spelt
/// (`LOCALHOST.`, `[::ffff:127.0.0.1]`, `0x7f.1`), is refused as a loop.
#[derive(Debug, Clone, Default)]
pub struct OwnHosts {
    /// `base_url`'s host: any port on it is the app (a proxy may serve several).
    public: Option<Place>,
    /// The listening socket, when it is one address: only its port there is the app.
    listening: Option<(Place, u16)>,
}

impl OwnHosts {
    /// The app on `base_url`'s `host`, listening on `address:port`.
    pub fn new(host: Host<&str>, address: IpAddr, port: u16) -> OwnHosts {
        OwnHosts {
            public: Some(Place::of(&host)),
            listening: (!address.is_unspecified()).then(|| (Place::of_ip(address), port)),
        }
    }

    /// Whether a browser sent to `url` would come back to the app.
    fn is_reached_by(&self, url: &Url) -> bool {
        let Some(host) = url.host() else {
            return false;
        };
        let place = Place::of(&host);
        self.public.as_ref() == Some(&place)
            || self.listening.as_ref().is_some_and(|(own, port)| {
                *own == place && url.port_or_known_default() == Some(*port)
            })
    }
}

/// A host in one spelling per machine: names lower-cased without the trailing dot,
/// IPv4-mapped IPv6 as IPv4, and every name or address of this machine as `Loopback`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Name(String),
    Ip(IpAddr),
    Loopback,
}

impl Place {
    fn of(host: &Host<&str>) -> Place {
        match host {
            Host::Domain(name) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                match name == "localhost" || name.ends_with(".localhost") {
                    true => Place::Loopback,
                    false => Place::Name(name),
                }
            }
            Host::Ipv4(ip) => Place::of_ip(IpAddr::V4(*ip)),
            Host::Ipv6(ip) => Place::of_ip(IpAddr::V6(*ip)),
        }
    }

    fn of_ip(ip: IpAddr) -> Place {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        // `0.0.0.0` and `::` reach this machine too.
        match ip.is_loopback() || ip.is_unspecified() {
            true => Place::Loopback,
            false => Place::Ip(ip),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app on `https://sho.rt`, listening on all addresses.
    fn own() -> OwnHosts {
        OwnHosts::new(Host::Domain("sho.rt"), "0.0.0.0".parse().unwrap(), 8000)
    }

    fn parse(raw: &str) -> Result<TargetUrl, Error> {
        TargetUrl::parse(raw, &own())
    }

    fn reason(raw: &str) -> String {
        match parse(raw) {
            Err(Error::InvalidUrl(reason)) => reason.to_string(),
            other => panic!("{raw:?} was accepted: {other:?}"),
        }
    }

    #[test]
    fn normalised_urls_are_kept_as_typed() {
        for ok in [
            "https://example.com/",
            "http://example.com/a?b=c#d",
            "https://example.com:8443/x/y",
            "http://127.0.0.1:9000/",
            "https://[::1]/ipv6",
        ] {
            assert_eq!(parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn urls_are_stored_as_a_browser_reads_them() {
        for (typed, stored) in [
            ("https://Example.COM", "https://example.com/"),
            ("HTTPS://example.com:443/x/../y", "https://example.com/y"),
            ("http://example.com/?q=<b>", "http://example.com/?q=%3Cb%3E"),
            (
                "https://evil.example\\@paypal.com/",
                "https://evil.example/@paypal.com/",
            ),
            (
                "https://evil.example\\paypal.com",
                "https://evil.example/paypal.com",
            ),
            ("http://0x5d.184.215.14/", "http://93.184.215.14/"),
            (
                "https://bücher.example/straße",
                "https://xn--bcher-kva.example/stra%C3%9Fe",
            ),
        ] {
            assert_eq!(parse(typed).unwrap().as_str(), stored, "{typed}");
        }
    }

    #[test]
    fn user_names_and_passwords_are_refused() {
        for bad in [
            "https://paypal.com@evil.example/",
            "https://user:pass@example.com/",
            "https://:pass@example.com/",
            "https://paypal.com%40login@evil.example/",
        ] {
            match parse(bad) {
                Err(
                    e @ Error::Invalid {
                        field: "target_url",
                        ..
                    },
                ) => assert_eq!(
                    e.to_string(),
                    "The target URL must not contain a user name or password"
                ),
                other => panic!("{bad}: {other:?}"),
            }
        }
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
        assert!(parse("HTTPS://example.com").is_ok());
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
        assert!(parse(&at_limit).is_ok());
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
        assert!(parse("https://not.sho.rt/abc").is_ok());
        assert!(
            parse("http://localhost:8000/").is_ok(),
            "on sho.rt, localhost is the visitor's machine"
        );
    }

    #[test]
    fn every_spelling_of_a_loopback_app_is_the_app() {
        let own = OwnHosts::new(Host::Ipv4([127, 0, 0, 1].into()), [0; 4].into(), 8000);
        for bad in [
            "http://127.0.0.1:8000/",
            "http://localhost/",
            "http://LOCALHOST./",
            "http://app.localhost:8000/",
            "http://[::ffff:127.0.0.1]/",
            "http://127.1/",
            "http://0x7f.1/",
            "http://2130706433/",
            "http://127.0.0.2/",
            "http://[::1]:3000/",
            "http://0.0.0.0/",
        ] {
            assert!(
                matches!(TargetUrl::parse(bad, &own), Err(Error::InvalidUrl(r)) if r.id() == "error-url-loop"),
                "{bad}"
            );
        }
    }

    #[test]
    fn names_are_compared_as_a_browser_resolves_them() {
        let url = Url::parse("https://Bücher.example/").unwrap();
        let own = OwnHosts::new(url.host().unwrap(), [0; 4].into(), 8000);
        for bad in ["https://BÜCHER.EXAMPLE./x", "http://xn--bcher-kva.example/"] {
            assert!(TargetUrl::parse(bad, &own).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_listening_address_is_the_app_on_its_port() {
        let own = OwnHosts::new(Host::Domain("sho.rt"), [127, 0, 0, 1].into(), 8123);
        for bad in [
            "http://localhost:8123/",
            "http://[::1]:8123/",
            "http://127.1:8123/",
        ] {
            assert!(TargetUrl::parse(bad, &own).is_err(), "{bad}");
        }
        assert!(TargetUrl::parse("http://localhost:8124/", &own).is_ok());
        let public = OwnHosts::new(Host::Domain("sho.rt"), [203, 0, 113, 7].into(), 80);
        assert!(TargetUrl::parse("http://203.0.113.7/", &public).is_err());
        assert!(TargetUrl::parse("http://203.0.113.7:81/", &public).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn whatever_is_accepted_is_an_http_url_with_a_host_within_the_limit(
            raw in "(?i:(https?|ftp|javascript|data)):(/{0,3})[a-zA-Z0-9.:@/?#%&=_~+\\[\\]\\\\ \t-]{0,64}|.{0,80}"
        ) {
            if let Ok(target) = parse(&raw) {
                let stored = target.as_str();
                let url = Url::parse(stored).unwrap();
                proptest::prop_assert!(matches!(url.scheme(), "http" | "https"));
                proptest::prop_assert!(url.host_str().is_some_and(|h| !h.is_empty()));
                proptest::prop_assert!(stored.len() <= MAX_LENGTH);
                proptest::prop_assert!(!stored.chars().any(|c| c.is_whitespace() || c.is_control()));
                proptest::prop_assert!(has_plain_authority(stored));
                proptest::prop_assert!(url.username().is_empty() && url.password().is_none());
                proptest::prop_assert_eq!(url.as_str(), stored, "stored in normalised form");
            }
        }

        #[test]
        fn long_inputs_are_refused_without_panicking(raw in ".{2049,2100}") {
            proptest::prop_assert!(parse(&raw).is_err());
        }
    }
}
