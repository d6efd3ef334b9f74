//! A log line as one JSON object: `time` (RFC 3339, UTC), `level`, `message`, and
//! the record's key-value pairs (a request's `method`, `route`, `status`, ...), every
//! text blanked of secrets as a line is.

use log::kv::{Key, Value, VisitSource};
use log::{Level, Record};
use serde_json::{Map, Value as Json};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::redact;

/// The object for `message` (already blanked) at `level`, with `record`'s pairs.
pub fn line(level: Level, message: &str, record: Option<&Record<'_>>) -> String {
    let mut object = Map::new();
    let time = OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default();
    object.insert("time".into(), time.into());
    object.insert("level".into(), level.as_str().to_ascii_lowercase().into());
    object.insert("message".into(), plain(message).into());
    if let Some(record) = record {
        let mut fields = Fields(&mut object);
        let _ = record.key_values().visit(&mut fields);
    }
    Json::Object(object).to_string()
}

/// Collects a record's pairs into the object; the three fields above cannot be replaced.
struct Fields<'a>(&'a mut Map<String, Json>);

impl<'kvs> VisitSource<'kvs> for Fields<'_> {
    fn visit_pair(&mut self, key: Key<'kvs>, value: Value<'kvs>) -> Result<(), log::kv::Error> {
        let key = key.as_str();
        if ["time", "level", "message"].contains(&key) {
            return Ok(());
        }
        let json = if let Some(n) = value.to_u64() {
            Json::from(n)
        } else if let Some(n) = value.to_i64() {
            Json::from(n)
        } else if let Some(b) = value.to_bool() {
            Json::from(b)
        } else if let Some(x) = value.to_f64() {
            Json::from(x)
        } else {
            Json::from(redact(&plain(&value.to_string())).into_owned())
        };
        self.0.insert(key.to_owned(), json);
        Ok(())
    }
}

/// `text` without terminal colour codes (Rocket colours its lines on a terminal).
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ parameters, ended by a letter.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_one_object_with_its_pairs_blanked() {
        let args = format_args!("GET /admin/<secret> 200");
        let pairs: [(&str, Value<'_>); 3] = [
            ("status", Value::from(200u16)),
            ("uri", Value::from("/%61dmin/S3cret?days=7")),
            ("level", Value::from("forged")),
        ];
        let record = Record::builder()
            .args(args)
            .level(Level::Info)
            .key_values(&pairs)
            .build();

        let line = line(Level::Info, "GET \u{1b}[34m/x\u{1b}[0m", Some(&record));

        let object: Json = serde_json::from_str(&line).unwrap();
        assert_eq!(object["status"], 200);
        assert_eq!(object["uri"], "/%61dmin/<secret>?days=7");
        assert_eq!(object["level"], "info");
        assert_eq!(object["message"], "GET /x");
        let time = object["time"].as_str().unwrap();
        assert!(OffsetDateTime::parse(time, &Rfc3339).is_ok(), "{time}");
        assert!(!line.contains('\n') && !line.contains("S3cret"), "{line}");
    }
}
