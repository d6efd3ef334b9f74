//! Numbers and dates the language's way: digit grouping as CLDR has it for each
//! language, and month names and date patterns from the catalogs.

use fluent_bundle::{FluentArgs, FluentValue};

use super::Lang;

/// How a language writes numbers: the group and decimal separators, and the fewest
/// digits a number needs before it is grouped (Spanish leaves `1234` alone).
struct Digits {
    group: &'static str,
    decimal: &'static str,
    min_digits: usize,
}

impl Lang {
    fn digits(self) -> Digits {
        let (group, decimal, min_digits) = match self {
            Lang::En => (",", ".", 4),
            Lang::De | Lang::PtBr => (".", ",", 4),
            // A narrow no-break space.
            Lang::Fr => ("\u{202f}", ",", 4),
            Lang::Es => (".", ",", 5),
        };
        Digits {
            group,
            decimal,
            min_digits,
        }
    }

    /// `n` written the language's way (`1,234` in English, `1.234` in German).
    pub fn number(self, n: i64) -> String {
        grouped(self, &n.to_string())
    }

    /// A stored time (`2026-11-28T14:05:09Z`) as a date and time in words
    /// (`November 28, 2026, 14:05 UTC`); anything else as it is.
    pub fn date_time(self, at: &str) -> String {
        match (self.day(at.get(..10).unwrap_or_default()), at.get(11..16)) {
            (Some(day), Some(time)) => self.message(
                "date-time",
                Some(&args([("date", day), ("time", time.into())])),
            ),
            _ => at.to_owned(),
        }
    }

    /// A day (`2026-11-28`) in words (`November 28, 2026`); `None` when it is not one.
    pub fn day(self, day: &str) -> Option<String> {
        let (year, month, date) = parts(day)?;
        let month_name = self.text(&format!("month-{month}"));
        let args = args([
            ("day", date.to_string()),
            ("month", month_name),
            ("year", year.to_string()),
        ]);
        Some(self.message("date-day", Some(&args)))
    }

    /// A day (`2026-11-28`) short, for the chart's axis (`Nov 28`).
    pub fn day_short(self, day: &str) -> String {
        let Some((_, month, date)) = parts(day) else {
            return day.to_owned();
        };
        let month_name = self.text(&format!("month-short-{month}"));
        let args = args([("day", date.to_string()), ("month", month_name)]);
        self.message("date-day-short", Some(&args))
    }
}

/// Arguments written as text (a day of the month is not grouped as a number would be).
fn args<const N: usize>(pairs: [(&'static str, String); N]) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (name, value) in pairs {
        args.set(name, value);
    }
    args
}

/// Year, month and day of `YYYY-MM-DD`.
fn parts(day: &str) -> Option<(i32, u8, u8)> {
    let mut it = day.splitn(3, '-');
    let year = it.next()?.parse().ok()?;
    let month = it.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
    let date = it.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some((year, month, date))
}

/// A number written in plain digits (`-1234.5`) grouped the way of `lang`.
fn grouped(lang: Lang, plain: &str) -> String {
    let digits = lang.digits();
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    let mut out = String::from(sign);
    if whole.len() >= digits.min_digits {
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push_str(digits.group);
            }
            out.push(c);
        }
    } else {
        out.push_str(whole);
    }
    if !fraction.is_empty() {
        out.push_str(digits.decimal);
        out.push_str(fraction);
    }
    out
}

/// Fluent's number formatter for `lang` (the bundle passes no language to it).
pub(super) fn formatter<M>(lang: Lang) -> fn(&FluentValue<'_>, &M) -> Option<String> {
    fn number<M, const L: usize>(value: &FluentValue<'_>, _: &M) -> Option<String> {
        match value {
            FluentValue::Number(n) if n.options.use_grouping => {
                Some(grouped(Lang::ALL[L], &n.as_string()))
            }
            _ => None,
        }
    }
    match lang {
        Lang::En => number::<M, 0>,
        Lang::De => number::<M, 1>,
        Lang::Fr => number::<M, 2>,
        Lang::Es => number::<M, 3>,
        Lang::PtBr => number::<M, 4>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_languages_way() {
        assert_eq!(Lang::En.number(1234567), "1,234,567");
        assert_eq!(Lang::De.number(1234), "1.234");
        assert_eq!(Lang::Fr.number(1234), "1\u{202f}234");
        assert_eq!(Lang::Es.number(1234), "1234");
        assert_eq!(Lang::Es.number(12345), "12.345");
        assert_eq!(Lang::PtBr.number(-1234), "-1.234");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(grouped(Lang::De, "1234.5"), "1.234,5");
    }
}
