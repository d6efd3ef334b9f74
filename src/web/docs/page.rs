//! `/docs`: the API description as a page, from the same document as `/openapi.json`
//! (so the page cannot say something the document does not).

use askama::Template;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::{OpenApi as Spec, RefOr};

use crate::web::filters;

/// One operation, as the docs page lists it.
pub struct Entry {
    pub method: &'static str,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub params: Vec<Param>,
    pub body: Option<String>,
    pub responses: Vec<Answer>,
}

/// One parameter of an operation: its name, where it goes (the id of the message
/// that says so, around the name and `about`) and what it is.
pub struct Param {
    pub name: String,
    pub place: &'static str,
    pub about: String,
}

/// One status of an operation: what it means, in which media types, with which headers.
pub struct Answer {
    pub status: String,
    pub about: String,
    pub types: String,
    pub headers: String,
}

/// A run of a paragraph: code (between backticks) or text.
pub struct Run {
    pub code: bool,
    pub text: String,
}

/// The docs page: the shared rules, then every operation with its parameters and answers.
#[derive(Template, serde::Serialize)]
#[template(path = "docs.html")]
pub struct DocsPage {
    /// Paragraphs, each as runs of text and of `code`.
    #[serde(skip)]
    rules: Vec<Vec<Run>>,
    #[serde(skip)]
    entries: Vec<Entry>,
    /// JSON clients get pointed at the machine-readable spec.
    spec: &'static str,
}

impl DocsPage {
    /// The page of `spec`.
    pub fn new(spec: &Spec) -> DocsPage {
        let about = spec.info.description.clone().unwrap_or_default();
        let rules = about
            .split("\n\n")
            .map(|paragraph| runs(&paragraph.replace("**", "")))
            .collect();
        let entries = spec
            .paths
            .paths
            .iter()
            .flat_map(|(path, item)| {
                operations(item).map(move |(method, op)| entry(path, method, op))
            })
            .collect();
        DocsPage {
            rules,
            entries,
            spec: "/openapi.json",
        }
    }
}

/// `a `b` c` as text "a ", code "b", text " c".
fn runs(paragraph: &str) -> Vec<Run> {
    paragraph
        .split('`')
        .enumerate()
        .filter(|(_, text)| !text.is_empty())
        .map(|(n, text)| Run {
            code: n % 2 == 1,
            text: text.to_owned(),
        })
        .collect()
}

fn operations(item: &PathItem) -> impl Iterator<Item = (&'static str, &Operation)> {
    [
        ("GET", &item.get),
        ("HEAD", &item.head),
        ("POST", &item.post),
        ("PATCH", &item.patch),
        ("DELETE", &item.delete),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
}

fn entry(path: &str, method: &'static str, op: &Operation) -> Entry {
    let params = op
        .parameters
        .iter()
        .flatten()
        .map(|p| Param {
            name: p.name.clone(),
            place: match p.parameter_in {
                ParameterIn::Path => "docs-param-path",
                ParameterIn::Query => "docs-param-query",
                _ => "docs-param-header",
            },
            about: p.description.clone().unwrap_or_default(),
        })
        .collect();
    let body = op.request_body.as_ref().map(|body| {
        let types = body.content.keys().cloned().collect::<Vec<_>>().join(", ");
        match &body.description {
            Some(about) => format!("{types}: {about}"),
            None => types,
        }
    });
    let responses = op
        .responses
        .responses
        .iter()
        .map(|(status, response)| match response {
            RefOr::T(r) => Answer {
                status: status.clone(),
                about: r.description.clone(),
                types: r.content.keys().cloned().collect::<Vec<_>>().join(", "),
                headers: r.headers.keys().cloned().collect::<Vec<_>>().join(", "),
            },
            RefOr::Ref(r) => Answer {
                status: status.clone(),
                about: r.ref_location.clone(),
                types: String::new(),
                headers: String::new(),
            },
        })
        .collect();
    Entry {
        method,
        path: path.to_owned(),
        summary: op.summary.clone().unwrap_or_default(),
        description: op.description.clone().unwrap_or_default(),
        params,
        body,
        responses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_mark_code_in_a_rule() {
        let runs = runs("send `Accept: application/json` for JSON");
        let shown: Vec<(bool, &str)> = runs.iter().map(|r| (r.code, r.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (false, "send "),
                (true, "Accept: application/json"),
                (false, " for JSON")
            ]
        );
    }
}
