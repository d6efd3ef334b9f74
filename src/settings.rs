//! The operator's settings, read from Rocket's figment and checked once: plain data.
//! Every default is declared once, in `Rocket.toml`, which `startup::figment` also
//! compiles in under the operator's own, so no setting can be missing.

use rocket::serde::Deserialize;
use url::Url;

use std::path::PathBuf;
use std::time::Duration;

use crate::domain::keys::KEY_LENGTHS;
use crate::domain::target::OwnHosts;
use crate::i18n::Lang;

/// `rate_limit` and the like: requests per minute per key, and the burst allowed at once.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(crate = "rocket::serde")]
pub struct RateLimit {
    /// 0 turns limiting off (benchmarks, bulk imports).
    pub per_minute: u32,
    pub burst: u32,
}

/// `[default.password_brake]`: wrong passwords a link takes freely, and the longest wait.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(crate = "rocket::serde")]
pub struct BrakeConfig {
    /// Wrong passwords in a row before attempts on the link must wait; 0 turns the brake off.
    pub free_attempts: u32,
    /// The longest wait between attempts, in seconds.
    pub max_wait_seconds: u64,
}

/// How long all the checks of one request may take together, waiting for slots
/// included (`check_deadline_ms` may shorten it): a few clients with slow targets
/// must not keep every other checked create waiting without end, nor one bulk of
/// 100 checked items hold its request for minutes. A check not done by then is
/// refused like any failed one.
pub const CHECK_DEADLINE: Duration = Duration::from_secs(30);

/// How a checked target may be reached.
#[derive(Debug, Clone)]
pub struct CheckPolicy {
    /// Allow addresses that are not globally routable (operators, tests).
    pub allow_private: bool,
    pub timeout: Duration,
    /// How long all the checks of one request may take together (`CHECK_DEADLINE`).
    pub deadline: Duration,
    /// Ports a target (or a redirect) may be on; the address rule does not lift this one.
    pub ports: Vec<u16>,
}

/// `[default.backup]` as written: off while `dir` is absent.
#[derive(Debug, Deserialize)]
#[serde(crate = "rocket::serde")]
struct BackupConfig {
    /// Where the copies go; no scheduled backups without it.
    dir: Option<PathBuf>,
    /// How often, as a human duration (`domain::every`).
    every: String,
    /// How many copies are kept; older ones are removed.
    keep: usize,
}

/// Scheduled backups of the SQLite database (`backup.dir` set): a copy every `every`
/// into `dir`, the newest `keep` kept.
#[derive(Debug, Clone)]
pub struct Backups {
    pub dir: PathBuf,
    pub every: Duration,
    pub keep: usize,
}

impl BackupConfig {
    /// The schedule, `None` when off, or what is wrong with it.
    fn checked(self) -> Result<Option<Backups>, String> {
        let every =
            crate::domain::every::parse(&self.every).map_err(|e| format!("backup.every: {e}"))?;
        if self.keep < 1 {
            return Err("backup.keep must be at least 1".into());
        }
        Ok(self.dir.map(|dir| Backups {
            dir,
            every,
            keep: self.keep,
        }))
    }
}

