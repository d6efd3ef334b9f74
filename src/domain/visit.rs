//! What a click tells owners about where it came from, and nothing more: the
//! referring host (never the full URL) and a coarse client class (never the user agent).

use std::borrow::Cow;

use serde::Serialize;

/// A coarse kind of client, from the User-Agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Client {
    Browser,
    Bot,
    Other,
}

/// Words that crawlers, link unfurlers, mail scanners and monitors put in their
/// User-Agent, matched as whole words (runs of letters and digits), never inside one:
/// a phone named `CUBOT` is not a bot. With the names below (Slackbot, Discordbot,
/// TelegramBot, Twitterbot, LinkedInBot, Googlebot, bingbot, ...), see `is_bot`.
const BOT_WORDS: &[&str] = &[
    "bot",
    "robot",
    "crawl",
    "crawler",
    "spider",
    "slurp",
    "scanner",
    "preview",
    "skypeuripreview",
    "facebookexternalhit",
    "facebookcatalog",
    "whatsapp",
    "embedly",
    "monitor",
    "lighthouse",
    "msoffice",
    "safelinks",
    "barracuda",
    "mimecast",
    "proofpoint",
    "urldefense",
];

/// Two words in a row that name a link checker (`ms-office`, `Microsoft Office`).
const BOT_PAIRS: &[(&str, &str)] = &[("ms", "office"), ("microsoft", "office")];

/// Endings of a product's name that make it a crawler (`Googlebot/2.1`,
/// `Slackbot-LinkExpanding`, `Baiduspider`): counted only for a name that is a
/// product (followed by `/` or `-`, after `compatible;`, or the User-Agent's first
/// word), not a device's.
const BOT_ENDINGS: &[&str] = &["bot", "spider", "crawler"];

/// Whether the lower-cased User-Agent `ua` says it is a crawler, previewer or scanner.
fn is_bot(ua: &str) -> bool {
    let bytes = ua.as_bytes();
    let mut previous = "";
    let mut at = 0;
    let mut first = true;
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        let word = &ua[start..at];
        let product =
            first || matches!(bytes.get(at), Some(b'/' | b'-')) || previous == "compatible";
        let named = BOT_WORDS.contains(&word)
            || BOT_PAIRS.contains(&(previous, word))
            || word.starts_with("headless")
            || (product && BOT_ENDINGS.iter().any(|end| word.ends_with(end)));
        if named {
            return true;
        }
        previous = word;
        first = false;
    }
    false
}

impl Client {
    /// Every class, in the order `index` gives.
    pub const ALL: [Client; 3] = [Client::Browser, Client::Bot, Client::Other];

    /// The class's place in `ALL`, for counting by class in an array.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The class of a User-Agent: bots first (they often claim to be Mozilla), then
    /// browsers (`Mozilla/`, `Opera/`); libraries, tools and no User-Agent are `Other`.
    pub fn of(user_agent: Option<&str>) -> Client {
        let Some(ua) = user_agent else {
            return Client::Other;
        };
        // Lower-cased on the stack when it fits, as browsers' do: no allocation per click.
        let mut buffer = [0u8; 512];
        let owned;
        let ua = match buffer.get_mut(..ua.len()) {
            Some(lower) => {
                lower.copy_from_slice(ua.as_bytes());
                lower.make_ascii_lowercase();
                std::str::from_utf8(lower).unwrap_or_default()
            }
            None => {
                owned = ua.to_ascii_lowercase();
                owned.as_str()
            }
        };
        if is_bot(ua) {
            Client::Bot
        } else if ua.starts_with("mozilla/") || ua.starts_with("opera/") {
            Client::Browser
        } else {
            Client::Other
        }
    }

    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Client::Browser => "browser",
            Client::Bot => "bot",
            Client::Other => "other",
        }
    }
}

/// Shown for clicks that sent no `Referer`.
pub const DIRECT: &str = "direct";
/// Shown for clicks whose `Referer` named no host.
pub const UNKNOWN: &str = "unknown";

