//! What the API description says each field and parameter accepts, built from the
//! domain's own rules (lengths, alphabets, reserved words), so that a request valid by
//! the document is one the app accepts, and the two cannot drift apart.

use utoipa::openapi::schema::{
    AnyOfBuilder, KnownFormat, Object, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type,
};

use crate::domain::keys::{reserved, KEY_LENGTHS};
use crate::domain::{password, target};

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
        .description(Some(
            "When the link stops forwarding (410 after): RFC 3339, in the future. A browser's \
             `YYYY-MM-DDTHH:MM` is accepted too, read as UTC.",
        ))
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