/// `log_format`: how each log line is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(crate = "rocket::serde", rename_all = "lowercase")]
pub enum LogFormat {
    /// Rocket's lines as people read them.
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// Settings as written by the operator; `Settings` is the checked form.
#[derive(Debug, Deserialize)]
#[serde(crate = "rocket::serde")]
struct Config {
    /// Public address short links are built on; defaults to `http://<address>:<port>`.
    base_url: Option<String>,
    /// Name of the deployment, printed at start so operators know which config is live.
    env_name: String,
    /// Length of randomly generated keys.
    key_length: usize,
    /// Allowance of creates per client.
    rate_limit: RateLimit,
    /// Allowance of password attempts per client.
    unlock_rate_limit: RateLimit,
    /// IPv6 clients share their allowances per network of this prefix length.
    ipv6_prefix: u8,
    /// Wrong passwords per link before attempts on it must wait, and the longest wait.
    password_brake: BrakeConfig,
    /// Allowance of changes (edits, deletes) per link secret.
    owner_rate_limit: RateLimit,
    /// Whether checked targets may be on addresses that are not globally routable.
    allow_private_targets: bool,
    /// Ports a checked target (and each redirect) may be on.
    check_ports: Vec<u16>,
    /// Whether `/metrics` answers.
    metrics: bool,
    /// Whether `/metrics` answers clients on other machines too (else loopback only).
    metrics_public: bool,
    /// How long a checked target may take to answer, in milliseconds.
    check_timeout_ms: u64,
    /// How long all the target checks of one request may take, in milliseconds.
    check_deadline_ms: u64,
    /// Links whose target is kept in memory; 0 turns the cache off.
    cache_size: usize,
    /// A file of blocked hosts, one per line (re-read when it changes).
    blocklist: Option<PathBuf>,
    /// Whether links to well-known URL shorteners are refused.
    refuse_shorteners: bool,
    /// Clicks after which a link's target can no longer be changed.
    edit_lock_after_clicks: Option<i64>,
    /// Whether creating links needs a creator token.
    private: bool,
    /// Allowance of abuse reports per client.
    report_rate_limit: RateLimit,
    /// The pages' language when the visitor's browser asks for none of ours.
    default_language: String,
    /// Most links one collection may hold.
    collection_max_links: i64,
    /// How each log line is written: the logger (`ops::logging::init`) reads it
    /// before the app is built; declared here so a bad value is refused like any other.
    #[allow(dead_code)]
    log_format: LogFormat,
    /// Whether a request's log line names the client's address.
    log_client_address: bool,
    /// Seconds clicks may fail to be written before `/health` answers 503.
    click_write_grace: u64,
    /// Scheduled backups (SQLite).
    backup: BackupConfig,
    /// Where the app-link files are (`/.well-known/...`); `None`: none served.
    well_known_dir: Option<PathBuf>,
    /// Owners of `humans_only` links may give them a preview for link previewers.
    previews: bool,
}

/// The checked settings, managed as Rocket state; the link service and the web
/// layer are built from them (`startup`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// `base_url` without a trailing slash, ready to have `/<key>` appended.
    pub base_url: String,
    /// Where the app answers (`base_url`'s host, the listening address): targets
    /// there would loop back to us.
    pub own_hosts: OwnHosts,
    /// Name of the deployment.
    pub env_name: String,
    /// Length of randomly generated keys.
    pub key_length: usize,
    /// Creates per client.
    pub rate_limit: RateLimit,
    /// Password attempts per client.
    pub unlock_rate_limit: RateLimit,
    /// Owners' changes per link secret.
    pub owner_rate_limit: RateLimit,
    /// IPv6 clients are keyed by their network of this prefix length.
    pub ipv6_prefix: u8,
    /// Wrong passwords per link before attempts on it must wait.
    pub password_brake: BrakeConfig,
    /// How checked targets are requested.
    pub check: CheckPolicy,
    /// Links whose target is kept in memory.
    pub cache_size: usize,
    /// Whether `/metrics` answers.
    pub metrics: bool,
    /// Whether `/metrics` answers clients on other machines too (see `web::metrics::Scraper`).
    pub metrics_public: bool,
    /// Which hosts links may not point to.
    pub blocking: Blocking,
    /// Clicks after which a link's target can no longer be changed (`None`: never locked).
    pub edit_lock_after_clicks: Option<i64>,
    /// Most links one collection may hold: its page, totals and CSV stay bounded.
    pub collection_max_links: i64,
    /// How long clicks may fail to be written before `/health` says so: a load
    /// balancer or monitor then sees the fault while redirects keep working.
    pub click_write_grace: Duration,
    /// Creating links needs a creator token (`tokens create`).
    pub private: bool,
    /// Abuse reports per client.
    pub report_rate_limit: RateLimit,
    /// The pages' language when neither `?lang=`, the cookie nor `Accept-Language`
    /// names one of ours.
    pub default_language: Lang,
    /// Whether a request's log line names the client's address: off unless the
    /// operator asks, as an address is personal data.
    pub log_client_address: bool,
    /// Scheduled backups, when `backup.dir` is set: an operator who forgets to copy
    /// the database still has yesterday's.
    pub backups: Option<Backups>,
    /// The operator's app-link files, served as they are (`web::well_known`).
    pub well_known_dir: Option<PathBuf>,
    /// Owners may set link previews, shown on the Continue page of `humans_only`
    /// links (`domain::preview`): off by default, since the owner's words and image
    /// then reach chat apps in place of the target's own.
    pub previews: bool,
}

