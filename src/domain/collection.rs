//! What a collection is called, and the orders its list can be shown in.

use crate::error::Error;
use crate::i18n::Text;

/// Longest collection name, in characters.
pub const MAX_NAME: usize = 100;

/// A collection's name: 1 to 100 characters once trimmed, none of them control
/// characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionName(String);

impl CollectionName {
    /// Checks a typed name: its length as typed, then trimmed of spaces (and of the
    /// byte-order mark, which JSON Schema's `\s` counts as one).
    pub fn parse(raw: &str) -> Result<CollectionName, Error> {
        let name = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        let invalid = |message: &'static str| Error::Invalid {
            field: "name",
            message: Text::new(message),
        };
        if name.is_empty() {
            return Err(invalid("error-collection-name-missing"));
        }
        if raw.chars().count() > MAX_NAME {
            return Err(Error::Invalid {
                field: "name",
                message: Text::new("error-collection-name-too-long").with("max", MAX_NAME),
            });
        }
        if raw.chars().any(char::is_control) {
            return Err(invalid("error-collection-name-control"));
        }
        Ok(CollectionName(name.to_owned()))
    }

    /// The name as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a collection's links are listed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first (the default).
    #[default]
    Date,
    /// Most clicked first.
    Clicks,
}

impl Sort {
    /// `?sort=` as given: `date`, `clicks`, or absent.
    pub fn parse(raw: Option<&str>) -> Result<Sort, Error> {
        match raw {
            None | Some("date") => Ok(Sort::Date),
            Some("clicks") => Ok(Sort::Clicks),
            Some(_) => Err(Error::Invalid {
                field: "sort",
                message: Text::new("error-sort"),
            }),
        }
    }

    /// The word `parse` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Clicks => "clicks",
        }
    }
}

/// Links on one page of a collection (HTML and JSON): a page's cost does not grow
/// with the collection.
pub const PAGE_SIZE: u32 = 100;

/// `?page=` as given: 1 (the first) when absent, else a whole number from 1 up (a
/// page past the last is empty).
pub fn page_number(raw: Option<&str>) -> Result<u32, Error> {
    let Some(raw) = raw else {
        return Ok(1);
    };
    match raw.trim().parse::<u32>() {
        Ok(page) if page >= 1 => Ok(page),
        _ => Err(Error::Invalid {
            field: "page",
            message: Text::new("error-page"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_limited() {
        assert_eq!(
            CollectionName::parse("  Spring  ").unwrap().as_str(),
            "Spring"
        );
        assert!(CollectionName::parse(&"é".repeat(100)).is_ok());
        for bad in [
            "",
            "   ",
            "\u{feff}",
            &"x".repeat(101),
            &format!(" {}", "x".repeat(100)),
            "a\u{0}b",
            "line\nbreak",
            "\tx",
        ] {
            assert!(CollectionName::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sorts_by_date_unless_asked_for_clicks() {
        assert_eq!(Sort::parse(None).unwrap(), Sort::Date);
        assert_eq!(Sort::parse(Some("clicks")).unwrap(), Sort::Clicks);
        assert!(Sort::parse(Some("CLICKS; drop table")).is_err());
        assert!(Sort::parse(Some("")).is_err());
    }
}
