//! The rules every route shares, written into the API description once: any error
//! comes as a page or as `{"detail": ...}` (the same negotiation as everywhere), the
//! security headers, `Retry-After` on 429, and the domain's constraints on the
//! parameters that are not a struct's fields.

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{Content, OpenApi, RefOr, Response, Schema};
use utoipa::Modify;

use crate::domain::window::Window;
use crate::web::constraints;
use crate::web::headers::{EVERY_ANSWER, OWNER_PAGES, VARY};

/// The media type of the pages.
pub const HTML: &str = "text/html";

/// The media type of the pages' forms.
const FORM: &str = "application/x-www-form-urlencoded";

/// The error schema's place: a response with it also comes as an HTML page.
const DETAIL: &str = "#/components/schemas/Detail";

/// Adds what the handlers' annotations leave to these shared rules.
pub struct Shared;

impl Modify for Shared {
    fn modify(&self, spec: &mut OpenApi) {
        let forms = form_schemas(spec);
        for (path, item) in spec.paths.paths.iter_mut() {
            let owner = path.starts_with("/admin/");
            for operation in operations(item) {
                constrain(operation);
                as_form(operation, &forms);
                for (status, response) in operation.responses.responses.iter_mut() {
                    if let RefOr::T(response) = response {
                        describe(response, status, owner);
                    }
                }
            }
        }
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.head,
        &mut item.post,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

/// Errors in both representations, and the headers of the answer.
fn describe(response: &mut Response, status: &str, owner: bool) {
    let is_error = response
        .content
        .get("application/json")
        .and_then(|content| content.schema.as_ref())
        .is_some_and(|schema| matches!(schema, RefOr::Ref(r) if r.ref_location == DETAIL));
    if is_error && !response.content.contains_key(HTML) {
        response.content.insert(HTML.into(), page());
    }
    let mut headers: Vec<(&str, Schema, &str)> = EVERY_ANSWER
        .iter()
        .map(|(name, value)| (*name, exactly(value), "Set on every answer"))
        .collect();
    if status != "307" {
        headers.push((
            "Content-Security-Policy",
            text(),
            "Scripts, styles and forms only from this origin; no framing",
        ));
        headers.push((
            "Vary",
            exactly(VARY),
            "The answer depends on Accept, and a page on the visitor's language",
        ));
        if owner {
            let secret = "The path carries the owner's secret";
            headers.extend(OWNER_PAGES.iter().map(|(n, v)| (*n, exactly(v), secret)));
        }
    }
    if status == "429" {
        headers.push(("Retry-After", text(), "Seconds until a retry may succeed"));
    }
    for (name, schema, about) in headers {
        let header = HeaderBuilder::new()
            .schema(schema)
            .description(Some(about))
            .build();
        response.headers.entry(name.into()).or_insert(header);
    }
}

/// The form's version of each body schema: a form field is text or absent, so the
/// JSON-only `null` is left out of each field's types (a form cannot say null), and
/// the JSON-only arrays are left out.
fn form_schemas(spec: &OpenApi) -> Vec<(String, Schema)> {
    let Some(components) = &spec.components else {
        return Vec::new();
    };
    components
        .schemas
        .iter()
        .filter_map(|(name, schema)| match schema {
            RefOr::T(Schema::Object(object)) => Some((name.clone(), without_null(object.clone()))),
            _ => None,
        })
        .collect()
}

/// Fields only JSON carries (a form gives rules and variants as rows of fields, and
/// the preview as three fields).
const JSON_ONLY: [&str; 3] = ["rules", "variants", "preview"];

fn without_null(mut object: Object) -> Schema {
    object
        .properties
        .retain(|name, _| !JSON_ONLY.contains(&name.as_str()));
    for field in object.properties.values_mut() {
        if let RefOr::T(Schema::AnyOf(any)) = field {
            any.items.retain(|item| !is_null(item));
        }
        if let RefOr::T(Schema::Object(field)) = field {
            if let SchemaType::Array(types) = &field.schema_type {
                let kept: Vec<Type> = types
                    .iter()
                    .filter(|t| **t != Type::Null)
                    .cloned()
                    .collect();
                if let [one] = kept.as_slice() {
                    field.schema_type = SchemaType::Type(one.clone());
                }
            }
        }
    }
    object.into()
}

fn is_null(schema: &RefOr<Schema>) -> bool {
    matches!(schema, RefOr::T(Schema::Object(o)) if o.schema_type == SchemaType::Type(Type::Null))
}

/// Inlines the form version of a form body's schema.
fn as_form(operation: &mut Operation, forms: &[(String, Schema)]) {
    let Some(body) = operation.request_body.as_mut() else {
        return;
    };
    let Some(content) = body.content.get_mut(FORM) else {
        return;
    };
    let Some(RefOr::Ref(reference)) = &content.schema else {
        return;
    };
    let name = reference
        .ref_location
        .trim_start_matches("#/components/schemas/");
    if let Some((_, schema)) = forms.iter().find(|(n, _)| n == name) {
        content.schema = Some(RefOr::T(schema.clone()));
    }
}

/// Path and query parameters the handlers take as text, with the domain's rules.
fn constrain(operation: &mut Operation) {
    for parameter in operation.parameters.iter_mut().flatten() {
        let schema: Schema = match parameter.name.as_str() {
            "key" => constraints::key().into(),
            "days" => ObjectBuilder::new()
                .schema_type(Type::Integer)
                .enum_values(Some(Window::CHOICES))
                .build()
                .into(),
            "file" => ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["qr.svg", "qr.png"]))
                .build()
                .into(),
            "sort" => ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["date", "clicks"]))
                .build()
                .into(),
            _ => continue,
        };
        parameter.schema = Some(RefOr::T(schema));
    }
}

/// An HTML page: a document, not a schema.
pub fn page() -> Content {
    Content::new(Some(RefOr::T(text())))
}

fn text() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .build()
        .into()
}

fn exactly(value: &str) -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([value]))
        .build()
        .into()
}
