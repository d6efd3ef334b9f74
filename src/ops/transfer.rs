//! Moving a whole installation: `shortener export` writes every link with every field
//! (JSON, with each link's click history, or CSV, without); `shortener import` checks
//! every record as creation would and stores them all in one transaction, or, if any
//! fails, none, naming each bad record.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};

use crate::domain::annotation::{Note, Title};
use crate::domain::clock;
use crate::domain::keys::ShortKey;
use crate::domain::password;
use crate::domain::preview::{Preview, TypedPreview};
use crate::domain::smart::{self, Smart};
use crate::domain::target::{OwnHosts, TargetUrl};
use crate::service::machinery::history::MAX_COUNT;
use crate::service::{Installation, Link, Record};

/// The two file formats: JSON (with each link's click history) and CSV (without).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    Json,
    Csv,
}

/// Writes every link to `output` (standard output when `None`).
pub async fn export(
    links: &Installation,
    format: FileFormat,
    output: Option<&Path>,
) -> Result<(), String> {
    let with_history = format == FileFormat::Json;
    let rows = links
        .records(with_history)
        .await
        .map_err(|e| e.to_string())?;
    let bar = progress(rows.len() as u64, "exporting");
    let mut out = writer(output)?;
    match format {
        FileFormat::Json => {
            let mut first = true;
            out.write_all(b"[\n").map_err(|e| e.to_string())?;
            for row in &rows {
                if !first {
                    out.write_all(b",\n").map_err(|e| e.to_string())?;
                }
                first = false;
                serde_json::to_writer(&mut out, row).map_err(|e| e.to_string())?;
                bar.inc(1);
            }
            out.write_all(b"\n]\n").map_err(|e| e.to_string())?;
        }
        FileFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut out);
            // A row is the link alone: CSV has no place for a history.
            for row in &rows {
                csv.serialize(&row.link).map_err(|e| e.to_string())?;
                bar.inc(1);
            }
            csv.flush().map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    eprintln!("exported {} links", rows.len());
    Ok(())
}

/// Reads `file` and checks every record as creation would; stores them all in one
/// transaction, or, when any record fails a check, none: each failure is printed
/// with its place in the file and the command fails.
pub async fn import(
    links: &Installation,
    file: &Path,
    format: FileFormat,
    own_hosts: &OwnHosts,
) -> Result<(), String> {
    let rows = read(file, format)?;
    let total = rows.len();
    let mut problems = Vec::new();
    let (mut places, mut good) = (Vec::new(), Vec::new());
    for (place, row) in rows {
        match row.and_then(|r| checked(r, own_hosts)) {
            Ok(record) => {
                places.push(place);
                good.push(record);
            }
            Err(why) => problems.push(format!("{place}: {why}")),
        }
    }
    if problems.is_empty() {
        let bar = progress(good.len() as u64, "importing");
        let clashes = links.import(&good, &|| bar.inc(1)).await;
        bar.finish_and_clear();
        let clashes = clashes.map_err(|e| e.to_string())?;
        problems.extend(
            clashes
                .into_iter()
                .map(|(index, e)| format!("{}: {e}", places[index])),
        );
    }
    if !problems.is_empty() {
        return Err(refusal(file, &problems, total));
    }
    println!("imported {total} links");
    Ok(())
}

/// Problems printed before the summary: enough to fix a file, not a flood.
const SHOWN_PROBLEMS: usize = 100;

/// Prints the problems and says the file was refused as a whole.
fn refusal(file: &Path, problems: &[String], total: usize) -> String {
    for problem in problems.iter().take(SHOWN_PROBLEMS) {
        eprintln!("{problem}");
    }
    if problems.len() > SHOWN_PROBLEMS {
        eprintln!("... and {} more", problems.len() - SHOWN_PROBLEMS);
    }
    format!(
        "{} refused: {} of {total} records failed a check; nothing was imported",
        file.display(),
        problems.len()
    )
}

/// Where a record is in the file, for messages: JSON records by position in the
/// array, CSV ones by line too.
#[derive(Debug, Clone, Copy)]
enum Place {
    Record(usize),
    Line(u64, usize),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Record(n) => write!(f, "record {n}"),
            Place::Line(line, n) => write!(f, "line {line} (record {n})"),
        }
    }
}

/// One record of the file, with where it is, parsed or not.
type Read = (Place, Result<Record, String>);

