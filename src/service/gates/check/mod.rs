//! Checked targets (the tutorial's "graceful forward"): ask the target before a link
//! is created, without letting anyone use the server to reach addresses it should not
//! (SSRF) or to flood a third party (amplification):
//! - only globally routable unicast addresses, on the allowed ports, are ever
//!   connected to; every address a name resolves to, and every redirect, is vetted;
//! - few checks run at once, across the app and within one (bulk) request;
//! - the user learns only that the check failed, never why: the reason would tell
//!   open from closed ports and existing from missing internal names.

use std::error::Error as StdError;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use rocket::tokio::sync::Semaphore;
use rocket::tokio::time::Instant;
use url::{Host, Url};

use crate::domain::target::TargetUrl;
use crate::error::{Error, Result};
use crate::settings::CheckPolicy;

mod addresses;

pub use addresses::is_global;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 3;

/// Checks in flight across the whole app, so no burst of requests makes it flood a target.
pub const MAX_CHECKS: usize = 4;

/// Checks in flight for one request, so one bulk create cannot take every app-wide slot.
pub const MAX_CHECKS_PER_REQUEST: usize = 2;

/// Runs checks under the policy, a few at a time: the app-wide slots are shared by
/// every clone; `for_request` adds slots of one request's own.
#[derive(Debug, Clone)]
pub struct Checker {
    policy: Arc<CheckPolicy>,
    app: Arc<Semaphore>,
    request: Option<Arc<Semaphore>>,
    /// When this request's checks must be done; `None`: each check gets its own.
    deadline: Option<Instant>,
}

impl Checker {
    /// The app's checker: create once, share by cloning.
    pub fn new(policy: CheckPolicy) -> Checker {
        Checker {
            policy: Arc::new(policy),
            app: Arc::new(Semaphore::new(MAX_CHECKS)),
            request: None,
            deadline: None,
        }
    }

    /// A checker for one request that checks many targets (bulk create): at most
    /// `MAX_CHECKS_PER_REQUEST` of its checks run at once, within the app-wide cap,
    /// and all of them must be done within the policy's `deadline` from now.
    pub fn for_request(&self) -> Checker {
        Checker {
            request: Some(Arc::new(Semaphore::new(MAX_CHECKS_PER_REQUEST))),
            deadline: Some(Instant::now() + self.policy.deadline),
            ..self.clone()
        }
    }

    /// Requests `target` (HEAD, then GET if HEAD is not supported) and refuses it,
    /// with one generic error, when it is off limits, unreachable, 404/410, 5xx or slow,
    /// or when it is not done by the request's deadline (waiting for a slot included).
    pub async fn target(&self, target: &TargetUrl) -> Result<()> {
        self.target_read(target, false).await.map(|_| ())
    }

    /// As `target`, with a `GET`, and the page's `<title>` when it has one (read from
    /// at most `TITLE_READ` bytes of it): what fills an empty link title.
    pub async fn target_titled(&self, target: &TargetUrl) -> Result<Option<String>> {
        self.target_read(target, true).await
    }

    async fn target_read(&self, target: &TargetUrl, titled: bool) -> Result<Option<String>> {
        let deadline = self
            .deadline
            .unwrap_or_else(|| Instant::now() + self.policy.deadline);
        let checked = match Instant::now() < deadline {
            true => {
                let check = self.check_in_turn(target, titled);
                rocket::tokio::time::timeout_at(deadline, check).await
            }
            false => Ok(Err(Checked::Refused(Why::Deadline))),
        };
        let refused = match checked {
            Ok(Ok(done)) => return Ok(done),
            Ok(Err(Checked::Unavailable(why))) => {
                rocket::error!("a target check could not run: {why}");
                return Err(Error::Unavailable);
            }
            Ok(Err(Checked::Refused(why))) => why,
            Err(_) => Why::Deadline,
        };
        rocket::info!("target check refused: {refused}");
        Err(Error::TargetCheck)
    }

    /// Waits for slots, then runs the check.
    async fn check_in_turn(
        &self,
        target: &TargetUrl,
        titled: bool,
    ) -> Result<Option<String>, Checked> {
        // The request's own slot first, so a waiting bulk item holds no app-wide slot.
        let _mine = match &self.request {
            Some(slots) => Some(slots.acquire().await.map_err(|_| closed())?),
            None => None,
        };
        let _app = self.app.acquire().await.map_err(|_| closed())?;
        let client = client(&self.policy)
            .map_err(|e| Checked::Unavailable(format!("no HTTP client: {e}")))?;
        run(&client, target, &self.policy, titled)
            .await
            .map_err(Checked::Refused)
    }
}

