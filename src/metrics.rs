//! The app's Prometheus metrics: requests by route and status, redirect latency,
//! links created, clicks written (and waiting, and failing to be written), the
//! target cache's hits and misses, database errors by operation and connections the
//! connection watch shut down by reason, scheduled backups, and the version running
//! (`shortener_build_info`). Each app
//! has its own registry (no global recorder), so tests and embedders never share
//! counts. The service counts its own; the web layer meters requests
//! (`web::metrics`) and serves `/metrics`.

use prometheus::{
    Encoder, Gauge, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, IntGaugeVec,
    Opts, Registry, TextEncoder,
};

/// Buckets for redirect latency, in seconds: the hot path answers in well under a millisecond.
const REDIRECT_BUCKETS: &[f64] = &[
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1, 0.5,
];

/// The app's metrics, managed as `Arc<Metrics>` state.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    /// `requests` for the route `follow` and status 307, resolved once.
    redirects: IntCounter,
    redirect_seconds: Histogram,
    /// Links stored (bulk items one by one).
    pub links_created: IntCounter,
    /// Clicks moved from memory to the database.
    pub clicks_written: IntCounter,
    /// Redirects answered from memory, and those that read the database.
    pub cache_hits: IntCounter,
    pub cache_misses: IntCounter,
    /// Clicks counted in memory and not yet written, as of the last flush: it grows
    /// while writes fail (a full disk), so an alert sees clicks at risk.
    pub clicks_pending: IntGauge,
    /// Flushes whose write failed (the clicks stay pending).
    pub click_writes_failed: IntCounter,
    /// When a flush last left no click behind (Unix seconds): still while writes fail.
    pub last_click_write: Gauge,
    /// Database errors that reached an answer (500/503) or failed a click flush, by
    /// operation: an alert on faults before users report them.
    database_errors: IntCounterVec,
    /// Connections the connection watch shut down, by reason.
    connections_shed: IntCounterVec,
    /// Scheduled backups written, and those that failed (`service::backups`).
    pub backups: IntCounter,
    pub backups_failed: IntCounter,
    /// When the last scheduled backup was written (Unix seconds; 0: none yet).
    pub last_backup: Gauge,
}

/// The operation a failed click flush counts under in `shortener_database_errors_total`.
pub const CLICK_WRITE: &str = "click_write";

/// Why the connection watch shut a connection down (the `reason` label): present at
/// zero from the start, so a rule over them never sees a missing series.
pub const SHED_REASONS: [&str; 5] = [
    "header_timeout",
    "slow_body",
    "idle",
    "over_cap",
    "per_address",
];

