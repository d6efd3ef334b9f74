//! Attacks that need real sockets, on the real binary: HTTP/2 streams that never
//! finish, silent connections up to the file limit, requests dribbled a byte at a
//! time, and keep-alive connections left open.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::server::{free_port, try_send, Server};

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect_timeout(
        &([127, 0, 0, 1], port).into(),
        Duration::from_secs(10),
    )
    .expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(1)))
        .unwrap();
    stream
}

/// Whether the server has closed `stream` (end of stream or a reset), draining
/// whatever it sent first.
fn closed(stream: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false
            }
            Err(_) => return true,
        }
    }
}

/// Waits until the server closes `stream`; how long that took from `since`.
fn wait_closed(stream: &mut TcpStream, since: Instant, limit: Duration) -> Option<Duration> {
    while since.elapsed() < limit {
        if closed(stream) {
            return Some(since.elapsed());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

fn env(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

/// An HTTP/2 frame: length, type, flags, stream id, payload.
fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = payload.len() as u32;
    let mut out = vec![(len >> 16) as u8, (len >> 8) as u8, len as u8, kind, flags];
    out.extend_from_slice(&stream.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

#[test]
fn one_connection_opening_2000_http2_streams_costs_the_server_no_memory() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    assert_eq!(try_send(port, "GET", "/health", &[], "").unwrap().status, 200);
    let before = server.rss_kib();

    // Prior-knowledge h2c: the preface, empty SETTINGS, then 2,000 POST streams
    // whose headers end but whose bodies never arrive.
    let mut attack = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    attack.extend(frame(0x4, 0, 0, &[]));
    // :method POST, :scheme http, :path /url, :authority x (HPACK, indexed and literal).
    let headers = [0x83, 0x86, 0x44, 0x04, b'/', b'u', b'r', b'l', 0x41, 0x01, b'x'];
    for n in 0..2000u32 {
        attack.extend(frame(0x1, 0x4, 2 * n + 1, &headers));
    }
    let mut stream = connect(port);
    stream.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    // The server may close the connection before it has read every frame.
    let _ = stream.write_all(&attack);
    std::thread::sleep(Duration::from_millis(500));
    let after = server.rss_kib();

    assert!(
        after.saturating_sub(before) <= 5 * 1024,
        "the server grew from {before} KiB to {after} KiB"
    );
    let ended = wait_closed(&mut stream, Instant::now(), Duration::from_secs(5));
    assert!(ended.is_some(), "the server kept the HTTP/2 connection open");
    assert_eq!(try_send(port, "GET", "/health", &[], "").unwrap().status, 200);
}

#[test]
fn eleven_hundred_silent_connections_under_a_1024_file_limit_leave_health_answering() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "3")]);
    let server = Server::start_with(dir.path(), port, &settings, Some(1024));

    // From eight threads at once: faster than the watch looks, so the process does
    // run out of descriptors for a moment.
    let openers: Vec<_> = (0..8)
        .map(|_| std::thread::spawn(move || (0..138).map(|_| connect(port)).collect::<Vec<_>>()))
        .collect();
    let mut silent: Vec<TcpStream> = openers.into_iter().flat_map(|t| t.join().unwrap()).collect();
    assert!(silent.len() >= 1100);
    let opened = Instant::now();
    std::thread::sleep(Duration::from_millis(300));

    let asked = Instant::now();
    let health = try_send(port, "GET", "/health", &[], "");
    let took = asked.elapsed();
    let health = health.map(|r| (r.status, r.body));
    assert!(
        matches!(health, Ok((200, _))),
        "{health:?}\n{}",
        server.log()
    );
    assert!(took < Duration::from_secs(1), "/health took {took:?}");

    // Every silent one is closed once the header timeout has passed (the watch
    // looks once a second).
    let deadline = Duration::from_secs(3 + 3);
    let mut open = 0;
    for stream in &mut silent {
        if wait_closed(stream, opened, deadline).is_none() {
            open += 1;
        }
    }
    assert_eq!(open, 0, "{open} silent connections still open after {deadline:?}");
    assert_eq!(try_send(port, "GET", "/health", &[], "").unwrap().status, 200);
}

#[test]
fn a_request_dribbled_a_byte_at_a_time_is_cut_off_at_the_header_timeout() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "2")]);
    let _server = Server::start(dir.path(), port, &settings);

    let mut stream = connect(port);
    let began = Instant::now();
    stream.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();
    let mut cut_off = None;
    while began.elapsed() < Duration::from_secs(8) {
        std::thread::sleep(Duration::from_millis(250));
        if stream.write_all(b"a").is_err() || closed(&mut stream) {
            cut_off = Some(began.elapsed());
            break;
        }
    }
    let cut_off = cut_off.expect("the server waited more than 8 s for the headers");
    assert!(
        cut_off >= Duration::from_millis(1900) && cut_off < Duration::from_secs(5),
        "cut off after {cut_off:?}, with a header timeout of 2 s"
    );
    assert_eq!(try_send(port, "GET", "/health", &[], "").unwrap().status, 200);
}

#[test]
fn a_busy_keep_alive_connection_is_never_cut_off() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "1"), ("ROCKET_KEEP_ALIVE", "1")]);
    let _server = Server::start(dir.path(), port, &settings);

    // One request after another on one connection for 4 s: each arrives at once,
    // so none is slow, however long the connection has been busy.
    let mut stream = connect(port);
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let began = Instant::now();
    let mut answered = 0;
    while began.elapsed() < Duration::from_secs(4) {
        stream
            .write_all(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut answer = [0u8; 4096];
        let read = stream.read(&mut answer).expect("an answer on the busy connection");
        assert!(answer[..read].starts_with(b"HTTP/1.1 200"), "after {answered} answers");
        answered += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(answered > 50, "{answered}");
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_keep_alive() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_KEEP_ALIVE", "2")]);
    let _server = Server::start(dir.path(), port, &settings);

    let mut stream = connect(port);
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut answer = [0u8; 512];
    let read = stream.read(&mut answer).unwrap();
    assert!(answer[..read].starts_with(b"HTTP/1.1 200"));
    let answered = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(1)))
        .unwrap();

    let ended = wait_closed(&mut stream, answered, Duration::from_secs(8));
    let ended = ended.expect("the idle connection was still open after 8 s");
    assert!(
        ended >= Duration::from_millis(1900) && ended < Duration::from_secs(5),
        "closed after {ended:?}, with keep_alive = 2"
    );
}

#[test]
fn connection_limits_that_cannot_work_stop_the_launch() {
    backend!();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shortener.db");
    for (name, value) in [("header_timeout", 0u64), ("max_connections", 0), ("max_connections", 1u64 << 40)] {
        let figment = crate::helpers::figment(&db).merge((name, value));
        let client = rocket::local::blocking::Client::tracked(shortener::build(figment));
        let error = client.err().unwrap_or_else(|| panic!("{name} = {value} was accepted"));
        // Inspecting the error marks it handled (Rocket panics on an unhandled one).
        assert!(
            matches!(error.kind(), rocket::error::ErrorKind::FailedFairings(_)),
            "{name} = {value}: {error}"
        );
    }
}
