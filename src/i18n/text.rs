//! `Text`: a message id with its arguments, rendered in any language.

use std::fmt;

use fluent_bundle::{FluentArgs, FluentValue};

use super::Lang;

/// A message of the catalogs with its arguments. Errors and notices carry one, so a
/// page can say it in the visitor's language while JSON keeps the English text.
/// Boxed: one pointer wide, so an `Error` that holds one (and every result and
/// future that may hold an `Error`, the redirect's among them) stays as small as
/// the `sqlx::Error` it may hold (40 bytes; 64 with the text unboxed).
#[derive(Debug, Clone, PartialEq)]
pub struct Text(Box<Message>);

#[derive(Debug, Clone, PartialEq)]
struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// One argument of a `Text`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is (a host, a key, a typed value).
    Plain(String),
    /// A number: formatted the language's way, and it chooses plural forms.
    Number(i64),
    /// A stored time (`2026-11-28T14:05:09Z`), as a date and time in words.
    Time(String),
    /// Another message, said in the same language (the reason inside "Rule 2: ...").
    Text(Text),
}

impl Text {
    /// The message `id` of the catalogs.
    pub fn new(id: &'static str) -> Text {
        Text(Box::new(Message {
            id,
            args: Vec::new(),
        }))
    }

    /// With the argument `$name`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Text {
        self.0.args.push((name, value.into()));
        self
    }

    /// The message's id, for tests that tell texts apart.
    #[cfg(test)]
    pub fn id(&self) -> &'static str {
        self.0.id
    }

    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        if self.0.args.is_empty() {
            return lang.text(self.0.id);
        }
        let mut args = FluentArgs::new();
        for (name, value) in &self.0.args {
            let value = match value {
                Arg::Plain(s) => FluentValue::from(s.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(text) => FluentValue::from(text.in_lang(lang)),
                Arg::Time(at) => FluentValue::from(lang.date_time(at)),
            };
            args.set(*name, value);
        }
        lang.message(self.0.id, Some(&args))
    }
}

/// The English text: what JSON answers and logs carry.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Arg {
        Arg::Plain(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Arg {
        Arg::Plain(value.to_owned())
    }
}

impl From<Text> for Arg {
    fn from(value: Text) -> Arg {
        Arg::Text(value)
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Arg {
                Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
numbers!(i64, i32, u8, u16, u32, u64, usize);