impl Metrics {
    /// A fresh registry with every metric at zero.
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "shortener_http_requests_total",
                "HTTP requests by route and status",
            ),
            &["route", "status"],
        )?;
        let redirect_seconds = Histogram::with_opts(
            HistogramOpts::new(
                "shortener_redirect_duration_seconds",
                "Time the link service takes to answer GET /{key}",
            )
            .buckets(REDIRECT_BUCKETS.to_vec()),
        )?;
        let database_errors = IntCounterVec::new(
            Opts::new(
                "shortener_database_errors_total",
                "Database errors answered 500/503 (operation: the route) or failing a click flush (operation: click_write)",
            ),
            &["operation"],
        )?;
        let connections_shed = IntCounterVec::new(
            Opts::new(
                "shortener_connections_shed_total",
                "Connections the connection watch shut down, by reason",
            ),
            &["reason"],
        )?;
        database_errors.with_label_values(&[CLICK_WRITE]);
        // Prometheus' "info" convention: a constant 1 whose label carries the value,
        // so a dashboard can join it to any other series or show which release runs.
        let build_info = IntGaugeVec::new(
            Opts::new(
                "shortener_build_info",
                "The version running (label); always 1",
            ),
            &["version"],
        )?;
        build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);
        for reason in SHED_REASONS {
            connections_shed.with_label_values(&[reason]);
        }
        let counter = |name: &str, help: &str| IntCounter::new(name, help);
        let metrics = Metrics {
            links_created: counter("shortener_links_created_total", "Links stored")?,
            clicks_written: counter(
                "shortener_clicks_written_total",
                "Clicks written from memory to the database",
            )?,
            cache_hits: counter(
                "shortener_cache_hits_total",
                "Redirects answered from the in-memory link cache",
            )?,
            cache_misses: counter(
                "shortener_cache_misses_total",
                "Redirects that read the database",
            )?,
            clicks_pending: IntGauge::new(
                "shortener_clicks_pending",
                "Clicks counted in memory and not yet written, as of the last flush",
            )?,
            click_writes_failed: counter(
                "shortener_click_writes_failed_total",
                "Click flushes whose write failed (the clicks stay in memory)",
            )?,
            last_click_write: Gauge::new(
                "shortener_last_click_write_timestamp_seconds",
                "When a flush last wrote every pending click (Unix time)",
            )?,
            backups: counter("shortener_backups_total", "Scheduled backups written")?,
            backups_failed: counter(
                "shortener_backups_failed_total",
                "Scheduled backups that failed (the log says why)",
            )?,
            last_backup: Gauge::new(
                "shortener_last_backup_timestamp_seconds",
                "When the last scheduled backup was written (Unix time; 0: none yet)",
            )?,
            redirects: requests.with_label_values(&["follow", "307"]),
            database_errors,
            connections_shed,
            registry,
            requests,
            redirect_seconds,
        };
        metrics
            .registry
            .register(Box::new(metrics.requests.clone()))?;
        metrics
            .registry
            .register(Box::new(metrics.redirect_seconds.clone()))?;
        for counter in [
            &metrics.links_created,
            &metrics.clicks_written,
            &metrics.cache_hits,
            &metrics.cache_misses,
        ] {
            metrics.registry.register(Box::new(counter.clone()))?;
        }
        let registry = &metrics.registry;
        registry.register(Box::new(metrics.click_writes_failed.clone()))?;
        registry.register(Box::new(metrics.clicks_pending.clone()))?;
        registry.register(Box::new(metrics.last_click_write.clone()))?;
        registry.register(Box::new(metrics.database_errors.clone()))?;
        registry.register(Box::new(metrics.connections_shed.clone()))?;
        registry.register(Box::new(build_info))?;
        registry.register(Box::new(metrics.backups.clone()))?;
        registry.register(Box::new(metrics.backups_failed.clone()))?;
        registry.register(Box::new(metrics.last_backup.clone()))?;
        Ok(metrics)
    }

    /// Counts one response of `route` (a handler's name) with `status`.
    pub fn count_response(&self, route: &str, status: u16) {
        if status == 307 && route == "follow" {
            // The redirect's counter, found once: most responses are this one.
            return self.redirects.inc();
        }
        let code = itoa_status(status);
        let code = std::str::from_utf8(&code).unwrap_or("000");
        self.requests.with_label_values(&[route, code]).inc();
    }

    /// Counts one database error of `operation` (a handler's name, or `CLICK_WRITE`).
    pub fn count_database_error(&self, operation: &str) {
        self.database_errors.with_label_values(&[operation]).inc();
    }

    /// Counts `count` connections shut down for `reason` (one of `SHED_REASONS`).
    pub fn count_shed(&self, reason: &str, count: u64) {
        if count > 0 {
            self.connections_shed
                .with_label_values(&[reason])
                .inc_by(count);
        }
    }

    /// Times one redirect, in seconds.
    pub fn observe_redirect(&self, seconds: f64) {
        self.redirect_seconds.observe(seconds);
    }

    /// Every metric in Prometheus' text format.
    pub fn render(&self) -> String {
        let mut text = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut text) {
            rocket::error!("encoding metrics failed: {e}");
        }
        String::from_utf8(text).unwrap_or_default()
    }
}

/// A status code's three digits, without allocating.
fn itoa_status(status: u16) -> [u8; 3] {
    let status = status.min(999);
    [
        b'0' + (status / 100) as u8,
        b'0' + (status / 10 % 10) as u8,
        b'0' + (status % 10) as u8,
    ]
}