/// The check's slots are closed: the app is stopping.
fn closed() -> Checked {
    Checked::Unavailable("the check slots are closed".into())
}

/// How a check that did not pass ended: the app could not run it (why, for the
/// log), or the target failed.
enum Checked {
    Unavailable(String),
    Refused(Why),
}

/// Why a check failed: for the log and the tests, never for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    NotAUrl,
    OffLimits,
    Port,
    TooManyRedirects,
    Timeout,
    Unreachable,
    NotHttp,
    Answered(StatusCode),
    Deadline,
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::NotAUrl => f.write_str("it is not a URL"),
            Why::OffLimits => f.write_str("it is not a globally routable address"),
            Why::Port => f.write_str("its port is not allowed"),
            Why::TooManyRedirects => write!(f, "it redirects more than {MAX_REDIRECTS} times"),
            Why::Timeout => f.write_str("it did not answer within the time allowed"),
            Why::Unreachable => f.write_str("it could not be reached"),
            Why::NotHttp => f.write_str("it did not answer with HTTP"),
            Why::Answered(status) => write!(f, "it answered {status}"),
            Why::Deadline => f.write_str("the request's checks ran out of time"),
        }
    }
}

/// How much of a page is read for its title.
const TITLE_READ: usize = 64 * 1024;

async fn run(
    client: &Client,
    target: &TargetUrl,
    policy: &CheckPolicy,
    titled: bool,
) -> Result<Option<String>, Why> {
    let url = Url::parse(target.as_str()).map_err(|_| Why::NotAUrl)?;
    vet(&url, policy)?;
    let mut res = match titled {
        true => client.get(url.clone()).send().await.map_err(explain)?,
        false => client.head(url.clone()).send().await.map_err(explain)?,
    };
    if matches!(
        res.status(),
        StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_IMPLEMENTED
    ) {
        res = client.get(url).send().await.map_err(explain)?;
    }
    match res.status() {
        status if status.is_server_error() || matches!(status.as_u16(), 404 | 410) => {
            Err(Why::Answered(status))
        }
        _ if titled => Ok(page_title(res).await),
        _ => Ok(None),
    }
}

/// The `<title>` of an HTML answer, read from its first `TITLE_READ` bytes; `None`
/// for anything else, or a page without one.
async fn page_title(mut res: reqwest::Response) -> Option<String> {
    let html = res
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("html"));
    if !html {
        return None;
    }
    let mut head = Vec::new();
    while head.len() < TITLE_READ {
        match res.chunk().await {
            Ok(Some(chunk)) => head.extend_from_slice(&chunk),
            _ => break,
        }
    }
    head.truncate(TITLE_READ);
    crate::domain::annotation::title_in_html(&String::from_utf8_lossy(&head))
}

/// What may be asked before connecting: the port, and the address when it is literal
/// (names are vetted by `GlobalOnly` when they are resolved).
fn vet(url: &Url, policy: &CheckPolicy) -> Result<(), Why> {
    if !url
        .port_or_known_default()
        .is_some_and(|port| policy.ports.contains(&port))
    {
        return Err(Why::Port);
    }
    if !policy.allow_private && !literal_is_global(url) {
        return Err(Why::OffLimits);
    }
    Ok(())
}

