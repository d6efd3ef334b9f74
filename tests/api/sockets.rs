//! Attacks that need real sockets, on the real binary: HTTP/2 streams that never
//! finish, silent and one-byte connections up to the file limit, requests dribbled a
//! byte at a time, keep-alive connections left open, many connections from one
//! address; and slow requests the watch must leave alone (`100 Continue`,
//! pipelining, handlers slower than `keep_alive`).

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::server::{connect_from, free_port, try_send, Server};

fn connect(port: u16) -> TcpStream {
    let stream =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(10))
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
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]);
    assert_eq!(
        try_send(port, "GET", "/health", &[], "").unwrap().status,
        200
    );
    let before = server.rss_kib();

    // Prior-knowledge h2c: the preface, empty SETTINGS, then 2,000 POST streams
    // whose headers end but whose bodies never arrive.
    let mut attack = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    attack.extend(frame(0x4, 0, 0, &[]));
    // :method POST, :scheme http, :path /url, :authority x (HPACK, indexed and literal).
    let headers = [
        0x83, 0x86, 0x44, 0x04, b'/', b'u', b'r', b'l', 0x41, 0x01, b'x',
    ];
    for n in 0..2000u32 {
        attack.extend(frame(0x1, 0x4, 2 * n + 1, &headers));
    }
    let mut stream = connect(port);
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // The server may close the connection before it has read every frame.
    let _ = stream.write_all(&attack);
    std::thread::sleep(Duration::from_millis(500));
    let after = server.rss_kib();

    assert!(
        after.saturating_sub(before) <= 5 * 1024,
        "the server grew from {before} KiB to {after} KiB"
    );
    let ended = wait_closed(&mut stream, Instant::now(), Duration::from_secs(5));
    assert!(
        ended.is_some(),
        "the server kept the HTTP/2 connection open"
    );
    assert_eq!(
        try_send(port, "GET", "/health", &[], "").unwrap().status,
        200
    );
}

#[test]
fn eleven_hundred_silent_connections_under_a_1024_file_limit_leave_health_answering() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "3")]);
    let server = Server::start_with(dir.path(), port, &settings, Some(1024));

    // From eight threads at once: faster than the watch looks, so the process does
    // run out of descriptors for a moment.
    let openers: Vec<_> = (0..8)
        .map(|_| std::thread::spawn(move || (0..138).map(|_| connect(port)).collect::<Vec<_>>()))
        .collect();
    let mut silent: Vec<TcpStream> = openers
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
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
    assert_eq!(
        open, 0,
        "{open} silent connections still open after {deadline:?}"
    );
    assert_eq!(
        try_send(port, "GET", "/health", &[], "").unwrap().status,
        200
    );
}

#[test]
fn silent_connections_cut_off_at_the_header_timeout_count_in_metrics_by_reason() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "1")]);
    let _server = Server::start(dir.path(), port, &settings);
    let timed_out = "shortener_connections_shed_total{reason=\"header_timeout\"}";
    let before = super::metrics::scrape_binary(port);
    assert_eq!(
        super::metrics::sample(&before, timed_out),
        Some(0.0),
        "{before}"
    );

    let opened = Instant::now();
    let mut silent: Vec<TcpStream> = (0..3).map(|_| connect(port)).collect();
    for stream in &mut silent {
        assert!(wait_closed(stream, opened, Duration::from_secs(6)).is_some());
    }

    let after = super::metrics::scrape_binary(port);
    let shed = super::metrics::sample(&after, timed_out).unwrap_or_default();
    assert!(shed >= 3.0, "{after}");
    let other = "shortener_connections_shed_total{reason=\"over_cap\"}";
    assert_eq!(super::metrics::sample(&after, other), Some(0.0), "{after}");
}

#[test]
fn a_request_dribbled_a_byte_at_a_time_is_cut_off_at_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "2")]);
    let _server = Server::start(dir.path(), port, &settings);

    let mut stream = connect(port);
    let began = Instant::now();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .unwrap();
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
    assert_eq!(
        try_send(port, "GET", "/health", &[], "").unwrap().status,
        200
    );
}

