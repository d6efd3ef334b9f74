//! Lists of hosts a link may not point to: the operator's blocklist file and the
//! built-in list of URL shorteners. A listed host blocks itself and every subdomain,
//! and every host is compared in one spelling (`normalise`).

use std::collections::HashSet;

/// General-purpose URL shorteners: a link to one of them hides where it really
/// ends, which is how chained links slip past a blocklist (`refuse_shorteners`).
/// Single-site ones (`youtu.be`, `amzn.to`) are left out: they end where they say.
pub const SHORTENERS: &[&str] = &[
    "1url.com",
    "adf.ly",
    "bit.do",
    "bit.ly",
    "bitly.com",
    "bl.ink",
    "buff.ly",
    "clck.ru",
    "cutt.ly",
    "dub.sh",
    "goo.gl",
    "is.gd",
    "kutt.it",
    "lnkd.in",
    "ow.ly",
    "qr.net",
    "rb.gy",
    "rebrand.ly",
    "s.id",
    "short.io",
    "shorte.st",
    "shorturl.at",
    "soo.gd",
    "surl.li",
    "t.co",
    "t.ly",
    "tiny.cc",
    "tinyurl.com",
    "tr.im",
    "trib.al",
    "u.to",
    "v.gd",
    "x.co",
];

/// `host` in the one spelling lists compare: lower case, punycode, no trailing dot.
/// A name that is not a valid host stays as it was, lower-cased (it matches nothing
/// a target could have).
pub fn normalise(host: &str) -> String {
    let host = host.trim().trim_end_matches('.');
    match url::Host::parse(host) {
        Ok(url::Host::Domain(name)) => name.trim_end_matches('.').to_owned(),
        Ok(other) => other.to_string(),
        Err(_) => host.to_lowercase(),
    }
}

/// A set of blocked hosts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostList(HashSet<String>);

impl HostList {
    /// The hosts of a blocklist file: one per line; `#` starts a comment, blank lines
    /// are skipped; a line may be a bare host or `*.host` (the same thing here).
    pub fn parse(text: &str) -> HostList {
        let hosts = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .map(|line| line.trim_start_matches("*."))
            .filter(|line| !line.is_empty())
            .map(normalise)
            .collect();
        HostList(hosts)
    }

    /// The built-in list of URL shorteners.
    pub fn shorteners() -> HostList {
        HostList(SHORTENERS.iter().map(|h| (*h).to_owned()).collect())
    }

    /// Both lists in one.
    pub fn with(mut self, other: &HostList) -> HostList {
        self.0.extend(other.0.iter().cloned());
        self
    }

    /// Whether the normalised `host` or a domain it is under is listed.
    pub fn blocks(&self, host: &str) -> bool {
        if self.0.is_empty() {
            return false;
        }
        let mut rest = host;
        loop {
            if self.0.contains(rest) {
                return true;
            }
            match rest.split_once('.') {
                Some((_, parent)) if !parent.is_empty() => rest = parent,
                _ => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_blocks_the_host_and_its_subdomains_only() {
        let list = HostList::parse("# phishing\nevil.example\n\n  bad.test  # since May\n");
        assert_eq!(list, HostList::parse("bad.test\nevil.example"));
        assert!(list.blocks("evil.example"));
        assert!(list.blocks("www.evil.example"));
        assert!(list.blocks("a.b.evil.example"));
        assert!(!list.blocks("notevil.example"));
        assert!(!list.blocks("example"));
        assert!(list.blocks("bad.test"));
    }

    #[test]
    fn hosts_are_compared_in_one_spelling() {
        assert_eq!(normalise("EVIL.Example."), "evil.example");
        assert_eq!(normalise("bücher.example"), "xn--bcher-kva.example");
        let list = HostList::parse("Bücher.Example.\n*.Phish.TEST\n");
        assert!(list.blocks(&normalise("xn--bcher-kva.example")));
        assert!(list.blocks(&normalise("WWW.BÜCHER.example.")));
        assert!(list.blocks("login.phish.test"));
    }

    #[test]
    fn the_shortener_list_holds_the_well_known_ones() {
        let list = HostList::shorteners();
        assert!(list.blocks("bit.ly"));
        assert!(list.blocks("www.tinyurl.com"));
        assert!(!list.blocks("youtu.be"));
        assert!(!HostList::default().blocks("bit.ly"));
    }
}
