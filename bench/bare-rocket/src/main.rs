//! GET /<key> → 307 to the key's target, from a HashMap filled at start from
//! $BENCH_KEYS ("key secret" per line, as bench/seed.py writes it); no fairings,
//! logging off. GET /robots.txt answers the benchmark's quiet tail.

use std::collections::HashMap;

use rocket::http::Status;
use rocket::response::{self, Responder};
use rocket::{get, routes, Request, Response, State};

struct Targets(HashMap<String, String>);

struct Forward(String);

impl<'r> Responder<'r, 'static> for Forward {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        Response::build()
            .status(Status::TemporaryRedirect)
            .raw_header("Location", self.0)
            .ok()
    }
}

#[get("/<key>")]
fn follow(key: &str, targets: &State<Targets>) -> Option<Forward> {
    targets.0.get(key).cloned().map(Forward)
}

#[get("/robots.txt")]
fn robots() -> &'static str {
    "User-agent: *\n"
}

#[rocket::launch]
fn rocket() -> _ {
    let file = std::env::var("BENCH_KEYS").expect("BENCH_KEYS names the keys file");
    let text = std::fs::read_to_string(file).expect("the keys file");
    let targets = text
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(|key| (key.to_owned(), format!("https://example.com/seeded/{key}")))
        .collect();
    // Rocket's own defaults and ROCKET_* variables (the port), with logging off.
    let figment = rocket::Config::figment().merge(("log_level", "off"));
    rocket::custom(figment)
        .manage(Targets(targets))
        .mount("/", routes![follow, robots])
}
