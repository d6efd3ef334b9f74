//! The languages pages speak: one Fluent catalog per language
//! (`templates/locales/<tag>.ftl`, compiled in), read by `fluent-bundle`, the
//! reference implementation of Project Fluent. A text is a message id and its
//! arguments (`Text`), rendered in whichever language the page is in; its `Display`
//! is the English one, which is also what JSON answers carry.
//!
//! Like `error`, this module imports nothing of the crate: every layer may name a text.

mod format;
mod text;

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

pub use text::{Arg, Text};

/// A language the pages are available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    De,
    Fr,
    Es,
    PtBr,
}

/// Each language's tag, name in its own language and catalog, in the switcher's order.
const LANGUAGES: [(Lang, &str, &str, &str); 5] = [
    (
        Lang::En,
        "en",
        "English",
        include_str!("../../templates/locales/en.ftl"),
    ),
    (
        Lang::De,
        "de",
        "Deutsch",
        include_str!("../../templates/locales/de.ftl"),
    ),
    (
        Lang::Fr,
        "fr",
        "Français",
        include_str!("../../templates/locales/fr.ftl"),
    ),
    (
        Lang::Es,
        "es",
        "Español",
        include_str!("../../templates/locales/es.ftl"),
    ),
    (
        Lang::PtBr,
        "pt-BR",
        "Português (Brasil)",
        include_str!("../../templates/locales/pt-BR.ftl"),
    ),
];

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 5] = [Lang::En, Lang::De, Lang::Fr, Lang::Es, Lang::PtBr];

    fn index(self) -> usize {
        self as usize
    }

    /// The BCP 47 tag (`pt-BR`), as `<html lang>`, `Content-Language` and `?lang=` use it.
    pub fn tag(self) -> &'static str {
        LANGUAGES[self.index()].1
    }

    /// The language's name in itself, for the switcher.
    pub fn name(self) -> &'static str {
        LANGUAGES[self.index()].2
    }

    /// The language `tag` names exactly (any case, `_` for `-`).
    pub fn exact(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-");
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(&tag))
    }

    /// The language that best serves someone asking for `tag`: the same tag, else
    /// the same primary language in another region (`de-AT` → `de`, `pt-PT` →
    /// `pt-BR`), as RFC 4647's lookup falls back.
    pub fn closest(tag: &str) -> Option<Lang> {
        Lang::exact(tag).or_else(|| {
            let primary = tag.trim().split(['-', '_']).next()?;
            Lang::ALL.into_iter().find(|lang| {
                let own = lang.tag().split('-').next().unwrap_or_default();
                !primary.is_empty() && own.eq_ignore_ascii_case(primary)
            })
        })
    }

    /// The message `id` in this language with `args`; the id itself when the catalog
    /// lacks it (tests look for raw ids on every page).
    pub fn message(self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = &BUNDLES[self.index()];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            log::warn!("message {id} in {}: {errors:?}", self.tag());
        }
        text.into_owned()
    }

    /// The message `id` without arguments.
    pub fn text(self, id: &str) -> String {
        self.message(id, None)
    }
}

/// One bundle per language, built on first use. Placeables are not wrapped in
/// Unicode isolation marks (the pages' texts are one direction, and JSON carries the
/// English texts exactly as before); numbers are grouped the language's way, unless a
/// message asks for `NUMBER($n, useGrouping: "false")` (English error texts, which
/// JSON has always carried with plain digits).
static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|(lang, tag, _, source)| {
            let id = tag.parse().expect("a valid language tag");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(format::formatter(*lang)));
            bundle
                .add_builtins()
                .unwrap_or_else(|e| panic!("NUMBER() in {tag}: {e:?}"));
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("catalog {tag}: {errors:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("catalog {tag}: {errors:?}"));
            bundle
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_exactly_or_by_their_primary_language() {
        assert_eq!(Lang::exact("PT-br"), Some(Lang::PtBr));
        assert_eq!(Lang::exact("pt"), None);
        assert_eq!(Lang::closest("de-AT"), Some(Lang::De));
        assert_eq!(Lang::closest("pt-PT"), Some(Lang::PtBr));
        assert_eq!(Lang::closest("pt"), Some(Lang::PtBr));
        assert_eq!(Lang::closest("en_GB"), Some(Lang::En));
        assert_eq!(Lang::closest("it"), None);
        assert_eq!(Lang::closest(""), None);
    }

    #[test]
    fn every_catalog_parses_and_a_missing_id_shows_itself() {
        for lang in Lang::ALL {
            assert_eq!(lang.text("site-name"), "Shortener", "{}", lang.tag());
        }
        assert_eq!(Lang::De.text("no-such-message"), "no-such-message");
    }
}
