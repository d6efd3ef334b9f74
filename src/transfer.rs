//! Moving a whole installation: `shortener export` writes every link with every field
//! (JSON, with each link's click history, or CSV, without); `shortener import` checks each row and stores the good ones in one
//! transaction, reporting the others without stopping.

use std::path::Path;

use crate::db::Pool;

use crate::cli::{progress, reader, writer, FileFormat};
use crate::clock;
use crate::keys::ShortKey;
use crate::links::history;
use crate::links::records::{self, Record};
use crate::target::TargetUrl;

/// Writes every link to `output` (standard output when `None`).
pub async fn export(pool: &Pool, format: FileFormat, output: Option<&Path>) -> Result<(), String> {
    let mut db = pool.acquire().await.map_err(|e| e.to_string())?;
    let mut rows = records::all_records(&mut db)
        .await
        .map_err(|e| e.to_string())?;
    if format == FileFormat::Json {
        let mut histories = history::all_histories(&mut db)
            .await
            .map_err(|e| e.to_string())?;
        for row in &mut rows {
            row.history = histories.remove(&row.key).unwrap_or_default();
        }
    }
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
            for row in &rows {
                csv.serialize(row).map_err(|e| e.to_string())?;
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

/// Reads `file`, checks every row and stores the good ones; prints one line per
/// rejected row (with its number) and a summary.
pub async fn import(pool: &Pool, file: &Path, format: FileFormat) -> Result<(), String> {
    let rows = read(file, format)?;
    let bar = progress(rows.len() as u64, "importing");
    let mut tx = pool.begin().await.map_err(|e| e.to_string())?;
    let (mut imported, mut rejected) = (0, 0);
    for (number, row) in rows.into_iter().enumerate() {
        let stored = match row.and_then(|r| check(&r).map(|hash| (r, hash))) {
            Ok((record, hash)) => records::insert_record(&mut tx, &record, &hash)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match stored {
            Ok(()) => imported += 1,
            Err(why) => {
                rejected += 1;
                bar.suspend(|| eprintln!("row {}: {why}", number + 1));
            }
        }
        bar.inc(1);
    }
    records::bump_epoch(&mut tx)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    println!("imported {imported} links, rejected {rejected}");
    Ok(())
}

/// The file's rows, each parsed on its own so one bad row does not hide the rest.
fn read(file: &Path, format: FileFormat) -> Result<Vec<Result<Record, String>>, String> {
    let input = reader(file)?;
    Ok(match format {
        FileFormat::Json => {
            let values: Vec<serde_json::Value> = serde_json::from_reader(input)
                .map_err(|e| format!("{} is not a JSON array of links: {e}", file.display()))?;
            values
                .into_iter()
                .map(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
                .collect()
        }
        FileFormat::Csv => csv::Reader::from_reader(input)
            .deserialize()
            .map(|row| row.map_err(|e| e.to_string()))
            .collect(),
    })
}

/// The checks the app itself would apply; returns the secret hash as bytes.
fn check(r: &Record) -> Result<[u8; 32], String> {
    ShortKey::custom(&r.key).map_err(|e| e.to_string())?;
    TargetUrl::parse(&r.target_url, &Default::default()).map_err(|e| e.to_string())?;
    if r.clicks < 0 || r.max_clicks.is_some_and(|m| m < 1) {
        return Err("clicks must be 0 or more and max_clicks 1 or more".into());
    }
    let times = [
        Some(&r.created_at),
        r.last_clicked_at.as_ref(),
        r.expires_at.as_ref(),
    ];
    if times
        .into_iter()
        .flatten()
        .any(|t| clock::parse(t).is_none())
    {
        return Err("times must be RFC 3339 (2026-11-28T14:00:00Z)".into());
    }
    if r.password_hash
        .as_deref()
        .is_some_and(|h| !h.starts_with("$argon2"))
    {
        return Err("password_hash must be an argon2 hash".into());
    }
    r.history.check()?;
    hex32(&r.secret_hash).ok_or_else(|| "secret_hash must be 64 hex digits".into())
}

fn hex32(text: &str) -> Option<[u8; 32]> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks(2).enumerate() {
        let pair = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_hashes_are_64_hex_digits() {
        let hash = "00ff".repeat(16);
        assert_eq!(hex32(&hash).unwrap()[..2], [0x00, 0xff]);
        assert!(hex32("abc").is_none());
        assert!(hex32(&"zz".repeat(32)).is_none());
    }
}
