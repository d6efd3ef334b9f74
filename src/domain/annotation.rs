//! What an owner writes about a link for themselves: a title (shown with the link to
//! whoever has its admin page or collection) and a note (the owner's only: never on
//! the stats link or the peek page).

use crate::error::Error;
use crate::i18n::Text;

/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest note, in characters.
pub const MAX_NOTE: usize = 1_000;

/// A link's title: at most 200 characters, one line, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);

/// A link's note: at most 1,000 characters; line breaks and tabs kept, no other
/// control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note(String);

impl Title {
    /// A typed title, trimmed; `None` when nothing is left (no title).
    pub fn parse(raw: &str) -> Result<Option<Title>, Error> {
        checked(raw, "title", MAX_TITLE, |c| c.is_control()).map(|t| t.map(Title))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Note {
    /// A typed note, trimmed and with `\r\n` as `\n`; `None` when nothing is left.
    pub fn parse(raw: &str) -> Result<Option<Note>, Error> {
        let bad = |c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r');
        let note = checked(raw, "note", MAX_NOTE, bad)?;
        Ok(note.map(|text| Note(text.replace("\r\n", "\n").replace('\r', "\n"))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The text of the first `<title>` in `html`, as a title: entities for `&`, `<`, `>`
/// and quotes decoded, runs of white space (line breaks too) as one space, control
/// characters dropped, cut to `MAX_TITLE` characters. `None` when there is none.
pub fn title_in_html(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let raw = html.get(start..end)?;
    let decoded = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    title_of(&decoded)
}

/// Any text as a title: runs of white space (line breaks too) as one space, control
/// characters dropped, cut to `MAX_TITLE` characters; `None` when nothing is left.
/// For titles from elsewhere (a page, another shortener), which are kept rather than
/// refused.
pub fn title_of(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let text: String = words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_TITLE)
        .collect();
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// `raw` trimmed, once its length as typed and its characters are checked.
fn checked(
    raw: &str,
    field: &'static str,
    max: usize,
    bad: impl Fn(char) -> bool,
) -> Result<Option<String>, Error> {
    if raw.chars().count() > max {
        return Err(Error::Invalid {
            field,
            message: Text::new("error-text-too-long").with("max", max),
        });
    }
    if raw.chars().any(bad) {
        return Err(Error::Invalid {
            field,
            message: Text::new("error-text-control"),
        });
    }
    let text = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_one_line_of_at_most_200_characters_and_blank_is_none() {
        assert_eq!(
            Title::parse("  Spring sale ").unwrap().unwrap().as_str(),
            "Spring sale"
        );
        assert_eq!(Title::parse("   ").unwrap(), None);
        assert!(
            Title::parse(" \t ").is_err(),
            "a tab is a control character"
        );
        assert!(Title::parse(&"é".repeat(200)).unwrap().is_some());
        assert!(Title::parse(&"é".repeat(201)).is_err());
        assert!(Title::parse("two\nlines").is_err());
        assert!(Title::parse("bell\u{7}").is_err());
    }

    #[test]
    fn a_title_from_elsewhere_is_kept_on_one_line_and_cut_not_refused() {
        let long = format!("Spring\r\n\t sale\u{7} {}", "!".repeat(300));
        let title = title_of(&long).unwrap();
        assert_eq!(title.chars().count(), MAX_TITLE);
        assert!(title.starts_with("Spring sale !"));
        assert!(Title::parse(&title).unwrap().is_some(), "a title as typed");
        assert_eq!(title_of(" \n\t "), None);
    }

    #[test]
    fn a_pages_title_is_read_decoded_and_bounded() {
        let page = "<HTML><head><Title lang=en>\n  Fish &amp; Chips\t&lt;best&gt; </title></head>";
        assert_eq!(title_in_html(page).unwrap(), "Fish & Chips <best>");
        assert_eq!(title_in_html("<title></title>"), None);
        assert_eq!(title_in_html("<p>no title</p>"), None);
        let long = format!("<title>{}</title>", "é".repeat(300));
        assert_eq!(title_in_html(&long).unwrap().chars().count(), MAX_TITLE);
        assert!(Title::parse(&title_in_html(&long).unwrap()).is_ok());
    }

    #[test]
    fn a_note_keeps_its_lines_and_refuses_other_control_characters() {
        let note = Note::parse("first\r\nsecond\tcolumn\n").unwrap().unwrap();
        assert_eq!(note.as_str(), "first\nsecond\tcolumn");
        assert!(Note::parse(&"x".repeat(1000)).unwrap().is_some());
        assert!(Note::parse(&"x".repeat(1001)).is_err());
        assert!(Note::parse("escape\u{1b}[31m").is_err());
        assert_eq!(Note::parse("").unwrap(), None);
    }
}
