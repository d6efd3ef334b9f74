//! The app's own settings, read from Rocket's figment (`Rocket.toml`, `ROCKET_*`, `.env`).

use rocket::fairing::AdHoc;
use rocket::serde::Deserialize;
use url::Url;

use crate::brake::{Brake, BrakeConfig};
use crate::cache::LinkCache;
use crate::check::{CheckPolicy, Checker, DEFAULT_PORTS};
use crate::keys::KEY_LENGTHS;
use crate::limit::{Limiter, Limiters, RateLimit, DEFAULT_IPV6_PREFIX};
use crate::metrics::Metrics;
use crate::target::OwnHosts;
use std::sync::Arc;

/// Settings as written by the operator; `Settings` is the checked form the routes use.
#[derive(Debug, Deserialize)]
#[serde(crate = "rocket::serde")]
struct Config {
    /// Public address short links are built on; defaults to `http://<address>:<port>`.
    base_url: Option<String>,
    /// Name of the deployment, printed at start so operators know which config is live.
    #[serde(default = "default_env_name")]
    env_name: String,
    /// Length of randomly generated keys.
    #[serde(default = "default_key_length")]
    key_length: usize,
    /// Allowance of creates per client.
    #[serde(default)]
    rate_limit: RateLimit,
    /// Allowance of password attempts per client.
    #[serde(default = "RateLimit::unlock_default")]
    unlock_rate_limit: RateLimit,
    /// IPv6 clients share their allowances per network of this prefix length.
    #[serde(default = "default_ipv6_prefix")]
    ipv6_prefix: u8,
    /// Wrong passwords per link before attempts on it must wait, and the longest wait.
    #[serde(default)]
    password_brake: BrakeConfig,
    /// Allowance of changes (edits, deletes) per link secret.
    #[serde(default = "RateLimit::owner_default")]
    owner_rate_limit: RateLimit,
    /// Whether checked targets may be on addresses that are not globally routable.
    #[serde(default)]
    allow_private_targets: bool,
    /// Ports a checked target (and each redirect) may be on.
    #[serde(default = "default_check_ports")]
    check_ports: Vec<u16>,
    /// Whether `/metrics` answers.
    #[serde(default = "default_true")]
    metrics: bool,
    /// Whether `/metrics` answers clients on other machines too (else loopback only).
    #[serde(default)]
    metrics_public: bool,
    /// How long a checked target may take to answer, in milliseconds.
    #[serde(default = "default_check_timeout")]
    check_timeout_ms: u64,
    /// How long all the target checks of one request may take, in milliseconds.
    #[serde(default = "default_check_deadline")]
    check_deadline_ms: u64,
    /// Links whose target is kept in memory; 0 turns the cache off.
    #[serde(default = "default_cache_size")]
    cache_size: usize,
}

fn default_ipv6_prefix() -> u8 {
    DEFAULT_IPV6_PREFIX
}

fn default_check_ports() -> Vec<u16> {
    DEFAULT_PORTS.to_vec()
}

fn default_cache_size() -> usize {
    100_000
}

fn default_true() -> bool {
    true
}

fn default_check_timeout() -> u64 {
    3000
}

fn default_check_deadline() -> u64 {
    crate::check::CHECK_DEADLINE.as_millis() as u64
}

fn default_env_name() -> String {
    "development".into()
}

fn default_key_length() -> usize {
    5
}