/// The file's records, each parsed on its own so one bad record does not hide the rest.
fn read(file: &Path, format: FileFormat) -> Result<Vec<Read>, String> {
    let input = reader(file)?;
    Ok(match format {
        FileFormat::Json => {
            let values: Vec<serde_json::Value> = serde_json::from_reader(input)
                .map_err(|e| format!("{} is not a JSON array of links: {e}", file.display()))?;
            values
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let record = serde_json::from_value(v).map_err(|e| e.to_string());
                    (Place::Record(i + 1), record)
                })
                .collect()
        }
        FileFormat::Csv => {
            let mut csv = csv::Reader::from_reader(input);
            let mut rows = Vec::new();
            let mut raw = csv::StringRecord::new();
            let headers = csv.headers().map_err(|e| e.to_string())?.clone();
            loop {
                let line = csv.position().line();
                match csv.read_record(&mut raw) {
                    Ok(false) => break,
                    Ok(true) => {
                        let place =
                            Place::Line(raw.position().map_or(line, |p| p.line()), rows.len() + 1);
                        let record = raw
                            .deserialize::<Link>(Some(&headers))
                            .map(Record::from)
                            .map_err(|e| e.to_string());
                        rows.push((place, record));
                    }
                    Err(e) if e.is_io_error() => {
                        return Err(format!("cannot read {}: {e}", file.display()))
                    }
                    Err(e) => rows.push((Place::Line(line, rows.len() + 1), Err(e.to_string()))),
                }
            }
            rows
        }
    })
}

/// A record as creation would store it: key and target checked (the target in its
/// stored form), counts and times bounded and normalised, the password hash no
/// costlier than the app's own; with the secret hash as bytes.
fn checked(mut r: Record, own_hosts: &OwnHosts) -> Result<(Record, [u8; 32]), String> {
    // A key kept from another shortener (`import --from`) moves on as it is.
    ShortKey::custom(&r.key).map(|_| ()).or_else(|e| {
        ShortKey::kept(&r.key)
            .map(|_| ())
            .map_err(|_| e.to_string())
    })?;
    r.target_url = TargetUrl::parse(&r.target_url, own_hosts)
        .map_err(|e| e.to_string())?
        .as_str()
        .to_owned();
    if !(0..=MAX_COUNT).contains(&r.clicks) {
        return Err(format!("clicks must be 0 to {MAX_COUNT}"));
    }
    if r.max_clicks.is_some_and(|m| !(1..=MAX_COUNT).contains(&m)) {
        return Err(format!("max_clicks must be 1 to {MAX_COUNT}"));
    }
    r.created_at = time(&r.created_at)?;
    r.last_clicked_at = r.last_clicked_at.as_deref().map(time).transpose()?;
    r.expires_at = r.expires_at.as_deref().map(time).transpose()?;
    r.starts_at = r.starts_at.as_deref().map(time).transpose()?;
    if let Some(hash) = &r.password_hash {
        password::check_stored(hash)?;
    }
    let text = |e: crate::error::Error| e.to_string();
    r.title = Title::parse(r.title.as_deref().unwrap_or(""))
        .map_err(text)?
        .map(|t| t.as_str().to_owned());
    r.note = Note::parse(r.note.as_deref().unwrap_or(""))
        .map_err(text)?
        .map(|n| n.as_str().to_owned());
    if let Some(stored) = &r.preview {
        let preview: Preview = serde_json::from_str(stored).map_err(|e| format!("preview: {e}"))?;
        let typed = TypedPreview {
            title: preview.title,
            description: preview.description,
            image_url: preview.image_url,
        };
        r.preview = Some(typed.check(own_hosts).map_err(text)?.stored());
    }
    if let Some(stored) = &r.smart {
        let smart: Smart = serde_json::from_str(stored).map_err(|e| format!("smart: {e}"))?;
        let smart =
            Smart::checked(smart.rules, smart.variants, own_hosts).map_err(|e| e.to_string())?;
        r.smart = smart.stored();
    }
    if let Some(url) = &r.expired_url {
        r.expired_url = Some(
            smart::expired_url(url, own_hosts)
                .map_err(|e| e.to_string())?
                .as_str()
                .to_owned(),
        );
    }
    r.history.validate()?;
    let hash = <[u8; 32]>::try_from(r.secret_hash.as_slice())
        .map_err(|_| "secret_hash must be 64 hex digits")?;
    Ok((r, hash))
}

/// A time in the stored form (UTC, whole seconds), so stored times compare as text.
fn time(raw: &str) -> Result<String, String> {
    clock::parse(raw)
        .map(clock::stamp)
        .ok_or_else(|| format!("{raw:?} is not an RFC 3339 time (2026-11-28T14:00:00Z)"))
}

/// A progress bar on standard error for `len` links (drawn only on a terminal).
pub fn progress(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta})") {
        bar.set_style(style);
    }
    bar.set_message(what.to_owned());
    bar
}

/// Opens `path` for writing, or standard output.
pub fn writer(path: Option<&Path>) -> Result<Box<dyn Write>, String> {
    Ok(match path {
        Some(path) => Box::new(BufWriter::new(
            crate::db::files::create_or_truncate(path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout())),
    })
}

/// Opens `path` for reading.
pub fn reader(path: &Path) -> Result<BufReader<File>, String> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}
