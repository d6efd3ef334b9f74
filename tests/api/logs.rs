//! What the real binary writes to its log: JSON a machine can read, no secret in any
//! format, and a line for every fault at the default level.

use serde_json::Value;

use crate::server::{create, free_port, send, Server};

/// Every line of `log` as a JSON object, or a failure naming the line that is not one.
fn objects(log: &str) -> Vec<serde_json::Map<String, Value>> {
    log.lines()
        .map(|line| match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => object,
            _ => panic!("a log line is not a JSON object: {line}\n{log}"),
        })
        .collect()
}

#[test]
fn a_json_log_is_one_object_per_line_across_creates_follows_failures_and_a_stop() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let json = [
        ("ROCKET_LOG_FORMAT", "json".to_owned()),
        ("ROCKET_LOG_LEVEL", "normal".to_owned()),
    ];
    let server = Server::start(dir.path(), port, &json);
    let (_, key, secret) = create(port, "https://example.com/logs").unwrap();
    let admin = send(
        port,
        "GET",
        &format!("/admin/{secret}"),
        &[("Accept", "application/json")],
        "",
    );
    let stats_url = admin.json()["stats_url"].as_str().unwrap().to_owned();
    let token = stats_url.rsplit('/').next().unwrap().to_owned();

    assert_eq!(send(port, "GET", &format!("/{key}"), &[], "").status, 307);
    assert_eq!(send(port, "GET", "/nokey", &[], "").status, 404);
    assert_eq!(send(port, "GET", "/a/b/c", &[], "").status, 404);
    let bad = send(
        port,
        "POST",
        "/url",
        &[("Content-Type", "application/json")],
        "{\"target_url\": 5}",
    );
    assert_eq!(bad.status, 422);
    for spelling in ["/admin/", "//admin/", "/%61dmin/", "/admin//"] {
        send(port, "GET", &format!("{spelling}{secret}?days=7"), &[], "");
    }
    send(port, "GET", &format!("/stats/{token}"), &[], "");
    let stopped = server.signal("TERM");

    assert!(stopped.success(), "{stopped:?}");
    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    let objects = objects(&log);
    for object in &objects {
        let time = object["time"].as_str().unwrap_or_default();
        assert!(
            time.ends_with('Z') && time.contains('T'),
            "time in RFC 3339 UTC: {object:?}"
        );
        assert!(["error", "warn", "info", "debug", "trace"]
            .contains(&object["level"].as_str().unwrap()));
        assert!(object["message"].is_string(), "{object:?}");
        assert!(
            !object.contains_key("client"),
            "a client address was logged: {object:?}"
        );
    }
    let requests: Vec<_> = objects
        .iter()
        .filter(|o| o.contains_key("status"))
        .collect();
    for request in &requests {
        for field in ["method", "route", "uri"] {
            assert!(request[field].is_string(), "{field}: {request:?}");
        }
        assert!(request["duration_ms"].is_number(), "{request:?}");
    }
    let answered = |route: &str, status: u64| {
        requests
            .iter()
            .any(|r| r["route"] == route && r["status"] == status)
    };
    assert!(answered("create_json", 201), "{log}");
    assert!(answered("follow", 307), "{log}");
    assert!(answered("follow", 404), "{log}");
    assert!(answered("unmatched", 404), "{log}");
    assert!(answered("create_json", 422), "{log}");
    assert!(answered("show", 200), "{log}");
    assert!(log.contains("/admin/<secret>"), "{log}");
    assert!(log.contains("Received SIGTERM"), "{log}");
    assert!(!log.contains(&secret), "an admin secret was logged: {log}");
    assert!(!log.contains(&token), "a stats token was logged: {log}");
}

#[test]
fn a_request_line_names_the_client_only_when_the_operator_asks() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(
        dir.path(),
        port,
        &[
            ("ROCKET_LOG_FORMAT", "json".to_owned()),
            ("ROCKET_LOG_LEVEL", "normal".to_owned()),
            ("ROCKET_LOG_CLIENT_ADDRESS", "true".to_owned()),
        ],
    );

    send(port, "GET", "/health", &[], "");
    drop(server);

    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    let health = objects(&log)
        .into_iter()
        .find(|o| o.get("route").is_some_and(|r| r == "health"))
        .unwrap_or_else(|| panic!("no line for /health: {log}"));
    assert_eq!(health["client"], "127.0.0.1", "{health:?}");
}

