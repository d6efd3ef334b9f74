//! PostgreSQL goes away for five seconds under two real instances and mixed load (a
//! restart, as the instances see it: every connection cut, new ones refused), then
//! comes back. Redirects of known links keep answering, creates answer 503 while it
//! is gone and work again at once after, and nothing acknowledged is lost: every
//! link answered 201 is there and every click answered 307 is counted.

use std::net::ToSocketAddrs;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::proxy::Proxy;
use crate::server::{create, free_port, send, try_send, Server};

/// How long the database is gone.
const OUTAGE: Duration = Duration::from_secs(5);

/// What one load thread saw: status codes and the links it was told were made.
#[derive(Default)]
struct Seen {
    statuses: Vec<u16>,
    /// Requests that got no HTTP answer at all.
    unanswered: usize,
    made: Vec<String>,
    /// When each create answered, and whether with 201.
    creates: Vec<(Instant, bool)>,
}

/// The database URL of this test's schema, through `proxy`.
fn through(proxy: &Proxy, direct: &str) -> String {
    let mut url = url::Url::parse(direct).unwrap();
    url.set_host(Some("127.0.0.1")).unwrap();
    url.set_port(Some(proxy.port)).unwrap();
    url.to_string()
}

fn upstream() -> std::net::SocketAddr {
    let url = url::Url::parse(&crate::backend::server_url()).unwrap();
    let host = url.host_str().unwrap_or("127.0.0.1").to_owned();
    (host, url.port().unwrap_or(5432))
        .to_socket_addrs()
        .unwrap()
        .next()
        .unwrap()
}

/// Follows `keys` round and round on `port` until `stop`.
fn follow_loop(port: u16, keys: Vec<String>, stop: Arc<AtomicBool>) -> Seen {
    let mut seen = Seen::default();
    for key in keys.iter().cycle() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        match try_send(port, "GET", &format!("/{key}"), &[], "") {
            Ok(reply) => seen.statuses.push(reply.status),
            Err(_) => seen.unanswered += 1,
        }
        thread::sleep(Duration::from_millis(5));
    }
    seen
}

/// Creates links on `port` until `stop`.
fn create_loop(port: u16, stop: Arc<AtomicBool>) -> Seen {
    let mut seen = Seen::default();
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        match create(port, &format!("https://example.com/during/{port}/{n}")) {
            Ok((status, key, _)) => {
                seen.statuses.push(status);
                seen.creates.push((Instant::now(), status == 201));
                if status == 201 {
                    seen.made.push(key);
                }
            }
            Err(_) => seen.unanswered += 1,
        }
        thread::sleep(Duration::from_millis(20));
    }
    seen
}

