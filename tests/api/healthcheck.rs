//! `shortener healthcheck` on the real binary: exit 0 when the server at the configured
//! address and port answers `/health` with 200, else 1 with one line saying why.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::server::{command, free_port, Server};

/// `shortener healthcheck` in `dir` with `env`, and how long it took.
fn healthcheck(dir: &std::path::Path, env: &[(&str, String)]) -> (Output, Duration) {
    let started = Instant::now();
    let output = command(dir, env)
        .arg("healthcheck")
        .output()
        .expect("run the binary");
    (output, started.elapsed())
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn healthcheck_exits_0_when_the_server_is_healthy() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _server = Server::start(dir.path(), port, &[]);

    let (output, _) = healthcheck(dir.path(), &[("ROCKET_PORT", port.to_string())]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
}

#[test]
fn healthcheck_reaches_a_server_listening_on_every_address_through_the_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let every = [("ROCKET_ADDRESS", "0.0.0.0".to_owned())];
    let _server = Server::start(dir.path(), port, &every);

    let env = [every[0].clone(), ("ROCKET_PORT", port.to_string())];
    let (output, _) = healthcheck(dir.path(), &env);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn healthcheck_exits_1_with_one_line_when_nothing_listens() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();

    let (output, _) = healthcheck(dir.path(), &[("ROCKET_PORT", port.to_string())]);

    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains(&format!("127.0.0.1:{port}/health")), "{said}");
}

#[test]
fn healthcheck_exits_1_with_the_reason_when_the_server_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let answering = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0; 1024];
        let _ = stream.read(&mut request);
        let body = r#"{"status":"unavailable","detail":"the database cannot be written"}"#;
        let answer = format!(
            "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(answer.as_bytes()).unwrap();
        String::from_utf8_lossy(&request).into_owned()
    });

    let (output, _) = healthcheck(dir.path(), &[("ROCKET_PORT", port.to_string())]);

    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(
        said.contains("answered 503: the database cannot be written"),
        "{said}"
    );
    assert!(answering
        .join()
        .unwrap()
        .starts_with("GET /health HTTP/1.1\r\n"));
}

#[test]
fn healthcheck_gives_up_within_seconds_on_a_server_that_never_answers() {
    let dir = tempfile::tempdir().unwrap();
    // Connections complete in the kernel's backlog, but nobody reads them.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();

    let (output, took) = healthcheck(dir.path(), &[("ROCKET_PORT", port.to_string())]);

    assert_eq!(output.status.code(), Some(1));
    assert!(took < Duration::from_secs(6), "took {took:?}");
    assert!(
        stderr(&output).contains("within 3 s"),
        "{}",
        stderr(&output)
    );
}