#[test]
fn an_unknown_log_format_stops_the_start_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();

    let output = crate::server::command(dir.path(), &[("ROCKET_LOG_FORMAT", "xml".to_owned())])
        .output()
        .unwrap();

    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("log_format") || said.contains("xml"),
        "{said}"
    );
}

/// The lines of `log` that the default level shows as faults.
fn faults(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.starts_with("Error: ") || l.starts_with("Warning: "))
        .collect()
}

/// Makes every insert into the links table fail, as a full disk would.
pub(super) fn refuse_inserts(db: &std::path::Path) {
    use crate::backend::{current, execute, Backend};
    match current() {
        Backend::Sqlite => execute(
            db,
            "create trigger refuse before insert on link begin select raise(fail, 'no room'); end",
        ),
        Backend::Postgres => {
            execute(
                db,
                "create function refuse() returns trigger language plpgsql \
                 as $$ begin raise exception 'no room'; end $$",
            );
            execute(
                db,
                "create trigger refuse before insert on link for each row execute function refuse()",
            );
        }
    }
}

#[test]
fn a_database_error_under_a_running_app_answers_503_and_logs_the_operation_not_the_values() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    assert_eq!(create(port, "https://example.com/before").unwrap().0, 201);

    refuse_inserts(&dir.path().join("shortener.db"));
    let (status, _, _) = create(port, "https://example.com/private-target").unwrap();

    assert_eq!(status, 503);
    let log = server.log();
    let faults = faults(&log);
    assert!(
        faults
            .iter()
            .any(|l| l.contains("create_json answered 503")),
        "no line names the operation: {log}"
    );
    assert!(
        faults
            .iter()
            .any(|l| l.contains("failed") && l.contains("database error")),
        "no line says what failed: {log}"
    );
    assert!(
        !log.contains("private-target"),
        "a statement's values were logged: {log}"
    );
}

#[test]
fn a_blocklist_that_cannot_be_read_while_serving_is_said_once_at_the_default_level() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let list = dir.path().join("blocklist.txt");
    std::fs::write(&list, "evil.example\n").unwrap();
    let blocklist = [("ROCKET_BLOCKLIST", list.display().to_string())];
    let server = Server::start(dir.path(), port, &blocklist);

    std::fs::remove_file(&list).unwrap();
    std::fs::create_dir(&list).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(3500));

    let log = server.log();
    let said: Vec<&str> = faults(&log)
        .into_iter()
        .filter(|l| l.contains("blocklist"))
        .collect();
    assert_eq!(said.len(), 1, "said once, not every look: {log}");
    assert!(said[0].contains("stays in force"), "{log}");
}

#[test]
fn connections_shed_over_the_cap_are_summed_in_a_line_not_one_per_socket() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let caps = [
        ("ROCKET_HEADER_TIMEOUT", "30".to_owned()),
        ("ROCKET_MAX_CONNECTIONS_PER_ADDRESS", "5".to_owned()),
    ];
    let server = Server::start(dir.path(), port, &caps);

    let source = std::net::Ipv4Addr::new(127, 0, 0, 2);
    let greedy: Vec<_> = (0..40)
        .map(|_| crate::server::connect_from(source, port).unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(2500));

    let log = server.log();
    let metrics = super::metrics::scrape_binary(port);
    drop(greedy);
    let per_address = "shortener_connections_shed_total{reason=\"per_address\"}";
    let shed = super::metrics::sample(&metrics, per_address).unwrap_or_default();
    assert!(
        shed >= 35.0,
        "the shed ones are counted by reason: {metrics}"
    );
    let said: Vec<&str> = faults(&log)
        .into_iter()
        .filter(|l| l.contains("connections shed"))
        .collect();
    assert!(!said.is_empty(), "shedding went unsaid: {log}");
    assert!(said.len() <= 3, "one line a second at most: {said:?}");
    assert!(said[0].contains("max_connections_per_address"), "{said:?}");
    assert!(
        !log.contains("127.0.0.2"),
        "a client address was logged: {log}"
    );
}
