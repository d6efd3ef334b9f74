//! A ShareX custom uploader (`/sharex.sxcu`): opened in ShareX (Windows), it shortens
//! the URL on the clipboard with `POST /url` and copies the short link. On a private
//! instance it sends a creator token, which the user puts in place of the placeholder.

use rocket::http::{ContentType, Header};
use rocket::{get, routes, Responder, Route, State};
use serde_json::json;

use crate::settings::Settings;

pub fn routes() -> Vec<Route> {
    routes![sharex]
}

/// What the user replaces with their creator token (private mode).
pub const TOKEN_PLACEHOLDER: &str = "YOUR-CREATOR-TOKEN";

/// The uploader file, downloaded rather than shown.
#[derive(Responder)]
struct Download {
    body: (ContentType, String),
    disposition: Header<'static>,
}

#[get("/sharex.sxcu")]
fn sharex(settings: &State<Settings>) -> Download {
    let host = url::Url::parse(&settings.base_url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| "shortener".to_owned());
    let file = uploader(&settings.base_url, &host, settings.private);
    Download {
        body: (ContentType::JSON, file),
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{}.sxcu\"", file_name(&host)),
        ),
    }
}

/// The uploader: a form body (ShareX encodes it), JSON asked back, the short URL read
/// from it, and the admin page as the deletion URL (its delete button).
fn uploader(base: &str, host: &str, private: bool) -> String {
    let mut headers = json!({ "Accept": "application/json" });
    if private {
        headers["Authorization"] = json!(format!("Bearer {TOKEN_PLACEHOLDER}"));
    }
    let file = json!({
        "Version": "17.0.0",
        "Name": host,
        "DestinationType": "URLShortener",
        "RequestMethod": "POST",
        "RequestURL": format!("{base}/url"),
        "Headers": headers,
        "Body": "FormURLEncoded",
        "Arguments": { "target_url": "{input}" },
        "URL": "{json:url}",
        "DeletionURL": "{json:admin_url}",
        "ErrorMessage": "{json:detail}",
    });
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// `host` with only the characters a file name may safely hold.
fn file_name(host: &str) -> String {
    host.chars()
        .map(
            |c| match c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                true => c,
                false => '_',
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_instance_s_uploader_sends_a_token_and_a_public_one_s_does_not() {
        let private: serde_json::Value =
            serde_json::from_str(&uploader("https://sho.rt", "sho.rt", true)).unwrap();
        assert_eq!(private["RequestURL"], "https://sho.rt/url");
        assert_eq!(
            private["Headers"]["Authorization"],
            format!("Bearer {TOKEN_PLACEHOLDER}")
        );
        assert_eq!(private["Arguments"]["target_url"], "{input}");
        let public: serde_json::Value =
            serde_json::from_str(&uploader("https://sho.rt", "sho.rt", false)).unwrap();
        assert!(public["Headers"].get("Authorization").is_none());
        assert_eq!(file_name("sho.rt\"; x"), "sho.rt___x");
    }
}
