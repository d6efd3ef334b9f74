//! `shortener healthcheck`: asks the server running on this machine for `/health`, at
//! the address and port of the same configuration, so a container image's
//! `HEALTHCHECK` (or a monitor) needs no shell, curl or wget beside the binary.
//! Plain HTTP/1.1 over one TCP connection, with one deadline for all of it.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use rocket::figment::Figment;

/// How long the whole exchange may take: a server that needs longer to say it is
/// healthy is not, as far as a container runtime is concerned.
const DEADLINE: Duration = Duration::from_secs(3);

/// The most of the answer read: the status line, the headers and a short JSON body.
const MOST: usize = 16 * 1024;

/// `Ok` when the server answers `/health` with 200; else what went wrong, in one line.
pub fn ask_health(figment: &Figment) -> Result<(), String> {
    let to = server_address(figment)?;
    let deadline = Instant::now() + DEADLINE;
    let answer = ask(to, deadline).map_err(|e| format!("http://{to}/health: {e}"))?;
    match status(&answer) {
        Some(200) => Ok(()),
        Some(code) => Err(format!(
            "http://{to}/health answered {code}{}",
            detail(&answer).map_or_else(String::new, |d| format!(": {d}"))
        )),
        None => Err(format!("http://{to}/health: not an HTTP answer")),
    }
}

/// Where the server listens, as a client on this machine reaches it: an unspecified
/// address (`0.0.0.0`, `::`, as in a container) is reached on the loopback.
fn server_address(figment: &Figment) -> Result<SocketAddr, String> {
    let address: IpAddr = figment
        .extract_inner("address")
        .map_err(|e| format!("address: {e}"))?;
    let port: u16 = figment
        .extract_inner("port")
        .map_err(|e| format!("port: {e}"))?;
    let address = match address {
        IpAddr::V4(a) if a.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(a) if a.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        a => a,
    };
    Ok(SocketAddr::new(address, port))
}

/// Sends `GET /health` and reads the answer until the server closes, `MOST` bytes or
/// the deadline.
fn ask(to: SocketAddr, deadline: Instant) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect_timeout(&to, DEADLINE)?;
    stream.set_write_timeout(Some(left(deadline)?))?;
    let request = format!(
        "GET /health HTTP/1.1\r\nHost: {to}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).map_err(late)?;
    let mut answer = Vec::new();
    let mut chunk = [0; 4096];
    while answer.len() < MOST {
        stream.set_read_timeout(Some(left(deadline)?))?;
        match stream.read(&mut chunk).map_err(late)? {
            0 => break,
            n => answer.extend_from_slice(&chunk[..n]),
        }
    }
    Ok(answer)
}

/// The time left before `deadline`, or a timeout error once it has passed.
fn left(deadline: Instant) -> std::io::Result<Duration> {
    match deadline.checked_duration_since(Instant::now()) {
        Some(left) if !left.is_zero() => Ok(left),
        _ => Err(too_late()),
    }
}

/// A socket timeout (which Linux reports as `WouldBlock`) said as the deadline.
fn late(e: std::io::Error) -> std::io::Error {
    match e.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => too_late(),
        _ => e,
    }
}

fn too_late() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        format!("no answer within {} s", DEADLINE.as_secs()),
    )
}

/// The status code of an HTTP/1.x answer.
fn status(answer: &[u8]) -> Option<u16> {
    let line = answer.split(|&b| b == b'\r').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.split(' ');
    parts.next().filter(|v| v.starts_with("HTTP/1."))?;
    parts.next()?.parse().ok()
}

/// The `detail` the health check's JSON gives for a failure, if it gave one.
fn detail(answer: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(answer);
    let (_, body) = text.split_once("\r\n\r\n")?;
    let json: serde_json::Value = serde_json::from_str(body.trim()).ok()?;
    json.get("detail")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unspecified_address_is_reached_on_the_loopback() {
        let figment = crate::startup::defaults().merge(("address", "0.0.0.0"));
        assert_eq!(
            server_address(&figment).unwrap(),
            "127.0.0.1:8000".parse().unwrap()
        );
        let figment = figment.merge(("address", "::")).merge(("port", 9000));
        assert_eq!(
            server_address(&figment).unwrap(),
            "[::1]:9000".parse().unwrap()
        );
    }

    #[test]
    fn the_status_and_detail_are_read_from_the_answer() {
        let answer = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\r\n{\"status\":\"unavailable\",\"detail\":\"database is locked\"}";
        assert_eq!(status(answer), Some(503));
        assert_eq!(detail(answer).as_deref(), Some("database is locked"));
        assert_eq!(status(b"SSH-2.0-OpenSSH\r\n"), None);
    }
}
