//! Checked targets (the tutorial's "graceful forward"): ask the target before a link
//! is created, without letting anyone use the server to reach addresses it should not
//! (SSRF): every address a name resolves to, and every redirect, is vetted.

use std::error::Error as StdError;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use url::{Host, Url};

use crate::error::{Error, Result};
use crate::target::TargetUrl;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 3;

/// How a checked target may be reached.
#[derive(Debug, Clone, Copy)]
pub struct CheckPolicy {
    /// Allow loopback, private, link-local and unspecified addresses (operators, tests).
    pub allow_private: bool,
    pub timeout: Duration,
}

/// Requests `target` (HEAD, then GET if HEAD is not supported) and says why it is
/// not worth linking to: unreachable, 404/410, 5xx, too slow, or off limits.
pub async fn target(target: &TargetUrl, policy: CheckPolicy) -> Result<()> {
    let url = Url::parse(target.as_str()).map_err(|_| refuse("it is not a URL"))?;
    if !policy.allow_private && !literal_is_public(&url) {
        return Err(refuse(OFF_LIMITS));
    }
    let client = client(policy).map_err(|_| Error::Unavailable)?;
    let mut res = client.head(url.clone()).send().await.map_err(explain)?;
    if matches!(
        res.status(),
        StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_IMPLEMENTED
    ) {
        res = client.get(url).send().await.map_err(explain)?;
    }
    match res.status() {
        status if status.is_server_error() || matches!(status.as_u16(), 404 | 410) => {
            Err(refuse(&format!("it answered {status}")))
        }
        _ => Ok(()),
    }
}

const OFF_LIMITS: &str = "it is on a private or local network address";

fn refuse(why: &str) -> Error {
    Error::TargetCheck(why.to_owned())
}

fn client(policy: CheckPolicy) -> reqwest::Result<Client> {
    let allow_private = policy.allow_private;
    let redirects = Policy::custom(move |attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(Refusal("it redirects more than 3 times"))
        } else if !allow_private && !literal_is_public(attempt.url()) {
            attempt.error(Refusal(OFF_LIMITS))
        } else {
            attempt.follow()
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
    match allow_private {
        true => builder.build(),
        false => builder
            .dns_resolver(std::sync::Arc::new(PublicOnly))
            .build(),
    }
}

/// Turns a failed request into the reason the user sees.
fn explain(e: reqwest::Error) -> Error {
    let mut source = e.source();
    while let Some(inner) = source {
        if let Some(Refusal(why)) = inner.downcast_ref::<Refusal>() {
            return refuse(why);
        }
        source = inner.source();
    }
    match () {
        _ if e.is_timeout() => refuse("it did not answer within the time allowed"),
        _ if e.is_redirect() => refuse("it redirects more than 3 times"),
        _ if e.is_connect() => refuse("it could not be reached"),
        _ => refuse("it did not answer with HTTP"),
    }
}

/// A check refused for a reason of ours (off limits, too many redirects).
#[derive(Debug)]
struct Refusal(&'static str);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl StdError for Refusal {}

/// A resolver that keeps only public addresses, so a name pointing inside the
/// network (or changed to, between checks) is never connected to.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found = rocket::tokio::net::lookup_host((name.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(Box::new(Refusal(OFF_LIMITS)) as Box<dyn StdError + Send + Sync>);
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// False when the URL's host is an IP address that is not public (names are
/// vetted by `PublicOnly` when they are resolved).
fn literal_is_public(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => is_public(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => is_public(IpAddr::V6(ip)),
        Some(Host::Domain(_)) => true,
        None => false,
    }
}

/// Whether an address is on the public internet: not loopback, private, shared,
/// link-local, unspecified, broadcast or multicast (IPv4-mapped IPv6 included).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_pass() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "93.184.215.14",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:1.1.1.1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[rocket::async_test]
    async fn local_targets_are_refused_before_any_request() {
        let policy = CheckPolicy {
            allow_private: false,
            timeout: Duration::from_secs(3),
        };
        for url in [
            "http://127.0.0.1:9/",
            "http://[::1]/",
            "http://localhost:9/",
            "http://169.254.169.254/latest",
        ] {
            let target = TargetUrl::parse(url, "sho.rt").unwrap();
            let refused = super::target(&target, policy).await;
            assert_eq!(
                refused.unwrap_err().to_string(),
                format!("The target URL could not be checked: {OFF_LIMITS}"),
                "{url}"
            );
        }
    }
}