fn client(policy: &CheckPolicy) -> reqwest::Result<Client> {
    let vetting = policy.clone();
    let redirects = Policy::custom(move |attempt| {
        // `previous` holds every URL asked so far, the first one included.
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error(Refusal(Why::TooManyRedirects));
        }
        match vet(attempt.url(), &vetting) {
            Ok(()) => attempt.follow(),
            Err(why) => attempt.error(Refusal(why)),
        }
    });
    let builder = Client::builder()
        .timeout(policy.timeout)
        .redirect(redirects)
        .no_proxy()
        .user_agent(concat!(
            "shortener/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ));
    match policy.allow_private {
        true => builder.build(),
        false => builder.dns_resolver(Arc::new(GlobalOnly)).build(),
    }
}

/// Turns a failed request into the reason for the log.
fn explain(e: reqwest::Error) -> Why {
    let mut source = e.source();
    while let Some(inner) = source {
        if let Some(Refusal(why)) = inner.downcast_ref::<Refusal>() {
            return *why;
        }
        source = inner.source();
    }
    match () {
        _ if e.is_timeout() => Why::Timeout,
        _ if e.is_redirect() => Why::TooManyRedirects,
        _ if e.is_connect() => Why::Unreachable,
        _ => Why::NotHttp,
    }
}

/// A check refused for a reason of ours (off limits, port, too many redirects).
#[derive(Debug)]
struct Refusal(Why);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl StdError for Refusal {}

/// A resolver that keeps only global addresses, so a name pointing inside the
/// network (or changed to, between checks) is never connected to.
struct GlobalOnly;

impl Resolve for GlobalOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found = rocket::tokio::net::lookup_host((name.as_str(), 0)).await?;
            let global: Vec<SocketAddr> = found.filter(|a| is_global(a.ip())).collect();
            if global.is_empty() {
                return Err(Box::new(Refusal(Why::OffLimits)) as Box<dyn StdError + Send + Sync>);
            }
            Ok(Box::new(global.into_iter()) as Addrs)
        })
    }
}

/// False when the URL's host is an IP address that is not global.
fn literal_is_global(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => is_global(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => is_global(IpAddr::V6(ip)),
        Some(Host::Domain(_)) => true,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::CHECK_DEADLINE;
    use std::time::Duration;

    /// The ports of the compiled-in settings.
    const DEFAULT_PORTS: [u16; 2] = [80, 443];

    fn policy(allow_private: bool, ports: &[u16]) -> CheckPolicy {
        CheckPolicy {
            allow_private,
            timeout: Duration::from_secs(3),
            deadline: CHECK_DEADLINE,
            ports: ports.to_vec(),
        }
    }

    #[test]
    fn only_ports_80_and_443_pass_unless_more_are_allowed() {
        let default = policy(false, &DEFAULT_PORTS);
        let url = |s: &str| Url::parse(s).unwrap();
        assert_eq!(vet(&url("http://93.184.215.14/"), &default), Ok(()));
        assert_eq!(vet(&url("https://93.184.215.14/"), &default), Ok(()));
        assert_eq!(vet(&url("https://example.com:443/"), &default), Ok(()));
        for other in [
            "http://93.184.215.14:8080/",
            "https://example.com:22/",
            "http://example.com:6379/",
            "https://example.com:8443/",
        ] {
            assert_eq!(vet(&url(other), &default), Err(Why::Port), "{other}");
        }
        let private = policy(true, &DEFAULT_PORTS);
        assert_eq!(
            vet(&url("http://127.0.0.1:6379/"), &private),
            Err(Why::Port),
            "allowing private addresses does not allow ports"
        );
        let more = policy(false, &[80, 443, 8080]);
        assert_eq!(vet(&url("http://93.184.215.14:8080/"), &more), Ok(()));
    }

    #[rocket::async_test]
    async fn off_limits_targets_are_refused_before_any_request() {
        let policy = policy(false, &[80, 443, 9]);
        let client = client(&policy).unwrap();
        for url in [
            "http://127.0.0.1:9/",
            "http://[::1]/",
            "http://localhost:9/",
            "http://169.254.169.254/latest",
            "http://[64:ff9b::7f00:1]/",
            "http://[64:ff9b:1::a00:1]/",
            "http://[2002:7f00:1::]/",
            "http://[::127.0.0.1]/",
            "http://[fec0::1]/",
            "http://198.18.0.1/",
            "http://192.0.0.1/",
            "http://240.0.0.1/",
        ] {
            let target = TargetUrl::parse(url, &Default::default()).unwrap();
            let refused = run(&client, &target, &policy, false).await;
            assert_eq!(refused, Err(Why::OffLimits), "{url}");
        }
    }

    #[rocket::async_test]
    async fn every_refusal_reads_the_same() {
        let checker = Checker::new(policy(false, &DEFAULT_PORTS));
        for url in ["http://10.0.0.1/", "http://93.184.215.14:8080/"] {
            let target = TargetUrl::parse(url, &Default::default()).unwrap();
            let refused = checker.target(&target).await.unwrap_err();
            assert_eq!(refused.to_string(), "The target URL could not be checked");
        }
    }
}