/// Checked settings, managed as Rocket state.
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
    /// How checked targets are requested, and how many at once.
    pub check: Checker,
    /// Whether `/metrics` answers.
    pub metrics: bool,
    /// Whether `/metrics` answers clients on other machines too (see `metrics::Scraper`).
    pub metrics_public: bool,
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

    /// The settings alone, for operator commands that check data as the server would
    /// (`import` refuses targets on `own_host`, as creation does).
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
        if !(1..=crate::check::CHECK_DEADLINE.as_millis() as u64)
            .contains(&config.check_deadline_ms)
        {
            return Err(format!(
                "check_deadline_ms must be within 1..={}",
                crate::check::CHECK_DEADLINE.as_millis()
            ));
        }
        if !KEY_LENGTHS.contains(&config.key_length) {
            return Err(format!("key_length must be within {KEY_LENGTHS:?}"));
        }
        Ok(Settings {
            base_url: url.as_str().trim_end_matches('/').to_owned(),
            own_hosts,
            env_name: config.env_name,
            key_length: config.key_length,
            check: Checker::new(CheckPolicy {
                allow_private: config.allow_private_targets,
                timeout: std::time::Duration::from_millis(config.check_timeout_ms),
                deadline: std::time::Duration::from_millis(config.check_deadline_ms),
                ports: config.check_ports,
            }),
            metrics: config.metrics,
            metrics_public: config.metrics_public,
        })
    }
}

/// Reads and checks the settings on ignite (a bad value stops the launch with a
/// clear message), and prints where the app serves once it is up.
pub fn fairing() -> AdHoc {
    AdHoc::try_on_ignite("Settings", |rocket| async move {
        match read(rocket.figment()) {
            Ok((settings, limiter, cache, metrics)) => Ok(rocket
                .manage(settings)
                .manage(limiter)
                .manage(cache)
                .manage(metrics)),
            Err(e) => {
                rocket::error!("invalid configuration: {e}");
                Err(rocket)
            }
        }
    })
}

fn read(
    figment: &rocket::figment::Figment,
) -> Result<(Settings, Limiters, LinkCache, Arc<Metrics>), String> {
    let config = figment.extract::<Config>().map_err(|e| e.to_string())?;
    let rocket_config = figment
        .extract::<rocket::Config>()
        .map_err(|e| e.to_string())?;
    let limiter = Limiters {
        create: Limiter::new(config.rate_limit, config.ipv6_prefix)?,
        unlock: Limiter::new(config.unlock_rate_limit, config.ipv6_prefix)?,
        brake: Brake::new(config.password_brake)?,
        owner: Limiter::keyed(config.owner_rate_limit)?,
    };
    let metrics = Metrics::new().map_err(|e| e.to_string())?;
    let cache = LinkCache::new(config.cache_size)
        .counting(metrics.cache_hits.clone(), metrics.cache_misses.clone());
    Ok((
        Settings::from_config(config, &rocket_config)?,
        limiter,
        cache,
        Arc::new(metrics),
    ))
}

/// Logs the environment name once the server listens.
pub fn announce() -> AdHoc {
    AdHoc::on_liftoff("Announce", |rocket| {
        Box::pin(async move {
            if let Some(s) = rocket.state::<Settings>() {
                println!(
                    "shortener: '{}' environment, links on {}",
                    s.env_name, s.base_url
                );
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(base_url: Option<&str>, key_length: usize) -> Result<Settings, String> {
        let config = Config {
            base_url: base_url.map(str::to_owned),
            env_name: "test".into(),
            key_length,
            rate_limit: RateLimit::default(),
            unlock_rate_limit: RateLimit::unlock_default(),
            ipv6_prefix: DEFAULT_IPV6_PREFIX,
            password_brake: BrakeConfig::default(),
            owner_rate_limit: RateLimit::owner_default(),
            allow_private_targets: false,
            check_ports: default_check_ports(),
            check_timeout_ms: 3000,
            check_deadline_ms: default_check_deadline(),
            metrics: true,
            metrics_public: false,
            cache_size: 0,
        };
        Settings::from_config(config, &rocket::Config::default())
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
        assert!(crate::target::TargetUrl::parse("http://SHO.RT./", &s.own_hosts).is_err());
        assert_eq!(s.admin_url("x"), "https://sho.rt/s/admin/x");
    }

    #[test]
    fn unusable_settings_are_refused() {
        assert!(settings(Some("ftp://sho.rt"), 5).is_err());
        assert!(settings(Some("not a url"), 5).is_err());
        assert!(settings(Some("https://sho.rt/?a=b"), 5).is_err());
        assert!(settings(None, 2).is_err());
        assert!(settings(None, 33).is_err());
    }
}