/// Which hosts links may not point to: the operator's file and the built-in list.
#[derive(Debug, Clone)]
pub struct Blocking {
    /// Re-read when it changes, while serving.
    pub file: Option<PathBuf>,
    /// Whether the built-in list of URL shorteners (`domain::hosts::SHORTENERS`) applies.
    pub refuse_shorteners: bool,
}

impl Settings {
    /// The public short link for `key`.
    pub fn short_url(&self, key: &str) -> String {
        format!("{}/{key}", self.base_url)
    }

    /// The owner's page for `secret`.
    pub fn admin_url(&self, secret: &str) -> String {
        format!("{}/admin/{secret}", self.base_url)
    }

    /// The read-only statistics page for stats token `token`.
    pub fn stats_url(&self, token: &str) -> String {
        format!("{}/stats/{token}", self.base_url)
    }

    /// The page of the collection with `secret`.
    pub fn collection_url(&self, secret: &str) -> String {
        format!("{}/collection/{secret}", self.base_url)
    }

    /// The settings of `figment`, or what is wrong with them (for the operator).
    pub fn from_figment(figment: &rocket::figment::Figment) -> Result<Settings, String> {
        let config = figment.extract::<Config>().map_err(|e| e.to_string())?;
        let rocket = figment
            .extract::<rocket::Config>()
            .map_err(|e| e.to_string())?;
        Settings::from_config(config, &rocket)
    }