#[test]
fn a_database_restart_under_two_instances_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let direct = crate::backend::database_url(&dir.path().join("shared.db"));
    let proxy = Proxy::start(upstream());
    let env = vec![
        (
            "ROCKET_DATABASES",
            format!("{{links={{url=\"{}\"}}}}", through(&proxy, &direct)),
        ),
        ("ROCKET_RATE_LIMIT", "{per_minute=0}".to_owned()),
    ];
    let start = |name: &str| {
        let home = dir.path().join(name);
        std::fs::create_dir(&home).unwrap();
        let port = free_port();
        (Server::start(&home, port, &env), port)
    };
    let (a, b) = (start("a"), start("b"));

    // Known links, followed once on each instance before the outage.
    let keys: Vec<String> = (0..20)
        .map(|i| {
            create(a.1, &format!("https://example.com/known/{i}"))
                .unwrap()
                .1
        })
        .collect();
    for key in &keys {
        assert_eq!(send(a.1, "GET", &format!("/{key}"), &[], "").status, 307);
        assert_eq!(send(b.1, "GET", &format!("/{key}"), &[], "").status, 307);
    }

    let stop = Arc::new(AtomicBool::new(false));
    let spawn_follow = |port: u16| {
        let (keys, stop) = (keys.clone(), stop.clone());
        thread::spawn(move || follow_loop(port, keys, stop))
    };
    let spawn_create = |port: u16| {
        let stop = stop.clone();
        thread::spawn(move || create_loop(port, stop))
    };
    let load = [spawn_follow(a.1), spawn_follow(b.1)];
    let makers = [spawn_create(a.1), spawn_create(b.1)];

    thread::sleep(Duration::from_secs(2));
    proxy.down();
    let gone_at = Instant::now();
    thread::sleep(OUTAGE);
    proxy.up();
    let back_at = Instant::now();
    thread::sleep(Duration::from_secs(4));
    stop.store(true, Ordering::SeqCst);

    let follows: Vec<Seen> = load.into_iter().map(|t| t.join().unwrap()).collect();
    let creates: Vec<Seen> = makers.into_iter().map(|t| t.join().unwrap()).collect();

    // Redirects of known links: every one answered, and with the redirect.
    let redirected: usize = follows.iter().map(|s| s.statuses.len()).sum();
    for seen in &follows {
        assert_eq!(seen.unanswered, 0, "a redirect went unanswered");
        assert!(
            seen.statuses.iter().all(|&s| s == 307),
            "redirects answered {:?}",
            seen.statuses
                .iter()
                .filter(|&&s| s != 307)
                .collect::<Vec<_>>()
        );
    }
    // Creates: 201 or a clear 503, never anything else, never unanswered; some
    // failed while the database was gone, and every instance creates again within
    // two seconds of its return.
    let refused = Mutex::new(0);
    let mut slowest_return = Duration::ZERO;
    for seen in &creates {
        assert_eq!(seen.unanswered, 0, "a create went unanswered");
        for &status in &seen.statuses {
            assert!(status == 201 || status == 503, "a create answered {status}");
            if status == 503 {
                *refused.lock().unwrap() += 1;
            }
        }
        let first_after = seen
            .creates
            .iter()
            .find(|(at, ok)| *ok && *at > back_at)
            .map(|(at, _)| at.duration_since(back_at))
            .expect("creates work again once the database is back");
        assert!(
            first_after < Duration::from_secs(2),
            "creates came back only after {first_after:?}"
        );
        slowest_return = slowest_return.max(first_after);
    }
    let refused = *refused.lock().unwrap();
    assert!(refused > 0, "no create noticed the database was gone");

    // Nothing acknowledged is lost: every link made is there on the other instance
    // too, and every click counted, after both stop gracefully.
    let made: Vec<&String> = creates.iter().flat_map(|s| s.made.iter()).collect();
    for key in &made {
        assert_eq!(send(b.1, "GET", &format!("/{key}"), &[], "").status, 307);
    }
    let log_a = a.0.log();
    assert!(
        a.0.signal("TERM").success(),
        "instance A could not stop cleanly"
    );
    assert!(
        b.0.signal("TERM").success(),
        "instance B could not stop cleanly"
    );
    let file = dir.path().join("shared.db");
    let known = keys
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(",");
    let clicks: i64 = crate::backend::query_scalar(
        &file,
        &format!("select cast(sum(clicks) as bigint) from link where key in ({known})"),
    );
    // Each known link was followed once per instance before the load.
    assert_eq!(clicks as usize, redirected + 2 * keys.len(), "clicks lost");
    let stored: i64 = crate::backend::query_scalar(
        &file,
        "select count(*) from link where target_url like 'https://example.com/during/%'",
    );
    // A create whose commit the cut caught may be stored though answered 503 (its
    // answer was lost with the connection); at most one is in flight per instance.
    let made_len = made.len() as i64;
    assert!(
        stored >= made_len,
        "links lost: {stored} stored of {made_len}"
    );
    assert!(stored - made_len <= 2, "{stored} stored of {made_len} made");
    assert!(
        log_a.contains("database"),
        "the outage left no line in the log: {log_a}"
    );
    crate::backend::say(&format!(
        "database restart: gone {:?}, {redirected} redirects all 307, {} creates \
         acknowledged, {refused} refused with 503 ({} of them stored all the same), \
         creates back {slowest_return:?} after the database, every link and click kept",
        back_at.duration_since(gone_at),
        made.len(),
        stored - made_len,
    ));
}
