//! A fresh app on its own database per test (see `backend`), and request shortcuts.

use std::path::{Path, PathBuf};

use rocket::figment::Figment;
use rocket::http::{Accept, ContentType, Header, Method, Status};
use rocket::local::blocking::{Client, LocalResponse};
use serde_json::Value;
use tempfile::TempDir;

/// What Chrome and Firefox send for a page.
pub const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// The public address the test apps build links on.
pub const BASE: &str = "http://sho.rt";

pub struct TestApp {
    pub client: Client,
    pub db_path: PathBuf,
    _dir: Option<TempDir>,
}

pub use crate::backend::query_scalar;

/// The figment every test app uses, on the test database "at" `db` (`backend::database_url`).
pub fn figment(db: &Path) -> Figment {
    shortener::figment()
        .merge(("databases.links.url", crate::backend::database_url(db)))
        .merge(("base_url", BASE))
        .merge(("log_level", "off"))
        .merge(("rate_limit.per_minute", 0))
}

pub fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = spawn_app_on(&dir.path().join("test.db"));
    app._dir = Some(dir);
    app
}

/// A fresh app with settings of the test's own on top of the usual ones.
pub fn spawn_app_with(configure: impl FnOnce(Figment) -> Figment) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("test.db");
    let mut app = spawn_with(configure(figment(&db)), &db);
    app._dir = Some(dir);
    app
}

/// An app on an existing (or new) database file, e.g. to restart on the same data.
pub fn spawn_app_on(db_path: &Path) -> TestApp {
    spawn_with(figment(db_path), db_path)
}

pub fn spawn_with(figment: Figment, db_path: &Path) -> TestApp {
    let client = Client::tracked(shortener::build(figment)).expect("valid rocket");
    TestApp {
        client,
        db_path: db_path.to_owned(),
        _dir: None,
    }
}

