//! The askama filters that put pages in the visitor's language. A page is rendered
//! with its `Context` (`respond::html`); the filters read the language from it
//! (English when a page is rendered without one).
//!
//! - `{{ "id"|t }}`: the catalog's message `id`; `{{ text|t }}` a `Text` (an error,
//!   a notice) in the page's language;
//! - `{{ "id"|t1("name", value) }}`, `t2`, `t3`: with arguments (numbers choose
//!   plural forms and are grouped the language's way);
//! - `{{ n|num }}`: a number; `{{ at|date_time }}` a stored time; `{{ day|day_short }}`
//!   a `YYYY-MM-DD` day, short;
//! - `{{ "tag"|lang }}`: the page's language tag; `"all"|languages`: the switcher.
//!
//! Every module that derives a template brings them in with `use crate::web::filters;`.

use askama::Values;
use fluent_bundle::{FluentArgs, FluentValue};

use crate::i18n::{Lang, Text};
use crate::web::language::Choice;

/// What a page is rendered with besides its own fields.
pub struct Context {
    pub lang: Lang,
    pub switcher: Vec<Choice>,
}

impl Values for Context {
    fn get_value<'a>(&'a self, key: &str) -> Option<&'a dyn std::any::Any> {
        (key == "page").then_some(self as &dyn std::any::Any)
    }
}

fn context(values: &dyn Values) -> Option<&Context> {
    askama::get_value::<Context>(values, "page").ok()
}

fn language(values: &dyn Values) -> Lang {
    context(values).map_or(Lang::En, |c| c.lang)
}

/// What `t` can say: a message id, or a `Text`.
pub trait Localize {
    fn localize(&self, lang: Lang) -> String;
}

impl Localize for str {
    fn localize(&self, lang: Lang) -> String {
        lang.text(self)
    }
}

impl Localize for String {
    fn localize(&self, lang: Lang) -> String {
        lang.text(self)
    }
}

impl Localize for Text {
    fn localize(&self, lang: Lang) -> String {
        self.in_lang(lang)
    }
}

impl<T: Localize + ?Sized> Localize for &T {
    fn localize(&self, lang: Lang) -> String {
        (**self).localize(lang)
    }
}

/// A value given to a message as `$name`.
pub trait ToArg {
    fn to_arg(&self, lang: Lang) -> FluentValue<'static>;
}

impl ToArg for str {
    fn to_arg(&self, _: Lang) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl ToArg for String {
    fn to_arg(&self, _: Lang) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

impl ToArg for Text {
    fn to_arg(&self, lang: Lang) -> FluentValue<'static> {
        FluentValue::from(self.in_lang(lang))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(&self, _: Lang) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_args!(i64, i32, u8, u16, u32, u64, usize, f64);

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self, lang: Lang) -> FluentValue<'static> {
        (**self).to_arg(lang)
    }
}

fn with_args(values: &dyn Values, id: &str, args: &[(&str, &dyn ToArg)]) -> String {
    let lang = language(values);
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(name.to_string(), value.to_arg(lang));
    }
    lang.message(id, Some(&fluent))
}

/// The message (an id or a `Text`) in the page's language.
#[askama::filter_fn]
pub fn t<M: Localize>(message: M, values: &dyn Values) -> askama::Result<String> {
    Ok(message.localize(language(values)))
}

/// The message `id` with one argument.
#[askama::filter_fn]
pub fn t1<S: AsRef<str>, V: ToArg>(
    id: S,
    values: &dyn Values,
    name: &str,
    value: V,
) -> askama::Result<String> {
    Ok(with_args(values, id.as_ref(), &[(name, &value)]))
}

/// The message `id` with two arguments.
#[askama::filter_fn]
pub fn t2<S: AsRef<str>, V1: ToArg, V2: ToArg>(
    id: S,
    values: &dyn Values,
    name1: &str,
    value1: V1,
    name2: &str,
    value2: V2,
) -> askama::Result<String> {
    Ok(with_args(
        values,
        id.as_ref(),
        &[(name1, &value1), (name2, &value2)],
    ))
}

/// The message `id` with three arguments.
#[askama::filter_fn]
#[allow(clippy::too_many_arguments)]
pub fn t3<S: AsRef<str>, V1: ToArg, V2: ToArg, V3: ToArg>(
    id: S,
    values: &dyn Values,
    name1: &str,
    value1: V1,
    name2: &str,
    value2: V2,
    name3: &str,
    value3: V3,
) -> askama::Result<String> {
    Ok(with_args(
        values,
        id.as_ref(),
        &[(name1, &value1), (name2, &value2), (name3, &value3)],
    ))
}

/// A whole number of any integer type, as `num` takes it.
pub trait Whole {
    fn whole(&self) -> i64;
}

macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl Whole for $t {
            fn whole(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
whole_numbers!(i64, i32, u8, u16, u32, u64, usize);

impl<T: Whole + ?Sized> Whole for &T {
    fn whole(&self) -> i64 {
        (**self).whole()
    }
}

/// A whole number, grouped the page language's way.
#[askama::filter_fn]
pub fn num<N: Whole>(n: N, values: &dyn Values) -> askama::Result<String> {
    Ok(language(values).number(n.whole()))
}

/// A stored time (`2026-11-28T14:05:09Z`) as a date and time in words.
#[askama::filter_fn]
pub fn date_time<S: AsRef<str>>(at: S, values: &dyn Values) -> askama::Result<String> {
    Ok(language(values).date_time(at.as_ref()))
}

/// A time, stored or as typed, as a date-time field's value: its UTC wall time
/// (which the field sends back and the app reads as UTC), or blank when it is no
/// time (such a value would make the page invalid; browsers never send one).
#[askama::filter_fn]
pub fn local_input<S: AsRef<str>>(at: S, _values: &dyn Values) -> askama::Result<String> {
    let at = crate::domain::clock::read(at.as_ref());
    Ok(at.map_or_else(
        |_| String::new(),
        |at| {
            crate::domain::clock::stamp(at)
                .trim_end_matches('Z')
                .to_owned()
        },
    ))
}

/// A day (`2026-11-28`), short (the chart's axis).
#[askama::filter_fn]
pub fn day_short<S: AsRef<str>>(day: S, values: &dyn Values) -> askama::Result<String> {
    Ok(language(values).day_short(day.as_ref()))
}

/// The page language's tag, for `<html lang>`.
#[askama::filter_fn]
pub fn lang<S: AsRef<str>>(_what: S, values: &dyn Values) -> askama::Result<&'static str> {
    Ok(language(values).tag())
}

/// The language switcher's entries: (tag, name, href, is the page's language).
#[askama::filter_fn]
pub fn languages<S: AsRef<str>>(
    _what: S,
    values: &dyn Values,
) -> askama::Result<Vec<(&'static str, &'static str, String, bool)>> {
    Ok(context(values)
        .map(|c| {
            c.switcher
                .iter()
                .map(|choice| {
                    let lang = choice.lang;
                    (lang.tag(), lang.name(), choice.href.clone(), choice.current)
                })
                .collect()
        })
        .unwrap_or_default())
}
