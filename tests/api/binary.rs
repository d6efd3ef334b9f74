//! The real binary, started the way a newcomer starts it: in an empty directory,
//! configured by a `.env` file, on the embedded SQLite default.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(dir: &Path, port: u16) -> Server {
    let log = std::fs::File::create(dir.join("server.log")).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_shortener"));
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("ROCKET_")) {
        command.env_remove(name);
    }
    let child = command
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("start the binary");
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "the server did not start: {}",
            read(&dir.join("server.log"))
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// One HTTP/1.1 exchange over a fresh connection: (status, head, body).
fn http(port: u16, request: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn the_binary_serves_from_an_empty_directory_configured_by_dotenv() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let env = format!("ROCKET_PORT={port}\nROCKET_BASE_URL=http://go.test\nROCKET_ENV_NAME=e2e\n");
    std::fs::write(dir.path().join(".env"), env).unwrap();
    let server = start(dir.path(), port);

    let body = r#"{"target_url": "https://example.com/e2e"}"#;
    let (status, _, created) = http(
        server.port,
        &format!(
            "POST /url HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert_eq!(status, 201, "{created}");
    let info: Value = serde_json::from_str(&created).unwrap();
    let url = info["url"].as_str().unwrap();
    let admin_url = info["admin_url"].as_str().unwrap();
    assert!(url.starts_with("http://go.test/"), "{url}");
    let key = url.trim_start_matches("http://go.test/");
    let secret = admin_url.trim_start_matches("http://go.test/admin/");

    let (status, head, _) = http(
        server.port,
        &format!("GET /{key} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 307);
    assert!(
        head.to_ascii_lowercase()
            .contains("location: https://example.com/e2e"),
        "{head}"
    );
    let (status, _, page) = http(
        server.port,
        &format!("GET /admin/{secret} HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 200);
    assert!(page.contains("https://example.com/e2e"));

    assert!(
        dir.path().join("shortener.db").exists(),
        "the default database file"
    );
    drop(server);
    let log = read(&dir.path().join("server.log"));
    assert!(log.contains("'e2e' environment"), "{log}");
    assert!(!log.contains(secret), "the secret key was logged: {log}");
}