impl TestApp {
    /// `POST /url` with a JSON body and `Accept: application/json`.
    pub fn create_json(&self, body: Value) -> LocalResponse<'_> {
        self.client
            .post("/url")
            .header(ContentType::JSON)
            .header(Accept::JSON)
            .body(body.to_string())
            .dispatch()
    }

    /// `POST /url` with a form body as a browser sends it.
    pub fn create_form(&self, body: &str) -> LocalResponse<'_> {
        self.client
            .post("/url")
            .header(ContentType::Form)
            .header(Header::new("Accept", BROWSER))
            .body(body)
            .dispatch()
    }

    /// `POST /url` with any body type (`None`: no Content-Type) and `Accept` (`None`: no header).
    pub fn post_url(
        &self,
        content_type: Option<ContentType>,
        accept: Option<&str>,
        body: impl Into<String>,
    ) -> LocalResponse<'_> {
        let mut req = self.client.post("/url");
        if let Some(content_type) = content_type {
            req = req.header(content_type);
        }
        if let Some(accept) = accept {
            req = req.header(Header::new("Accept", accept.to_owned()));
        }
        req.body(body.into()).dispatch()
    }

    /// Creates a link and returns its `URLInfo`, failing the test unless it is a 201.
    pub fn seed(&self, target: &str) -> Link {
        let res = self.create_json(serde_json::json!({ "target_url": target }));
        assert_eq!(res.status(), Status::Created);
        Link(res.into_json().expect("URLInfo"))
    }

    /// Creates a link from a whole JSON body, failing the test unless it is a 201.
    pub fn seed_with(&self, body: Value) -> Link {
        let res = self.create_json(body.clone());
        assert_eq!(res.status(), Status::Created, "creating {body}");
        Link(res.into_json().expect("URLInfo"))
    }

    /// A request with a JSON body and `Accept: application/json`.
    pub fn send_json(&self, method: Method, path: &str, body: Value) -> LocalResponse<'_> {
        self.client
            .req(method, path.to_owned())
            .header(ContentType::JSON)
            .header(Accept::JSON)
            .body(body.to_string())
            .dispatch()
    }

    /// The owner's view of the link at `admin` (JSON), failing the test unless 200.
    pub fn owner_view(&self, admin: &str) -> Value {
        let (status, info) = self.get_json(admin);
        assert_eq!(status, Status::Ok, "{admin}: {info}");
        info
    }

    /// One of the admin page's forms at `admin`, posted from a browser.
    pub fn admin_form(&self, admin: &str, body: &str) -> LocalResponse<'_> {
        self.client
            .post(admin.to_owned())
            .header(ContentType::Form)
            .header(Header::new("Accept", BROWSER))
            .body(body)
            .dispatch()
    }

    /// GET with the given `Accept` header (`None`: no header).
    pub fn get(&self, path: &str, accept: Option<&str>) -> LocalResponse<'_> {
        let mut req = self.client.get(path.to_owned());
        if let Some(accept) = accept {
            req = req.header(Header::new("Accept", accept.to_owned()));
        }
        req.dispatch()
    }

    pub fn get_json(&self, path: &str) -> (Status, Value) {
        let res = self.get(path, Some("application/json"));
        (res.status(), res.into_json().unwrap_or(Value::Null))
    }

    /// One number from the database file, read over a connection of the test's own.
    pub fn query_i64(&self, sql: &str) -> i64 {
        query_scalar(&self.db_path, sql)
    }

    /// A form POST, as the browser sends the admin page's buttons.
    pub fn post_form(&self, path: &str, body: &str) -> LocalResponse<'_> {
        let req = self.client.post(path.to_owned()).header(ContentType::Form);
        req.header(Header::new("Accept", BROWSER))
            .body(body)
            .dispatch()
    }

    /// Shuts the app down as the binary does: requests end, then pending clicks are written.
    pub fn stop(self) {
        let rocket = self.client.terminate();
        rocket::execute(shortener::finish(&rocket)).expect("final flush");
    }

    /// Stops the app's clock at `at` (RFC 3339), so clicks land on chosen days.
    pub fn set_clock(&self, at: &str) {
        let at = time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
            .expect("an RFC 3339 time");
        shortener::testing::set_clock(self.client.rocket(), Some(at));
    }

    /// Writes pending clicks now, as the once-a-second flush would.
    pub fn flush_clicks(&self) -> usize {
        let flush = shortener::testing::flush_clicks(self.client.rocket());
        rocket::execute(flush).expect("clicks written")
    }

    pub fn link_count(&self) -> i64 {
        self.query_i64("select count(*) from link")
    }
}

/// A created link's `URLInfo`, with its key and secret picked out.
pub struct Link(pub Value);

impl Link {
    pub fn key(&self) -> String {
        self.str("url")
            .strip_prefix(&format!("{BASE}/"))
            .unwrap()
            .to_owned()
    }

    pub fn path(&self) -> String {
        format!("/{}", self.key())
    }

    pub fn admin_path(&self) -> String {
        self.str("admin_url").strip_prefix(BASE).unwrap().to_owned()
    }

    pub fn str(&self, field: &str) -> &str {
        self.0[field]
            .as_str()
            .unwrap_or_else(|| panic!("no string `{field}` in {}", self.0))
    }
}

/// The `detail` message of a JSON error answer.
pub fn detail(res: LocalResponse<'_>) -> String {
    let body: Value = res.into_json().expect("a JSON answer");
    body["detail"]
        .as_str()
        .unwrap_or_else(|| panic!("no detail in {body}"))
        .to_owned()
}

/// A response's header value, or "" when it is missing.
pub fn header<'a>(res: &'a LocalResponse<'_>, name: &str) -> &'a str {
    res.headers().get_one(name).unwrap_or("")
}

/// Follows `path` as a client sending these headers.
pub fn visit(app: &TestApp, path: &str, referer: Option<&str>, user_agent: Option<&str>) {
    let mut req = app.client.get(path.to_owned());
    if let Some(referer) = referer {
        req = req.header(Header::new("Referer", referer.to_owned()));
    }
    if let Some(user_agent) = user_agent {
        req = req.header(Header::new("User-Agent", user_agent.to_owned()));
    }
    assert_eq!(req.dispatch().status(), Status::TemporaryRedirect);
}
