//! The operator's command line: serve (the default), migrate, look after links,
//! export and import whole installations, back up, ask a running server whether it
//! is healthy. Every command works on the database the configuration names, as the
//! server would.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use rocket::figment::Figment;

use super::moderation::{found, ReportsCommand, TokensCommand};
use super::transfer::{self, FileFormat};
use crate::service::Installation;

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
    /// Read links written by `export` (if any record fails a check, none is imported),
    /// or, with `--from`, another shortener's database (read-only; keys kept as they
    /// are; what cannot come is skipped and listed).
    Import {
        /// The file `export` wrote or, with `--from`, the other shortener's database URL
        /// (`mysql://user:password@host/db`, `postgres://...`, `sqlite:///path`).
        #[arg(value_name = "FILE | DATABASE_URL")]
        file: String,
        /// Taken from the file's extension when absent (`.csv`, else JSON).
        #[arg(long, value_enum, conflicts_with = "from")]
        format: Option<FileFormat>,
        /// The shortener whose database `DATABASE_URL` is.
        #[arg(long, value_enum)]
        from: Option<super::import_from::Origin>,
        /// Its table prefix (YOURLS' `YOURLS_DB_PREFIX`; `yourls_` for YOURLS, else none).
        #[arg(long, requires = "from")]
        prefix: Option<String>,
        /// Every imported link also joins a new collection of this name.
        #[arg(long, requires = "from")]
        collection: Option<String>,
        /// Check everything and print what would be imported; write nothing.
        #[arg(long, requires = "from")]
        dry_run: bool,
        /// Where the new admin URLs go (a new file; by default named after the source
        /// and the time, in the current directory).
        #[arg(long, requires = "from")]
        admin_urls: Option<PathBuf>,
    },
    /// Copy the database to a new file while the server keeps serving.
    Backup { file: PathBuf },
    /// Ask the server running here (the configured address and port) for `/health`:
    /// exit 0 when it answers 200, else 1 with the reason; for a container's health check.
    Healthcheck,
    /// Print a new secret URL of the moderation page (the old one stops working).
    ModerationUrl,
    /// List or dismiss abuse reports.
    Reports {
        #[command(subcommand)]
        action: ReportsCommand,
    },
    /// Creator tokens, for private mode (`private = true`).
    Tokens {
        #[command(subcommand)]
        action: TokensCommand,
    },
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
    /// Stop a link forwarding (410 with the reason); its owner cannot undo it.
    Disable {
        key: String,
        /// Shown to its visitors and its owner.
        #[arg(long)]
        reason: String,
    },
    /// Undo a disable.
    Enable { key: String },
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
            transfer::export(&open(figment, false).await?, format, output.as_deref()).await
        }
        Command::Import {
            file,
            format: _,
            from: Some(from),
            prefix,
            collection,
            dry_run,
            admin_urls,
        } => {
            let settings = crate::settings::Settings::from_figment(figment)?;
            let links = open(figment, true).await?;
            let request = super::import_from::Request {
                from,
                url: file,
                prefix,
                collection,
                dry_run,
                admin_urls,
            };
            super::import_from::run(&links, &settings, request).await
        }
        Command::Import { file, format, .. } => {
            let file = PathBuf::from(file);
            let format = format.unwrap_or(match file.extension().and_then(|e| e.to_str()) {
                Some("csv") => FileFormat::Csv,
                _ => FileFormat::Json,
            });
            let settings = crate::settings::Settings::from_figment(figment)?;
            let links = open(figment, true).await?;
            transfer::import(&links, &file, format, &settings.own_hosts).await
        }
        Command::Backup { file } => backup(figment, &file).await,
        Command::Healthcheck => super::healthcheck::ask_health(figment),
        Command::ModerationUrl => {
            let settings = crate::settings::Settings::from_figment(figment)?;
            super::moderation::moderation_url(&open(figment, false).await?, &settings).await
        }
        Command::Reports { action } => {
            super::moderation::reports(&open(figment, false).await?, action).await
        }
        Command::Tokens { action } => {
            super::moderation::tokens(&open(figment, false).await?, action).await
        }
    }
}

/// The configured database, migrated; `create` allows a new file.
async fn open(figment: &Figment, create: bool) -> Result<Installation, String> {
    Installation::open(&database_url(figment)?, create).await
}

fn database_url(figment: &Figment) -> Result<String, String> {
    figment
        .extract_inner("databases.links.url")
        .map_err(|e| e.to_string())
}

async fn links(links: &Installation, action: LinksCommand) -> Result<(), String> {
    match action {
        LinksCommand::List { all } => {
            let rows = links.records(false).await.map_err(found)?;
            println!(
                "{:<12} {:<8} {:>8}  {:<20}  target",
                "key", "state", "clicks", "created"
            );
            for r in rows.iter().filter(|r| all || r.is_active) {
                let state = match (r.is_active, &r.disabled_reason) {
                    (false, _) => "deleted",
                    (true, Some(_)) => "disabled",
                    (true, None) => "active",
                };
                println!(
                    "{:<12} {:<8} {:>8}  {:<20}  {}",
                    r.key, state, r.clicks, r.created_at, r.target_url
                );
            }
        }
        LinksCommand::Show { key } => {
            let r = links.record(&key).await.map_err(found)?;
            let value = serde_json::to_value(&r).map_err(|e| e.to_string())?;
            for (field, value) in value.as_object().into_iter().flatten() {
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                println!("{field}: {text}");
            }
        }
        LinksCommand::Delete { key } => {
            links.set_active(&key, false).await.map_err(found)?;
            println!("deleted {key} (undo with: shortener links restore {key})");
        }
        LinksCommand::Restore { key } => {
            links.set_active(&key, true).await.map_err(found)?;
            println!("restored {key}");
        }
        LinksCommand::Disable { key, reason } => {
            let reason = crate::domain::report::disable_reason(&reason).map_err(found)?;
            let decision = crate::service::Ruling::Disable(reason);
            links.decide(&key, &decision).await.map_err(found)?;
            println!("disabled {key} (undo with: shortener links enable {key})");
        }
        LinksCommand::Enable { key } => {
            let decision = crate::service::Ruling::Enable;
            links.decide(&key, &decision).await.map_err(found)?;
            println!("enabled {key}");
        }
    }
    Ok(())
}

/// Copies the configured database to `dest` while a server may keep serving from it.
/// `dest` is a plain path (never a `file:` URI) to a new file, created owner-only
/// before SQLite fills it; an existing file or a symbolic link there is refused.
pub async fn backup(figment: &Figment, dest: &Path) -> Result<(), String> {
    let links = open(figment, false).await?;
    let plain = plain_path(dest)?;
    if links.is_postgres() {
        return Err(crate::service::NO_POSTGRES_BACKUP.into());
    }
    crate::db::files::create_new(dest).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "{} already exists (or is a symbolic link); choose a new file",
            dest.display()
        ),
        _ => format!("cannot write {}: {e}", dest.display()),
    })?;
    if let Err(e) = links.backup(&plain).await {
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
