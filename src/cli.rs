//! Commands besides serving: `shortener backup FILE`.

use std::path::Path;

use rocket::figment::Figment;
use sqlx::Connection;

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve,
    Backup(String),
}

/// Usage, printed for anything else.
pub const USAGE: &str = "usage: shortener [serve]\n       shortener backup FILE";

impl Command {
    /// Parses the arguments after the program name.
    pub fn parse(args: &[String]) -> Option<Command> {
        match args {
            [] => Some(Command::Serve),
            [cmd] if cmd == "serve" => Some(Command::Serve),
            [cmd, file] if cmd == "backup" => Some(Command::Backup(file.clone())),
            _ => None,
        }
    }
}

/// Copies the configured database to `dest` while a server may keep serving from it.
pub async fn backup(figment: &Figment, dest: &str) -> Result<(), String> {
    if Path::new(dest).exists() {
        return Err(format!("{dest} already exists; choose a new file"));
    }
    let url: String = figment
        .extract_inner("databases.links.url")
        .map_err(|e| e.to_string())?;
    let options = crate::db::connect_options(&url).map_err(|e| e.to_string())?;
    let mut conn = sqlx::SqliteConnection::connect_with(&options.create_if_missing(false))
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))?;
    crate::links::backup_into(&mut conn, dest)
        .await
        .map_err(|e| format!("backup failed: {e}"))?;
    conn.close().await.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn commands_parse() {
        assert_eq!(Command::parse(&args(&[])), Some(Command::Serve));
        assert_eq!(Command::parse(&args(&["serve"])), Some(Command::Serve));
        assert_eq!(
            Command::parse(&args(&["backup", "b.db"])),
            Some(Command::Backup("b.db".into()))
        );
        assert_eq!(Command::parse(&args(&["backup"])), None);
        assert_eq!(Command::parse(&args(&["nope"])), None);
    }
}
