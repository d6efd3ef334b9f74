//! The operator's commands for a public instance: the moderation page's secret URL,
//! abuse reports, and creator tokens.

use clap::Subcommand;

use crate::error::Error;
use crate::service::{Asked, Installation, Order, ReportedLink, Ruling};
use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum ReportsCommand {
    /// Links with open reports, most reported first, a page at a time.
    List {
        /// As JSON, as the moderation page's JSON has it.
        #[arg(long)]
        json: bool,
        /// The newest report first.
        #[arg(long)]
        newest: bool,
        /// Which page of the list, from 1.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        page: u32,
    },
    /// Close the open reports of a link, leaving it as it is.
    Dismiss { key: String },
}

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Make a token; it is printed this once (only its hash is kept).
    Create {
        /// Who it is for, shown on the moderation page and by `tokens list`.
        #[arg(long)]
        note: String,
    },
    /// Every token: id, state, links made, created, note.
    List,
    /// Revoke a token: it creates nothing more.
    Revoke {
        id: i64,
        /// Disable the links made with it too.
        #[arg(long)]
        disable_links: bool,
    },
}

/// An error as the operator reads it.
pub fn found(e: Error) -> String {
    match e {
        Error::NotFound => "no link has that key".to_owned(),
        e => e.to_string(),
    }
}

/// Prints a new moderation URL; the old one answers 404 from now on.
pub async fn moderation_url(links: &Installation, settings: &Settings) -> Result<(), String> {
    let secret = links.new_moderation_secret().await.map_err(found)?;
    println!("{}/moderate/{}", settings.base_url, secret.as_str());
    eprintln!("Keep it secret: it opens the moderation page. Running this again replaces it.");
    Ok(())
}

pub async fn reports(links: &Installation, action: ReportsCommand) -> Result<(), String> {
    match action {
        ReportsCommand::List { json, newest, page } => {
            let asked = Asked {
                search: None,
                order: if newest {
                    Order::Newest
                } else {
                    Order::MostReported
                },
                page,
            };
            let listed = links.reported(&asked).await.map_err(found)?;
            match json {
                true => println!("{}", as_json(&listed.links)),
                false => print_reports(&listed.links),
            }
            if listed.more {
                eprintln!("more on the next page: --page {}", page.saturating_add(1));
            }
        }
        ReportsCommand::Dismiss { key } => {
            links.decide(&key, &Ruling::Dismiss).await.map_err(found)?;
            println!("dismissed the reports on {key}");
        }
    }
    Ok(())
}

fn print_reports(listed: &[ReportedLink]) {
    if listed.is_empty() {
        println!("no open reports");
        return;
    }
    println!(
        "{:<12} {:>7} {:>8}  {:<30}  target",
        "key", "reports", "clicks", "reasons"
    );
    for reported in listed {
        let reasons: Vec<String> = reported
            .by_reason
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| format!("{} {n}", r.as_str()))
            .collect();
        let link = &reported.link;
        println!(
            "{:<12} {:>7} {:>8}  {:<30}  {}",
            link.key,
            link.open_reports,
            link.clicks,
            reasons.join(", "),
            link.target_url
        );
        for route in reported.destinations.iter().filter(|r| r.via != "default") {
            let from = route.from.as_deref().map(|at| format!(" from {at}"));
            let until = route.until.as_deref().map(|at| format!(" until {at}"));
            println!(
                "{:<12} also: {} -> {}{}{}",
                "",
                route.via,
                route.target_url,
                from.unwrap_or_default(),
                until.unwrap_or_default()
            );
        }
    }
}

/// The list as the moderation page's JSON writes it (without the short URLs).
fn as_json(listed: &[ReportedLink]) -> String {
    let links: Vec<serde_json::Value> = listed
        .iter()
        .map(|reported| {
            let by_reason: serde_json::Map<String, serde_json::Value> = reported
                .by_reason
                .iter()
                .map(|(r, n)| (r.as_str().to_owned(), (*n).into()))
                .collect();
            let details: Vec<serde_json::Value> = reported
                .details
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "reason": r.reason, "details": r.details, "created_at": r.created_at,
                    })
                })
                .collect();
            let link = &reported.link;
            serde_json::json!({
                "key": link.key, "target_url": link.target_url, "created_at": link.created_at,
                "clicks": link.clicks, "disabled_reason": link.disabled_reason,
                "token": link.token_note, "reports": link.open_reports, "by_reason": by_reason,
                "details": details, "destinations": reported.destinations,
            })
        })
        .collect();
    serde_json::json!({ "links": links }).to_string()
}

pub async fn tokens(links: &Installation, action: TokensCommand) -> Result<(), String> {
    match action {
        TokensCommand::Create { note } => {
            let note = note.trim();
            if note.is_empty() || note.chars().count() > 200 {
                return Err("--note must be 1 to 200 characters".into());
            }
            let (id, token) = links.new_token(note).await.map_err(found)?;
            println!("{}", token.as_str());
            eprintln!("token {id} for {note}: shown this once; only its hash is kept");
        }
        TokensCommand::List => {
            let all = links.tokens().await.map_err(found)?;
            println!(
                "{:>4} {:<8} {:>6}  {:<20}  note",
                "id", "state", "links", "created"
            );
            for t in all {
                let state = if t.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{:>4} {:<8} {:>6}  {:<20}  {}",
                    t.id, state, t.links, t.created_at, t.note
                );
            }
        }
        TokensCommand::Revoke { id, disable_links } => {
            let disabled = links
                .revoke_token(id, disable_links)
                .await
                .map_err(|e| match e {
                    Error::NotFound => format!("no token has the id {id}"),
                    e => e.to_string(),
                })?;
            println!("revoked token {id}");
            if disable_links {
                println!("disabled {disabled} links made with it");
            }
        }
    }
    Ok(())
}
