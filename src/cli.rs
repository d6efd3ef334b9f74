//! The operator's command line: serve (the default), migrate, look after links,
//! export and import whole installations, back up. Every command works on the
//! database the configuration names, as the server would.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rocket::figment::Figment;

use crate::db::Pool;
use crate::links::records;

/// A self-hosted URL shortener.
#[derive(Debug, Parser)]
#[command(name = "shortener", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (what `shortener` alone does).
    Serve,
    /// Apply the database migrations, then exit.
    Migrate,
    /// List, show, delete or restore links.
    Links {
        #[command(subcommand)]
        action: LinksCommand,
    },
    /// Write every link, with every field, to standard output or a file.
    Export {
        #[arg(long, value_enum, default_value_t = FileFormat::Json)]
        format: FileFormat,
        /// Where to write (standard output when absent).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Read links written by `export`; if any record fails a check, none is imported.
    Import {
        file: PathBuf,
        /// Taken from the file's extension when absent (`.csv`, else JSON).
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
    },
    /// Copy the database to a new file while the server keeps serving.
    Backup { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum LinksCommand {
    /// One line per link: key, state, clicks, created, target.
    List {
        /// Deleted links too.
        #[arg(long)]
        all: bool,
    },
    /// Every field of one link.
    Show { key: String },
    /// Deactivate a link, as its owner's delete button does.
    Delete { key: String },
    /// Undo a delete: the link forwards again.
    Restore { key: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    Json,
    Csv,
}

/// Runs a command other than `serve`; the message is for the operator.
pub async fn run(figment: &Figment, command: Command) -> Result<(), String> {
    match command {
        Command::Serve => Err("serve is run by main".into()),
        Command::Migrate => open(figment, true)
            .await
            .map(|_| println!("migrations applied")),
        Command::Links { action } => links(&open(figment, false).await?, action).await,
        Command::Export { format, output } => {
            crate::transfer::export(&open(figment, false).await?, format, output.as_deref()).await
        }
        Command::Import { file, format } => {
            let format = format.unwrap_or(match file.extension().and_then(|e| e.to_str()) {
                Some("csv") => FileFormat::Csv,
                _ => FileFormat::Json,
            });
            let settings = crate::config::Settings::from_figment(figment)?;
            let pool = open(figment, true).await?;
            crate::transfer::import(&pool, &file, format, &settings.own_hosts).await
        }
        Command::Backup { file } => backup(figment, &file).await,
    }
}

/// The configured database, migrated; `create` allows a new file.
async fn open(figment: &Figment, create: bool) -> Result<Pool, String> {
    let url = database_url(figment)?;
    let pool = Pool::connect(&crate::db::single(&url), create)
        .await
        .map_err(|e| format!("cannot open {}: {e}", crate::db::redacted(&url)))?;
    pool.migrate()
        .await
        .map_err(|e| format!("migrations failed: {e}"))?;
    Ok(pool)
}

fn database_url(figment: &Figment) -> Result<String, String> {
    figment
        .extract_inner("databases.links.url")
        .map_err(|e| e.to_string())
}

async fn links(pool: &Pool, action: LinksCommand) -> Result<(), String> {
    let mut db = pool.acquire().await.map_err(|e| e.to_string())?;
    let found = |e: crate::error::Error| match e {
        crate::error::Error::NotFound => "no link has that key".to_owned(),
        e => e.to_string(),
    };
    match action {
        LinksCommand::List { all } => {
            let rows = records::all_records(&mut db).await.map_err(found)?;
            println!(
                "{:<12} {:<8} {:>8}  {:<20}  target",
                "key", "state", "clicks", "created"
            );
            for r in rows.iter().filter(|r| all || r.is_active) {
                let state = if r.is_active { "active" } else { "deleted" };
                println!(
                    "{:<12} {:<8} {:>8}  {:<20}  {}",
                    r.key, state, r.clicks, r.created_at, r.target_url
                );
            }
        }
        LinksCommand::Show { key } => {
            let r = records::record(&mut db, &key).await.map_err(found)?;
            let value = serde_json::to_value(&r).map_err(|e| e.to_string())?;
            for (field, value) in value.as_object().into_iter().flatten() {
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                println!("{field}: {text}");
            }
        }
        LinksCommand::Delete { key } => {
            records::set_active(&mut db, &key, false)
                .await
                .map_err(found)?;
            println!("deleted {key} (undo with: shortener links restore {key})");
        }
        LinksCommand::Restore { key } => {
            records::set_active(&mut db, &key, true)
                .await
                .map_err(found)?;
            println!("restored {key}");
        }
    }
    Ok(())
}

/// Copies the configured database to `dest` while a server may keep serving from it.
/// `dest` is a plain path (never a `file:` URI) to a new file, created owner-only
/// before SQLite fills it; an existing file or a symbolic link there is refused.
pub async fn backup(figment: &Figment, dest: &Path) -> Result<(), String> {
    let pool = open(figment, false).await?;
    if pool.is_postgres() {
        return Err("backup copies SQLite files; for PostgreSQL use pg_dump".into());
    }
    let plain = plain_path(dest)?;
    crate::files::create_new(dest).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "{} already exists (or is a symbolic link); choose a new file",
            dest.display()
        ),
        _ => format!("cannot write {}: {e}", dest.display()),
    })?;
    let mut conn = pool.acquire().await.map_err(|e| e.to_string())?;
    let copied = crate::links::backup_into(&mut conn, &plain).await;
    if let Err(e) = copied {
        let _ = std::fs::remove_file(dest);
        return Err(format!("backup failed: {e}"));
    }
    Ok(())
}

/// `path` as SQLite must read it as a file name: `./` before a relative path, so
/// `file:x.db?mode=rwc` names a file of that name rather than a URI with options.
fn plain_path(path: &Path) -> Result<String, String> {
    let text = path
        .to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8; choose another name", path.display()))?;
    Ok(match path.is_absolute() {
        true => text.to_owned(),
        false => format!("./{text}"),
    })
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
            crate::files::create_or_truncate(path)
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
