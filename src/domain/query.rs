//! Query strings added to targets: a visitor's (links with `forward_query`) and the
//! campaign tags typed at creation (`utm_source`, ...). In both, a name given again
//! replaces the target's own value, so `?utm_source=mail` means what it says.

use url::Url;

/// The campaign tags a create may add, in the order they are added.
pub const CAMPAIGN_TAGS: [&str; 5] = [
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
];

/// Longest campaign tag value, in characters.
pub const MAX_TAG: usize = 100;

/// The decoded name of one `name=value` piece.
fn name_of(piece: &str) -> String {
    let name = piece.split('=').next().unwrap_or_default();
    url::form_urlencoded::parse(name.as_bytes())
        .next()
        .map(|(name, _)| name.into_owned())
        .unwrap_or_default()
}

/// `target` with the visitor's `query` (as sent, without `?`) added: the target's own
/// parameters stay, except those the visitor names too, whose visitor's values win.
/// Pieces keep their own encoding; anything a URL may not carry is percent-encoded.
/// `None` when the visitor sent no parameters (the target is used as it is).
pub fn forward(target: &str, query: &str) -> Option<String> {
    let visitor: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    if visitor.is_empty() {
        return None;
    }
    let mut url = Url::parse(target).ok()?;
    let names: Vec<String> = visitor.iter().map(|p| name_of(p)).collect();
    let own = url.query().unwrap_or_default().to_owned();
    let kept = own
        .split('&')
        .filter(|p| !p.is_empty() && !names.contains(&name_of(p)));
    let merged: Vec<&str> = kept.chain(visitor.iter().copied()).collect();
    url.set_query(Some(&merged.join("&")));
    Some(url.into())
}

/// `target` as typed, with the non-empty campaign `tags` (name, value) set on it; the
/// result is checked as any target afterwards. A target that does not parse is
/// handed back as it is, for that check to refuse with its own message.
pub fn with_campaign(target: &str, tags: &[(&str, &str)]) -> String {
    let tags: Vec<_> = tags.iter().filter(|(_, v)| !v.trim().is_empty()).collect();
    let Ok(mut url) = Url::parse(target) else {
        return target.to_owned();
    };
    if tags.is_empty() {
        return target.to_owned();
    }
    let names: Vec<&str> = tags.iter().map(|(name, _)| *name).collect();
    let own: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !names.contains(&name.as_ref()))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    {
        let mut pairs = url.query_pairs_mut();
        pairs.clear();
        pairs.extend_pairs(own);
        for (name, value) in tags {
            pairs.append_pair(name, value.trim());
        }
    }
    url.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_visitors_query_is_added_to_the_targets() {
        let to = |t, q| forward(t, q).unwrap();
        assert_eq!(
            to("https://a.b/p", "utm_source=mail"),
            "https://a.b/p?utm_source=mail"
        );
        assert_eq!(to("https://a.b/p?x=1", "y=2"), "https://a.b/p?x=1&y=2");
        assert_eq!(to("https://a.b/p?x=1&y=1", "y=2"), "https://a.b/p?x=1&y=2");
        assert_eq!(
            to("https://a.b/p?x=1#top", "y=2"),
            "https://a.b/p?x=1&y=2#top"
        );
        assert_eq!(forward("https://a.b/p?x=1", ""), None);
        assert_eq!(forward("https://a.b/p", "&&"), None);
    }

    #[test]
    fn encoding_is_kept_and_names_compare_decoded() {
        let to = |t, q| forward(t, q).unwrap();
        assert_eq!(
            to("https://a.b/?q=old", "q=a%20b&e=%C3%A9"),
            "https://a.b/?q=a%20b&e=%C3%A9"
        );
        assert_eq!(
            to("https://a.b/?a%5Bb%5D=1", "a[b]=2"),
            "https://a.b/?a[b]=2"
        );
        assert_eq!(
            to("https://a.b/", "x=\"<1>\""),
            "https://a.b/?x=%22%3C1%3E%22"
        );
    }

    #[test]
    fn campaign_tags_replace_the_targets_own() {
        let tags = [
            ("utm_source", "mail"),
            ("utm_medium", ""),
            ("utm_campaign", "spring sale"),
        ];
        assert_eq!(
            with_campaign("https://a.b/p?utm_source=web&x=1", &tags),
            "https://a.b/p?x=1&utm_source=mail&utm_campaign=spring+sale"
        );
        assert_eq!(
            with_campaign("https://a.b/p", &[("utm_source", " ")]),
            "https://a.b/p"
        );
        assert_eq!(with_campaign("not a url", &tags), "not a url");
    }
}
