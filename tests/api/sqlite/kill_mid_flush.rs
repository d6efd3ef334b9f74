//! SIGKILL at random moments of the once-a-second click write, several times on one
//! SQLite file: every click written before the kill is there after a restart, the
//! file is intact, every acknowledged link forwards, and at most the last second or so
//! of clicks is lost.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::helpers::query_scalar;
use crate::server::{admin_info, create, free_port, send, try_send, Server};

/// Kills in the test: each at its own moment of the flush period.
const ROUNDS: u64 = 5;

/// A link the test made: key, target, secret.
type Link = (String, String, String);

/// Every click stored in the file, over a connection of the test's own.
fn stored(db: &std::path::Path) -> i64 {
    query_scalar(
        db,
        "select cast(coalesce(sum(clicks), 0) as bigint) from link",
    )
}

/// Milliseconds in `0..below`, different from run to run and round to round.
fn random_ms(round: u64, below: u64) -> u64 {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    (nanos ^ round.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(6_364_136_223_846_793_005)
        % below
}

fn follow(port: u16, key: &str) -> std::io::Result<u16> {
    try_send(port, "GET", &format!("/{key}"), &[], "").map(|r| r.status)
}

#[test]
fn sigkill_at_any_moment_of_a_click_write_keeps_every_written_click_and_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shortener.db");
    let port = free_port();
    let no_limit = [("ROCKET_RATE_LIMIT", "{per_minute=0}".to_owned())];
    let mut links: Vec<Link> = Vec::new();
    // Clicks the server answered 307 to, over all rounds.
    let mut acknowledged = 0i64;
    let mut worst_loss = 0i64;
    let mut figures = Vec::new();

    for round in 0..ROUNDS {
        let server = Server::start(dir.path(), port, &no_limit);
        assert_eq!(stored(&db), acknowledged - lost_so_far(&figures));
        for i in 0..3 {
            let target = format!("https://example.com/r{round}/{i}");
            let (status, key, secret) = create(port, &target).unwrap();
            assert_eq!(status, 201);
            links.push((key, target, secret));
        }
        for (key, ..) in &links {
            for _ in 0..10 {
                assert_eq!(follow(port, key).unwrap(), 307);
                acknowledged += 1;
            }
        }
        // The clicks so far are written by the next flush.
        let expected = acknowledged - lost_so_far(&figures);
        let started = Instant::now();
        while stored(&db) != expected {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "clicks not written"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let written = expected;

        // More clicks and creates, until the kill cuts them off.
        let stop = Arc::new(AtomicBool::new(false));
        let clicks = Arc::new(Mutex::new(Vec::<Instant>::new()));
        let created = Arc::new(Mutex::new(Vec::<Link>::new()));
        let keys: Vec<String> = links.iter().map(|(key, ..)| key.clone()).collect();
        let clicker = {
            let (stop, clicks) = (stop.clone(), clicks.clone());
            std::thread::spawn(move || {
                for key in keys.iter().cycle() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    match follow(port, key) {
                        Ok(307) => clicks.lock().unwrap().push(Instant::now()),
                        Ok(status) => panic!("a redirect answered {status}"),
                        Err(_) => break,
                    }
                }
            })
        };
        let creator = {
            let (stop, created) = (stop.clone(), created.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let target = format!("https://example.com/r{round}/burst/{i}");
                    match create(port, &target) {
                        Ok((201, key, secret)) => {
                            created.lock().unwrap().push((key, target, secret));
                            // Enough creates to check, few enough to follow them all.
                            std::thread::sleep(Duration::from_millis(10));
                        }
                        Ok((status, ..)) => panic!("a create answered {status}"),
                        Err(_) => break,
                    }
                }
            })
        };
        // Two flushes or more, then a random moment of the period.
        std::thread::sleep(Duration::from_millis(2000 + random_ms(round, 1000)));
        let killed_at = Instant::now();
        assert!(!server.signal("KILL").success());
        stop.store(true, Ordering::Relaxed);
        clicker.join().unwrap();
        creator.join().unwrap();

        let integrity: String = query_scalar(&db, "pragma integrity_check");
        assert_eq!(integrity, "ok", "round {round}");
        let burst = clicks.lock().unwrap().clone();
        let older = burst
            .iter()
            .filter(|at| killed_at.duration_since(**at) > Duration::from_millis(1500))
            .count() as i64;
        let after = stored(&db);
        assert!(
            after >= written + older,
            "round {round}: {after} clicks stored; {written} were written before the burst, \
             and {older} of its {} clicks are older than 1.5 s",
            burst.len()
        );
        let total = acknowledged + burst.len() as i64;
        assert!(
            after <= total - lost_so_far(&figures),
            "a click counted twice"
        );
        let lost = total - lost_so_far(&figures) - after;
        worst_loss = worst_loss.max(lost);
        acknowledged = total;
        let made = created.lock().unwrap().clone();
        assert!(
            !made.is_empty(),
            "round {round}: no create during the burst"
        );
        figures.push((burst.len() as i64, lost, made.len()));
        links.extend(made);
    }

    let _server = Server::start(dir.path(), port, &no_limit);
    for (key, target, secret) in &links {
        let hop = send(port, "HEAD", &format!("/{key}"), &[], "");
        assert_eq!(
            (hop.status, hop.header("location")),
            (307, Some(target.as_str())),
            "{key}"
        );
        assert_eq!(admin_info(port, secret)["target_url"], target.as_str());
    }
    let clicks: i64 = figures.iter().map(|(clicks, ..)| clicks).sum();
    let lost = lost_so_far(&figures);
    crate::backend::say(&format!(
        "sigkill mid-flush: {ROUNDS} kills; {clicks} clicks in the bursts, {lost} lost \
         (at most {worst_loss} in one kill), {} links all kept; integrity ok each time; \
         per kill (clicks, lost, creates): {figures:?}",
        links.len()
    ));
}

/// Clicks lost in earlier kills, which the stored total can no longer hold.
fn lost_so_far(figures: &[(i64, i64, usize)]) -> i64 {
    figures.iter().map(|(_, lost, _)| lost).sum()
}
