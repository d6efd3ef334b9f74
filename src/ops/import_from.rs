//! `shortener import --from yourls|shlink|kutt|polr DATABASE_URL`: reads the other
//! shortener's own database (read-only), takes its links in with their keys, clicks
//! and dates, and writes the operator the one copy of their new admin URLs (a CSV
//! file only they can read). `--dry-run` says what would happen and stores nothing.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use indicatif::ProgressBar;

use super::transfer::progress;
use crate::domain::collection::CollectionName;
use crate::service::{ImportFrom, Installation, Outcome};
use crate::settings::Settings;
use crate::sources::{self, Source};

/// The shorteners `import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Origin {
    Yourls,
    Shlink,
    Kutt,
    Polr,
}

impl Origin {
    fn source(self) -> Source {
        match self {
            Origin::Yourls => Source::Yourls,
            Origin::Shlink => Source::Shlink,
            Origin::Kutt => Source::Kutt,
            Origin::Polr => Source::Polr,
        }
    }
}

/// What the operator asked for.
pub struct Request {
    pub from: Origin,
    pub url: String,
    pub prefix: Option<String>,
    pub collection: Option<String>,
    pub dry_run: bool,
    pub admin_urls: Option<PathBuf>,
}

/// Problem lines printed before the summary: enough to act on, not a flood.
const SHOWN: usize = 1000;

/// Runs the import and prints what it did.
pub async fn run(
    links: &Installation,
    settings: &Settings,
    request: Request,
) -> Result<(), String> {
    let source = request.from.source();
    let collection = match &request.collection {
        Some(name) => Some(CollectionName::parse(name).map_err(|e| e.to_string())?),
        None => None,
    };
    // Opened before anything is stored: the secrets must have somewhere to go.
    let csv = match request.dry_run {
        true => None,
        false => Some(admin_file(request.admin_urls, source)?),
    };
    let spinner = ProgressBar::new_spinner();
    spinner.set_message(format!("reading the {} database", source.name()));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let prefix = request.prefix.as_deref().unwrap_or(source.default_prefix());
    let read = sources::read(source, &request.url, prefix).await;
    spinner.finish_and_clear();
    let foreign = read.inspect_err(|_| {
        if let Some((path, _)) = &csv {
            let _ = std::fs::remove_file(path);
        }
    })?;
    let bar = progress(foreign.len() as u64, "importing");
    let how = ImportFrom {
        source,
        own_hosts: &settings.own_hosts,
        blocking: &settings.blocking,
        collection,
        dry_run: request.dry_run,
    };
    let path = csv.as_ref().map(|(path, _)| path.clone());
    let mut file = csv.map(|(path, file)| (path, Some(file)));
    // Written (and synced) before the links are committed: a failure stores nothing.
    let mut keep = |outcome: &Outcome| match &mut file {
        Some((path, file)) => write_admin_urls(path, file.take(), outcome, settings),
        None => Ok(()),
    };
    let outcome = links
        .import_from(foreign, &how, &|| bar.inc(1), &mut keep)
        .await;
    bar.finish_and_clear();
    let written = outcome.as_ref().is_ok_and(|o| !o.imported.is_empty());
    if let (Some(path), false) = (&path, written) {
        let _ = std::fs::remove_file(path);
    }
    let outcome = outcome?;
    if let (Some(path), true) = (&path, written) {
        println!(
            "admin URLs of the {} imported links: {} (readable by you only; the only copy)",
            outcome.imported.len(),
            path.display()
        );
    }
    report(&outcome, source, settings, request.dry_run);
    Ok(())
}

/// The admin URLs' file: the one asked for, or a new one named after the source and
/// the time; it must not exist yet, and only its owner can read it.
fn admin_file(asked: Option<PathBuf>, source: Source) -> Result<(PathBuf, std::fs::File), String> {
    let path = asked.unwrap_or_else(|| {
        let now = time::OffsetDateTime::now_utc();
        PathBuf::from(format!(
            "{}-admin-urls-{:04}{:02}{:02}-{:02}{:02}{:02}.csv",
            source.name().to_lowercase(),
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second()
        ))
    });
    let file = crate::db::files::create_new(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "{} already exists; the admin URLs go to a new file (--admin-urls)",
            path.display()
        ),
        _ => format!("cannot write {}: {e}", path.display()),
    })?;
    Ok((path, file))
}

/// Writes key, short URL and admin URL of every imported link, and syncs the file.
fn write_admin_urls(
    path: &Path,
    file: Option<std::fs::File>,
    outcome: &Outcome,
    settings: &Settings,
) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let file = file.ok_or_else(|| failed(&"written already"))?;
    let mut csv = csv::Writer::from_writer(file);
    csv.write_record(["key", "short_url", "admin_url"])
        .map_err(|e| failed(&e))?;
    for link in &outcome.imported {
        let short = settings.short_url(&link.key);
        let admin = settings.admin_url(link.secret.as_str());
        csv.write_record([link.key.as_str(), &short, &admin])
            .map_err(|e| failed(&e))?;
    }
    let file = csv.into_inner().map_err(|e| failed(&e))?;
    file.sync_all().map_err(|e| failed(&e))
}

/// The problems, the kept keys, the notes and the counts.
fn report(outcome: &Outcome, source: Source, settings: &Settings, dry_run: bool) {
    let mut out = std::io::stdout().lock();
    for skipped in outcome.skipped.iter().take(SHOWN) {
        let on = skipped
            .domain
            .as_deref()
            .map(|d| format!(" (on {d:?})"))
            .unwrap_or_default();
        let _ = writeln!(out, "skipped {:?}{on}: {}", skipped.key, skipped.why);
    }
    if outcome.skipped.len() > SHOWN {
        let _ = writeln!(
            out,
            "... and {} more skipped",
            outcome.skipped.len() - SHOWN
        );
    }
    let kept: Vec<_> = outcome.imported.iter().filter(|a| !a.usual_key).collect();
    for imported in kept.iter().take(SHOWN) {
        let _ = writeln!(
            out,
            "kept as it is: {:?} (new links could not have this key)",
            imported.key
        );
    }
    for (key, note) in outcome.notes.iter().take(SHOWN) {
        let _ = writeln!(out, "note {key:?}: {note}");
    }
    if let Some(secret) = &outcome.collection {
        let _ = writeln!(
            out,
            "collection: {} (the only copy of its URL)",
            settings.collection_url(secret.as_str())
        );
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for skipped in &outcome.skipped {
        *reasons.entry(skipped.why.label()).or_default() += 1;
    }
    let verb = if dry_run { "would import" } else { "imported" };
    let _ = write!(
        out,
        "{}{verb} {} links from {} ({} with their keys kept as they are), skipped {}",
        if dry_run {
            "dry run, nothing written: "
        } else {
            ""
        },
        outcome.imported.len(),
        source.name(),
        kept.len(),
        outcome.skipped.len()
    );
    let reasons: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
    match reasons.is_empty() {
        true => {
            let _ = writeln!(out);
        }
        false => {
            let _ = writeln!(out, ": {}", reasons.join(", "));
        }
    }
}