    fn from_config(config: Config, rocket: &rocket::Config) -> Result<Settings, String> {
        let raw = config
            .base_url
            .unwrap_or_else(|| format!("http://{}:{}", rocket.address, rocket.port));
        let url = Url::parse(&raw).map_err(|e| format!("base_url `{raw}` is not a URL: {e}"))?;
        let own_hosts = match (url.scheme(), url.host()) {
            ("http" | "https", Some(host)) => OwnHosts::new(host, rocket.address, rocket.port),
            _ => {
                return Err(format!(
                    "base_url `{raw}` must be an http(s) URL with a host"
                ))
            }
        };
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "base_url `{raw}` must not have a query or fragment"
            ));
        }
        let longest = CHECK_DEADLINE.as_millis() as u64;
        if !(1..=longest).contains(&config.check_deadline_ms) {
            return Err(format!("check_deadline_ms must be within 1..={longest}"));
        }
        if !KEY_LENGTHS.contains(&config.key_length) {
            return Err(format!("key_length must be within {KEY_LENGTHS:?}"));
        }
        if config.edit_lock_after_clicks.is_some_and(|n| n < 1) {
            return Err("edit_lock_after_clicks must be at least 1".into());
        }
        let default_language = Lang::exact(&config.default_language).ok_or_else(|| {
            let tags: Vec<&str> = Lang::ALL.iter().map(|lang| lang.tag()).collect();
            format!("default_language must be one of {}", tags.join(", "))
        })?;
        if config.collection_max_links < 1 {
            return Err("collection_max_links must be at least 1".into());
        }
        if config.click_write_grace < 1 {
            return Err("click_write_grace must be at least 1 (seconds)".into());
        }
        if !(1..=128).contains(&config.ipv6_prefix) {
            return Err("ipv6_prefix must be within 1..=128".into());
        }
        let backups = config.backup.checked()?;
        Ok(Settings {
            base_url: url.as_str().trim_end_matches('/').to_owned(),
            own_hosts,
            env_name: config.env_name,
            key_length: config.key_length,
            rate_limit: config.rate_limit,
            unlock_rate_limit: config.unlock_rate_limit,
            owner_rate_limit: config.owner_rate_limit,
            ipv6_prefix: config.ipv6_prefix,
            password_brake: config.password_brake,
            check: CheckPolicy {
                allow_private: config.allow_private_targets,
                timeout: Duration::from_millis(config.check_timeout_ms),
                deadline: Duration::from_millis(config.check_deadline_ms),
                ports: config.check_ports,
            },
            cache_size: config.cache_size,
            metrics: config.metrics,
            metrics_public: config.metrics_public,
            blocking: Blocking {
                file: config.blocklist,
                refuse_shorteners: config.refuse_shorteners,
            },
            edit_lock_after_clicks: config.edit_lock_after_clicks,
            collection_max_links: config.collection_max_links,
            click_write_grace: Duration::from_secs(config.click_write_grace),
            private: config.private,
            report_rate_limit: config.report_rate_limit,
            default_language,
            log_client_address: config.log_client_address,
            backups,
            well_known_dir: config.well_known_dir,
            previews: config.previews,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled-in defaults with `base_url` and `key_length` set.
    fn settings(base_url: Option<&str>, key_length: usize) -> Result<Settings, String> {
        let mut figment = crate::startup::defaults().merge(("key_length", key_length));
        if let Some(base_url) = base_url {
            figment = figment.merge(("base_url", base_url));
        }
        Settings::from_figment(&figment)
    }

    #[test]
    fn scheduled_backups_are_off_unless_a_directory_is_given() {
        assert!(settings(None, 5).unwrap().backups.is_none());
        let on = crate::startup::defaults().merge(("backup.dir", "/data/backups"));
        let backups = Settings::from_figment(&on).unwrap().backups.unwrap();
        assert_eq!(backups.every, Duration::from_secs(86_400));
        assert_eq!(backups.keep, 7);
    }

    #[test]
    fn base_url_defaults_to_the_listening_address() {
        let s = settings(None, 5).unwrap();
        assert_eq!(s.base_url, "http://127.0.0.1:8000");
        assert_eq!(s.short_url("abc"), "http://127.0.0.1:8000/abc");
    }

    #[test]
    fn base_url_loses_its_trailing_slash_and_keeps_a_path() {
        let s = settings(Some("https://Sho.RT/s/"), 5).unwrap();
        assert_eq!(s.base_url, "https://sho.rt/s");
        assert!(crate::domain::target::TargetUrl::parse("http://SHO.RT./", &s.own_hosts).is_err());
        assert_eq!(s.admin_url("x"), "https://sho.rt/s/admin/x");
    }

    #[test]
    fn unusable_settings_are_refused() {
        assert!(settings(Some("ftp://sho.rt"), 5).is_err());
        assert!(settings(Some("not a url"), 5).is_err());
        assert!(settings(Some("https://sho.rt/?a=b"), 5).is_err());
        assert!(settings(None, 2).is_err());
        assert!(settings(None, 33).is_err());
        let defaults = crate::startup::defaults;
        for (name, figment) in [
            ("backup.every", defaults().merge(("backup.every", "1 d"))),
            ("backup.every", defaults().merge(("backup.every", "0s"))),
            ("backup.keep", defaults().merge(("backup.keep", 0))),
        ] {
            let refused = Settings::from_figment(&figment).unwrap_err();
            assert!(refused.contains(name), "{refused}");
        }
        let xml = crate::startup::defaults().merge(("log_format", "xml"));
        let refused = Settings::from_figment(&xml).unwrap_err();
        assert!(refused.contains("log_format"), "{refused}");
    }

    /// A default as docs/configuration.md writes it: `60`, `development`, `[80, 443]`.
    fn shown(value: &rocket::figment::value::Value) -> String {
        match value.deserialize::<serde_json::Value>() {
            Ok(serde_json::Value::String(text)) => text,
            Ok(serde_json::Value::Array(items)) => {
                let items: Vec<String> = items.iter().map(|i| i.to_string()).collect();
                format!("[{}]", items.join(", "))
            }
            Ok(other) => other.to_string(),
            Err(e) => format!("unreadable: {e}"),
        }
    }

    #[test]
    fn the_configuration_page_shows_the_defaults_rocket_toml_declares() {
        let defaults = crate::startup::defaults();
        let readme = include_str!("../docs/configuration.md");
        let mut compared = 0;
        for row in readme.lines().filter(|l| l.starts_with("| `")) {
            let cells: Vec<&str> = row.split(" | ").collect();
            let quoted = |cell: &str| -> Vec<String> {
                cell.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect()
            };
            let (names, shown_defaults) = (quoted(cells[0]), quoted(cells[1]));
            for (name, written) in names.iter().zip(&shown_defaults) {
                if let Ok(value) = defaults.find_value(name) {
                    assert_eq!(
                        &shown(&value),
                        written,
                        "docs/configuration.md's default of {name}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(
            compared >= 20,
            "only {compared} defaults found in docs/configuration.md's table"
        );
    }
}