#[test]
fn a_busy_keep_alive_connection_is_never_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "1"), ("ROCKET_KEEP_ALIVE", "1")]);
    let _server = Server::start(dir.path(), port, &settings);

    // One request after another on one connection for 4 s: each arrives at once,
    // so none is slow, however long the connection has been busy.
    let mut stream = connect(port);
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let began = Instant::now();
    let mut answered = 0;
    while began.elapsed() < Duration::from_secs(4) {
        stream
            .write_all(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut answer = [0u8; 4096];
        let read = stream
            .read(&mut answer)
            .expect("an answer on the busy connection");
        assert!(
            answer[..read].starts_with(b"HTTP/1.1 200"),
            "after {answered} answers"
        );
        answered += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(answered > 50, "{answered}");
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_keep_alive() {
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
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shortener.db");
    for (name, value) in [
        ("header_timeout", 0u64),
        ("max_connections", 0),
        ("max_connections", 1u64 << 40),
    ] {
        let figment = crate::helpers::figment(&db).merge((name, value));
        let client = rocket::local::blocking::Client::tracked(shortener::build(figment));
        let error = client
            .err()
            .unwrap_or_else(|| panic!("{name} = {value} was accepted"));
        // Inspecting the error marks it handled (Rocket panics on an unhandled one).
        assert!(
            matches!(error.kind(), rocket::error::ErrorKind::FailedFairings(_)),
            "{name} = {value}: {error}"
        );
    }
}

/// A target that answers `200` `delay` after each request, so a create that checks
/// it (`check_target`) is handled for that long; its port.
fn slow_target(delay: Duration) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    line.clear();
                }
                std::thread::sleep(delay);
                let answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                let _ = reader.into_inner().write_all(answer.as_bytes());
            });
        }
    });
    port
}

/// How long a checked create takes in the tests below: well over `keep_alive`.
const SLOW: Duration = Duration::from_millis(3500);

/// The binary with a one-second `keep_alive` and `header_timeout`, allowed to check
/// targets on `target`'s port.
fn impatient_server(dir: &std::path::Path, port: u16, target: u16) -> Server {
    let settings = env(&[
        ("ROCKET_BASE_URL", "http://go.test"),
        ("ROCKET_KEEP_ALIVE", "1"),
        ("ROCKET_HEADER_TIMEOUT", "1"),
        ("ROCKET_ALLOW_PRIVATE_TARGETS", "true"),
        ("ROCKET_CHECK_PORTS", &format!("[80, 443, {target}]")),
        ("ROCKET_CHECK_TIMEOUT_MS", "10000"),
    ]);
    Server::start(dir, port, &settings)
}

/// A JSON create of a link to `target`, checked, that closes the connection after.
fn slow_create(target: u16, extra_headers: &str) -> (String, String) {
    let body = format!(r#"{{"target_url": "http://127.0.0.1:{target}/x", "check_target": true}}"#);
    let head = format!(
        "POST /url HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n{extra_headers}\r\n",
        body.len()
    );
    (head, body)
}

/// Everything the server sends on `stream` until it closes it.
fn read_to_close(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw).into_owned()
}

/// Whether `raw` ends with a create's full answer: 201 and the JSON with the admin URL.
fn has_created(raw: &str) -> bool {
    raw.contains("HTTP/1.1 201") && raw.contains("\"admin_url\"") && raw.trim_end().ends_with('}')
}

#[test]
fn a_slow_request_sent_with_expect_100_continue_gets_its_whole_answer() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let target = slow_target(SLOW);
    let _server = impatient_server(dir.path(), port, target);

    // As curl -H 'Expect: 100-continue' does: the headers, then the body once the
    // server says to go on; then the server answers a 100 Continue, and works.
    let (head, body) = slow_create(target, "Expect: 100-continue\r\n");
    let mut stream = connect(port);
    stream.write_all(head.as_bytes()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut interim = [0u8; 64];
    let read = stream.read(&mut interim).unwrap();
    assert!(
        interim[..read].starts_with(b"HTTP/1.1 100"),
        "{:?}",
        String::from_utf8_lossy(&interim[..read])
    );
    let began = Instant::now();
    stream.write_all(body.as_bytes()).unwrap();
    let raw = read_to_close(&mut stream);

    assert!(has_created(&raw), "after {:?}: {raw:?}", began.elapsed());
    assert!(began.elapsed() >= SLOW - Duration::from_millis(100));
}

#[test]
fn a_slow_request_pipelined_behind_a_quick_one_gets_its_whole_answer() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let target = slow_target(SLOW);
    let _server = impatient_server(dir.path(), port, target);

    // Both requests at once: the first one's answer goes out while the second one,
    // already all there, is handled for seconds.
    let (head, body) = slow_create(target, "");
    let pipelined = format!("GET /health HTTP/1.1\r\nHost: x\r\n\r\n{head}{body}");
    let mut stream = connect(port);
    let began = Instant::now();
    stream.write_all(pipelined.as_bytes()).unwrap();
    let raw = read_to_close(&mut stream);

    assert!(raw.starts_with("HTTP/1.1 200"), "{raw:?}");
    assert!(has_created(&raw), "after {:?}: {raw:?}", began.elapsed());
    assert!(began.elapsed() >= SLOW - Duration::from_millis(100));
}

