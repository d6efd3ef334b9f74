//! The real binary as a child process, and plain HTTP/1.1 over TCP to talk to it.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary under test: `SHORTENER_BIN` (CI points it at the release build), else Cargo's.
pub fn binary() -> PathBuf {
    std::env::var_os("SHORTENER_BIN")
        .map_or_else(|| env!("CARGO_BIN_EXE_shortener").into(), PathBuf::from)
}

/// A running server in `dir`, killed when dropped.
pub struct Server {
    child: Child,
    pub dir: PathBuf,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The binary with a clean `ROCKET_*` environment plus `env`, run in `dir`, on the
/// test's database: `dir/shortener.db`, or the PostgreSQL schema named after it.
pub fn command(dir: &Path, env: &[(&str, String)]) -> Command {
    let mut command = Command::new(binary());
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("ROCKET_")) {
        command.env_remove(name);
    }
    if crate::backend::current() == crate::backend::Backend::Postgres {
        let url = crate::backend::database_url(&dir.join("shortener.db"));
        command.env("ROCKET_DATABASES", format!("{{links={{url=\"{url}\"}}}}"));
    }
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .envs(env.iter().map(|(k, v)| (*k, v)));
    command
}

impl Server {
    /// Starts the server in `dir` (its `.env` and `shortener.db` live there) and waits until it listens.
    pub fn start(dir: &Path, port: u16, env: &[(&str, String)]) -> Server {
        Server::start_with(dir, port, env, None)
    }

    /// `start`, with the process's file limit (soft and hard) set to `files`, as
    /// `ulimit -n` would.
    pub fn start_with(dir: &Path, port: u16, env: &[(&str, String)], files: Option<u64>) -> Server {
        let mut command = command(dir, env);
        if let Some(files) = files {
            use std::os::unix::process::CommandExt;
            let limit = libc::rlimit {
                rlim_cur: files,
                rlim_max: files,
            };
            // SAFETY: setrlimit is async-signal-safe and only reads `limit`.
            unsafe {
                command.pre_exec(move || match libc::setrlimit(libc::RLIMIT_NOFILE, &limit) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                });
            }
        }
        Server::start_command(command, dir, port)
    }

    /// `start`, with the binary run by `wrapper` (its program and arguments, the
    /// binary and its own arguments after them), e.g. `setpriv` with fewer rights.
    pub fn start_wrapped(
        dir: &Path,
        port: u16,
        env: &[(&str, String)],
        wrapper: &[&str],
    ) -> Server {
        let plain = command(dir, env);
        let mut wrapped = Command::new(wrapper[0]);
        wrapped.args(&wrapper[1..]).arg(plain.get_program());
        for (name, value) in plain.get_envs() {
            match value {
                Some(value) => wrapped.env(name, value),
                None => wrapped.env_remove(name),
            };
        }
        wrapped.current_dir(dir).stdin(Stdio::null());
        Server::start_command(wrapped, dir, port)
    }

    /// Starts `command` (made by `command`, perhaps changed) as the server in `dir`,
    /// on `port`, with its output in `dir/server.log`, and waits until it listens.
    pub fn start_command(mut command: Command, dir: &Path, port: u16) -> Server {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("server.log"))
            .unwrap();
        let child = command
            .env("ROCKET_PORT", port.to_string())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start the binary");
        let server = Server {
            child,
            dir: dir.to_owned(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "the server did not start: {}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        server
    }

    /// The server's resident memory, in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }

    /// Sends `signal` (`TERM`, `KILL`) and waits for the process to end.
    pub fn signal(mut self, signal: &str) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{signal} {pid}");
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not stop on {signal}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer: status, the head as text (header names lower-cased), the body.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        let prefix = format!("{}: ", name.to_ascii_lowercase());
        self.head
            .lines()
            .find_map(|line| line.strip_prefix(prefix.as_str()))
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One request over a fresh connection; `Err` when the server is not there.
pub fn try_send(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<Reply> {
    let stream = TcpStream::connect(("127.0.0.1", port))?;
    exchange(stream, method, path, headers, body)
}

/// A connection to the server on 127.0.0.1 from the loopback address `source` (any
/// of 127.0.0.0/8 works), as if from another client.
pub fn connect_from(source: std::net::Ipv4Addr, port: u16) -> std::io::Result<TcpStream> {
    let connect = async move {
        let socket = rocket::tokio::net::TcpSocket::new_v4()?;
        socket.bind((source, 0).into())?;
        let stream = socket.connect(([127, 0, 0, 1], port).into()).await?;
        let stream = stream.into_std()?;
        stream.set_nonblocking(false)?;
        Ok::<_, std::io::Error>(stream)
    };
    rocket::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(connect)
}

/// One request to the server on 127.0.0.1 from the loopback address `source`, as if
/// from another client.
pub fn send_from(
    source: std::net::Ipv4Addr,
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let stream =
        connect_from(source, port).unwrap_or_else(|e| panic!("connect from {source}: {e}"));
    exchange(stream, method, path, headers, body).expect("the server answers")
}

fn exchange(
    mut stream: TcpStream,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<Reply> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes())?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .ok_or(std::io::ErrorKind::UnexpectedEof)?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or(std::io::ErrorKind::InvalidData)?;
    let head = head.lines().map(|l| match l.split_once(": ") {
        Some((name, value)) => format!("{}: {value}", name.to_ascii_lowercase()),
        None => l.to_owned(),
    });
    Ok(Reply {
        status,
        head: head.collect::<Vec<_>>().join("\n"),
        body: body.to_owned(),
    })
}

pub fn send(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    try_send(port, method, path, headers, body).expect("the server answers")
}

/// Creates a link over JSON and returns (key, secret).
pub fn create(port: u16, target: &str) -> std::io::Result<(u16, String, String)> {
    let body = serde_json::json!({ "target_url": target }).to_string();
    let reply = try_send(
        port,
        "POST",
        "/url",
        &[("Content-Type", "application/json")],
        &body,
    )?;
    if reply.status != 201 {
        return Ok((reply.status, String::new(), String::new()));
    }
    let info = reply.json();
    let last = |field: &str| {
        info[field]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned()
    };
    Ok((201, last("url"), last("admin_url")))
}

/// The owner's view of a link, as JSON.
pub fn admin_info(port: u16, secret: &str) -> serde_json::Value {
    let path = format!("/admin/{secret}");
    send(port, "GET", &path, &[("Accept", "application/json")], "").json()
}

/// Runs `shortener ARGS` in `dir` and returns its output.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    command(dir, &[])
        .args(args)
        .output()
        .expect("run the binary")
}

/// The standard output of a command that must have succeeded.
pub fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `command` to its end, its output kept; one still running after 20 s (a
/// server that started when it should have refused) is killed and fails the test.
pub fn finished(command: &mut Command) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{command:?} did not stop");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}