/// The longest host name DNS allows; anything longer is not a host.
const MAX_HOST: usize = 253;

/// The host of a `Referer` value, lower-cased; `None` when it names none.
pub fn referrer_host(referer: &str) -> Option<String> {
    let url = url::Url::parse(referer.trim()).ok()?;
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty() && host.len() <= MAX_HOST).then_some(host)
}

/// One click's origin, as counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Visit {
    /// The referring host, `direct` or `unknown` (those two borrowed: most redirects
    /// carry no `Referer`, and the hot path need not allocate for them).
    pub referrer: Cow<'static, str>,
    pub client: Client,
}

impl Visit {
    /// The visit described by these request headers.
    pub fn from_headers(referer: Option<&str>, user_agent: Option<&str>) -> Visit {
        let referrer = match referer {
            None => Cow::Borrowed(DIRECT),
            Some(value) => referrer_host(value).map_or(Cow::Borrowed(UNKNOWN), Cow::Owned),
        };
        Visit {
            referrer,
            client: Client::of(user_agent),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_referrer_is_reduced_to_its_host() {
        let visit = Visit::from_headers(Some("https://News.YCombinator.com./item?id=1"), None);
        assert_eq!(&*visit.referrer, "news.ycombinator.com");
        assert_eq!(&*Visit::from_headers(None, None).referrer, DIRECT);
        for bad in [
            "",
            "not a url",
            "data:text/plain,hi",
            "https://",
            "/relative",
        ] {
            assert_eq!(
                &*Visit::from_headers(Some(bad), None).referrer,
                UNKNOWN,
                "{bad}"
            );
        }
    }

    #[test]
    fn real_user_agents_are_classed() {
        let cases = [
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", Client::Browser),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", Client::Browser),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", Client::Browser),
            ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", Client::Bot),
            ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", Client::Bot),
            ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", Client::Bot),
            ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", Client::Bot),
            ("Twitterbot/1.0", Client::Bot),
            ("WhatsApp/2.23.20.0 A", Client::Bot),
            ("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", Client::Bot),
            ("TelegramBot (like TwitterBot)", Client::Bot),
            ("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", Client::Bot),
            ("Mozilla/4.0 (compatible; ms-office; MSOffice 16)", Client::Bot),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Barracuda", Client::Bot),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", Client::Bot),
            ("curl/8.5.0", Client::Other),
            ("python-requests/2.32.3", Client::Other),
        ];
        for (ua, class) in cases {
            assert_eq!(Client::of(Some(ua)), class, "{ua}");
        }
        assert_eq!(Client::of(None), Client::Other);
    }

    #[test]
    fn markers_match_whole_words_so_browsers_on_every_platform_stay_browsers() {
        let browsers = [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 10; CUBOT NOTE 20) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11; CUBOT_X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 12; KingKong 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Mobile Safari/537.36",
        ];
        let scanners = [
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
            "TelegramBot (like TwitterBot)",
            "WhatsApp/2.23.20.0 A",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
            "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
            "Mozilla/5.0 (compatible; DuckDuckBot-Https/1.1; https://duckduckgo.com/duckduckbot)",
            "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
            "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
        ];
        let libraries = [
            "curl/8.5.0",
            "python-requests/2.32.3",
            "Go-http-client/1.1",
            "Wget/1.21.4",
            "okhttp/4.12.0",
            "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
            "Java/17.0.9",
            "",
        ];
        for ua in browsers {
            assert_eq!(Client::of(Some(ua)), Client::Browser, "{ua}");
        }
        for ua in scanners {
            assert_eq!(Client::of(Some(ua)), Client::Bot, "{ua}");
        }
        for ua in libraries {
            assert_ne!(Client::of(Some(ua)), Client::Browser, "{ua}");
        }
        assert_eq!(Client::of(None), Client::Other);
    }
}