#[test]
fn a_request_handled_for_longer_than_keep_alive_gets_its_whole_answer() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let target = slow_target(SLOW);
    let _server = impatient_server(dir.path(), port, target);

    // On a fresh connection, and on a kept-alive one right after a quick answer.
    let (head, body) = slow_create(target, "");
    let mut fresh = connect(port);
    fresh.write_all(format!("{head}{body}").as_bytes()).unwrap();
    let mut kept = connect(port);
    kept.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut answer = [0u8; 1024];
    let read = kept.read(&mut answer).unwrap();
    assert!(answer[..read].starts_with(b"HTTP/1.1 200"));
    kept.write_all(format!("{head}{body}").as_bytes()).unwrap();

    for (name, stream) in [("fresh", &mut fresh), ("kept alive", &mut kept)] {
        let raw = read_to_close(stream);
        assert!(has_created(&raw), "{name}: {raw:?}");
    }
}

/// `count` connections to `port` from `source`, each having sent `first` (if any).
fn open_from(source: Ipv4Addr, port: u16, count: usize, first: &[u8]) -> Vec<TcpStream> {
    (0..count)
        .map(|_| {
            let mut stream = connect_from(source, port).expect("connect");
            if !first.is_empty() {
                stream.write_all(first).unwrap();
            }
            stream
                .set_read_timeout(Some(Duration::from_millis(1)))
                .unwrap();
            stream
        })
        .collect()
}

/// 1,100 connections that each sent one byte, from eight threads (eight addresses,
/// so no cap per address is what closes them).
fn one_byte_flood(port: u16) -> Vec<TcpStream> {
    let openers: Vec<_> = (2..10u8)
        .map(|n| {
            std::thread::spawn(move || open_from(Ipv4Addr::new(127, 0, 0, n), port, 138, b"G"))
        })
        .collect();
    let flood: Vec<TcpStream> = openers
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert!(flood.len() >= 1100);
    flood
}

#[test]
fn eleven_hundred_one_byte_connections_under_a_1024_file_limit_leave_health_answering_after_the_header_timeout(
) {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "2")]);
    let server = Server::start_with(dir.path(), port, &settings, Some(1024));

    // Each has sent the first byte of a request, so it is no longer silent; the
    // process runs out of descriptors with them.
    let flood = one_byte_flood(port);
    let opened = Instant::now();
    std::thread::sleep(Duration::from_secs(2).saturating_sub(opened.elapsed()));

    let asked = Instant::now();
    let health = try_send(port, "GET", "/health", &[], "");
    let took = asked.elapsed();
    let health = health.map(|r| r.status);
    assert!(matches!(health, Ok(200)), "{health:?}\n{}", server.log());
    assert!(took < Duration::from_secs(1), "/health took {took:?}");
    drop(flood);
}

#[test]
fn a_keep_alive_client_keeps_its_connection_while_one_byte_connections_crowd_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    // Long timeouts: only shedding over the cap closes anything here.
    let settings = env(&[("ROCKET_HEADER_TIMEOUT", "30"), ("ROCKET_KEEP_ALIVE", "30")]);
    let _server = Server::start_with(dir.path(), port, &settings, Some(1024));

    let mut client = connect(port);
    client
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let flood = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        let flood = one_byte_flood(port);
        std::thread::sleep(Duration::from_secs(3));
        flood
    });
    let began = Instant::now();
    let mut answered = 0;
    while began.elapsed() < Duration::from_secs(4) {
        let sent = client.write_all(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut answer = [0u8; 4096];
        let read = sent.and_then(|()| client.read(&mut answer));
        let ok = read.is_ok_and(|read| answer[..read].starts_with(b"HTTP/1.1 200"));
        assert!(
            ok,
            "the keep-alive connection was closed after {answered} answers, {:?} in",
            began.elapsed()
        );
        answered += 1;
        std::thread::sleep(Duration::from_millis(50));
    }
    // The cap did hold: the flood was shed down to it, a tenth below.
    let mut flood = flood.join().unwrap();
    let open = flood
        .iter_mut()
        .filter_map(|s| (!closed(s)).then_some(()))
        .count();
    assert!(open < 768, "{open} one-byte connections still open");
}

#[test]
fn one_client_address_keeps_at_most_max_connections_per_address() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let settings = env(&[
        ("ROCKET_HEADER_TIMEOUT", "30"),
        ("ROCKET_MAX_CONNECTIONS_PER_ADDRESS", "20"),
    ]);
    let _server = Server::start(dir.path(), port, &settings);

    let mut greedy = open_from(Ipv4Addr::new(127, 0, 0, 2), port, 60, b"");
    let mut modest = open_from(Ipv4Addr::new(127, 0, 0, 3), port, 10, b"");
    std::thread::sleep(Duration::from_millis(2500));

    let open = greedy
        .iter_mut()
        .filter_map(|s| (!closed(s)).then_some(()))
        .count();
    assert_eq!(open, 20, "connections from the greedy address still open");
    let open = modest
        .iter_mut()
        .filter_map(|s| (!closed(s)).then_some(()))
        .count();
    assert_eq!(open, 10, "connections from another address still open");
    let reply =
        crate::server::send_from(Ipv4Addr::new(127, 0, 0, 3), port, "GET", "/health", &[], "");
    assert_eq!(reply.status, 200);
}
