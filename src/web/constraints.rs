//! What the API description says each field and parameter accepts, built from the
//! domain's own rules (lengths, alphabets, reserved words), so that a request valid by
//! the document is one the app accepts, and the two cannot drift apart.

use utoipa::openapi::schema::{
    AdditionalProperties, AnyOfBuilder, ArrayBuilder, KnownFormat, Object, ObjectBuilder, Schema,
    SchemaFormat, SchemaType, Type,
};

use crate::domain::keys::{reserved, KEY_LENGTHS};
use crate::domain::{password, smart, target};

/// A target URL: the pattern is a plain subset of what is accepted (any absolute
/// `http(s)` URL with a host, no user name and no spaces), chosen so that every
/// string it matches is accepted as typed and stays within the length once encoded.
pub fn target_url() -> Object {
    let host = format!(
        "(?:[A-Za-z0-9]+\\.)*(?!{}(?![A-Za-z0-9]))[A-Za-z][A-Za-z0-9]*",
        any_case("localhost")
    );
    let pattern = format!(
        "^{}[Ss]?://{host}(?::[0-9]{{1,4}})?/[A-Za-z0-9._~!$&()*+,;=:@/?#%-]*$",
        any_case("http")
    );
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(target::MAX_LENGTH))
        .pattern(Some(pattern))
        .description(Some(
            "An absolute http:// or https:// URL with a host, at most 2048 characters as typed \
             and once normalised; no spaces, control characters, user name or password, and not \
             this shortener itself. Stored, shown and redirected to in its normalised form. \
             The pattern is the plain form (a path, even `/`, after the host); other spellings \
             that a browser reads the same way are accepted too.",
        ))
        .build()
}

/// A custom key: letters, digits, `-` and `_`, not one of the app's own paths (in
/// any case); blank means a random key. Also the pattern of `{key}` in paths.
pub fn custom_key() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!("^{BLANK}(?:{})?{BLANK}$", key_pattern())))
        .description(Some(
            "3 to 32 letters, digits, '-' or '_'; not a path the app serves itself (admin, \
             docs, url, ...). Blank or absent: a random key.",
        ))
        .build()
}

/// `{key}` in a path: a key that may exist.
pub fn key() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{}$", key_pattern())))
        .description(Some("The short key"))
        .build()
}

/// A password: blank for none, else within the accepted lengths (in characters).
pub fn password() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .max_length(Some(password::MAX_LENGTH))
        .pattern(Some(format!(
            "^(?:[\\s\\S]{{{},{}}})?$",
            password::MIN_LENGTH,
            password::MAX_LENGTH
        )))
        .description(Some(
            "Visitors must give it before they are forwarded: 8 to 128 characters; blank for none.",
        ))
        .build()
}

/// An expiry time, which must be in the future; blank for none.
pub fn expires_at() -> Schema {
    time_or_blank(
        "When the link stops forwarding (410 after): RFC 3339, in the future. A browser's \
         `YYYY-MM-DDTHH:MM` is accepted too, read as UTC.",
    )
}

/// A start time; blank for none.
pub fn starts_at() -> Schema {
    time_or_blank(
        "When the link goes live: before it, visitors get a 404 that says when, and \
         nothing is counted. RFC 3339 (a browser's `YYYY-MM-DDTHH:MM` read as UTC); \
         before `expires_at`.",
    )
}

/// A date-time, blank or `null`, described by `description`.
fn time_or_blank(description: &str) -> Schema {
    let at = ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)));
    let none = ObjectBuilder::new().schema_type(Type::Null);
    let blank = ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{BLANK}$")));
    AnyOfBuilder::new()
        .item(at)
        .item(blank)
        .item(none)
        .description(Some(description))
        .build()
        .into()
}

/// The `collection` of a create: a collection's secret or its URL; blank for none.
pub fn collection() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!(
            "^{BLANK}(?:(?:(?:{}[Ss]?://[^/?#\\s]+)?/collection/)?[A-Za-z0-9]{{{}}})?{BLANK}$",
            any_case("http"),
            crate::domain::keys::SECRET_LENGTH
        )))
        .description(Some(
            "The secret of a collection to add the link to, or the collection's URL; blank or \
             absent: none. No collection with this secret: 404.",
        ))
        .build()
}

/// A campaign tag (`utm_source`, ...): added to the target's query before it is stored.
pub fn campaign_tag() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .max_length(Some(crate::domain::query::MAX_TAG))
        .pattern(Some("^[^\\u0000-\\u001F\\u007F-\\u009F]*$".to_owned()))
        .description(Some(
            "Added to the target URL's query under its own name (replacing the target's own \
             value of it) before the link is stored; at most 100 characters, no control \
             characters. Blank or absent: not added.",
        ))
        .build()
}

/// The owner's title for a link: one line; blank or null for none.
pub fn title() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .max_length(Some(crate::domain::annotation::MAX_TITLE))
        .pattern(Some("^[^\\u0000-\\u001F\\u007F-\\u009F]*$".to_owned()))
        .description(Some(
            "A title for the owner's pages and exports: at most 200 characters, no control \
             characters. Blank or null: none.",
        ))
        .build()
}

/// The owner's note about a link: line breaks and tabs allowed; blank or null for none.
pub fn note() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .max_length(Some(crate::domain::annotation::MAX_NOTE))
        .pattern(Some(
            "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$".to_owned(),
        ))
        .description(Some(
            "A note for the owner only (never on the stats link or the peek page): at most \
             1,000 characters; line breaks and tabs kept, no other control characters. Blank \
             or null: none.",
        ))
        .build()
}

/// Where an expired link leads: a target URL; blank or null for none.
pub fn expired_url() -> Schema {
    let blank = ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{BLANK}$")));
    AnyOfBuilder::new()
        .item(target_url())
        .item(blank)
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .description(Some(
            "Where visitors go once the link has expired or used up its clicks, instead of its \
             410 page; blank or absent: none",
        ))
        .build()
        .into()
}

/// A link preview as JSON gives it: a title that is not blank, and optionally a
/// description and an image URL; `null` for none.
pub fn preview() -> Schema {
    use crate::domain::preview::{MAX_DESCRIPTION, MAX_TITLE};
    // Not a control character; and for the title's one required character, not white
    // space either (what a trim removes).
    let plain = "[^\\u0000-\\u001F\\u007F-\\u009F]";
    let seen = "[^\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";
    let title = ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(MAX_TITLE))
        .pattern(Some(format!("^{plain}*{seen}{plain}*$")))
        .description(Some(
            "What previewers show as the title: at most 200 characters, one line",
        ));
    let description = ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .max_length(Some(MAX_DESCRIPTION))
        .pattern(Some(format!("^{plain}*$")))
        .description(Some(
            "At most 300 characters, one line; blank or null: none",
        ));
    let blank = ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{BLANK}$")));
    let image = AnyOfBuilder::new()
        .item(target_url())
        .item(blank)
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .description(Some(
            "The image previewers show, by URL (checked as a target is); blank or null: none",
        ));
    let object = ObjectBuilder::new()
        .property("title", title)
        .property("description", description)
        .property("image_url", image)
        .required("title")
        .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)));
    AnyOfBuilder::new()
        .item(object)
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .description(Some(
            "What link previewers are shown on the Continue page of a humans_only link, as og: \
             tags, where the operator set previews = true (else 422); turns humans_only on \
             unless it is false (then 422). null: none",
        ))
        .build()
        .into()
}

/// Text without control characters, of `min` to `max` characters.
fn plain_text(min: usize, max: usize) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(min))
        .max_length(Some(max))
        .pattern(Some(format!(
            "^[^\\u0000-\\u001F\\u007F-\\u009F]{{{min},{max}}}$"
        )))
}

/// A smart link's rules, as a create or an edit gives them: each with at least one
/// condition and a target.
pub fn rules() -> Schema {
    let time = |what: &str| {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .description(Some(what.to_owned()))
    };
    let query = ObjectBuilder::new()
        .property_names(Some(plain_text(1, smart::MAX_QUERY_TEXT)))
        .additional_properties(Some(plain_text(0, smart::MAX_QUERY_TEXT)))
        .max_properties(Some(smart::MAX_QUERY))
        .min_properties(Some(1))
        .description(Some(
            "Parameters (name: value) the short link's query must carry, compared decoded",
        ));
    let when = ObjectBuilder::new()
        .property(
            "device",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(smart::Device::ALL.map(smart::Device::as_str)))
                .description(Some("From the User-Agent; mobile is any phone or tablet")),
        )
        .property(
            "language",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^[A-Za-z]{2,8}$"))
                .description(Some(
                    "A primary language tag: the visitor's highest-ranked Accept-Language has it",
                )),
        )
        .property("query", query)
        .property("after", time("From this time on (RFC 3339)"))
        .property(
            "before",
            time("Until this time, not including it; later than after"),
        )
        .min_properties(Some(1))
        .additional_properties(Some(AdditionalProperties::FreeForm(false)));
    let rule = ObjectBuilder::new()
        .property("when", when)
        .property("target_url", target_url())
        .required("when")
        .required("target_url")
        .additional_properties(Some(AdditionalProperties::FreeForm(false)));
    let rules = ArrayBuilder::new()
        .items(rule)
        .max_items(Some(smart::MAX_RULES));
    AnyOfBuilder::new()
        .item(rules)
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .description(Some(
            "Where some visitors go instead: the first rule whose conditions all hold decides; \
             empty or null: none",
        ))
        .into()
}

/// A smart link's split: 2 to 5 targets with weights.
pub fn variants() -> Schema {
    let variant = ObjectBuilder::new()
        .property("target_url", target_url())
        .property(
            "weight",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1))
                .maximum(Some(100)),
        )
        .required("target_url")
        .required("weight")
        .additional_properties(Some(AdditionalProperties::FreeForm(false)));
    let split = ArrayBuilder::new()
        .items(variant)
        .min_items(Some(2))
        .max_items(Some(smart::MAX_VARIANTS));
    AnyOfBuilder::new()
        .item(split)
        .item(ArrayBuilder::new().max_items(Some(0)))
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .description(Some(
            "The visits no rule took, shared at random by weight; a visitor keeps its variant \
             (a cookie on the link's path). Empty or null: no split.",
        ))
        .into()
}

/// Spaces around a field are dropped (any Unicode space; these few in the pattern).
const BLANK: &str = "[ \\t\\n\\r]*";

/// A key's alphabet and lengths, with the reserved words left out.
fn key_pattern() -> String {
    let words: Vec<String> = reserved().iter().map(|w| any_case(w)).collect();
    format!(
        "(?!(?:{})(?![A-Za-z0-9_-]))[A-Za-z0-9_-]{{{},{}}}",
        words.join("|"),
        KEY_LENGTHS.start(),
        KEY_LENGTHS.end()
    )
}

/// `word` matched without regard to case (JSON Schema patterns have no `(?i)`).
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| match c.is_ascii_alphabetic() {
            true => format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase()),
            false => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_matched_in_any_case() {
        assert_eq!(any_case("url"), "[Uu][Rr][Ll]");
        assert!(key_pattern().contains("[Aa][Dd][Mm][Ii][Nn]"));
    }
}
