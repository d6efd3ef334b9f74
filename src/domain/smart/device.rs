//! Which kind of device a visitor uses, from the User-Agent, for `device` rules:
//! parsed with Woothee's shared dataset rather than patterns of our own.

use serde::{Deserialize, Serialize};

/// A device a rule may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Device {
    /// iPhone, iPad (before iPadOS 13, which reports itself as a Mac) and iPod.
    Ios,
    /// Android phones and tablets.
    Android,
    /// Any phone or tablet: iOS, Android and the others.
    Mobile,
    /// A desktop or laptop computer.
    Desktop,
}

/// What a visitor's User-Agent says about its device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    Ios,
    Android,
    /// A phone or tablet of another system.
    OtherMobile,
    Desktop,
    /// A crawler, a tool, or nothing recognisable: matches no `device` rule.
    Unknown,
}

impl Device {
    /// Every device, as the API and the forms spell them.
    pub const ALL: [Device; 4] = [
        Device::Ios,
        Device::Android,
        Device::Mobile,
        Device::Desktop,
    ];

    /// The name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Device::Ios => "ios",
            Device::Android => "android",
            Device::Mobile => "mobile",
            Device::Desktop => "desktop",
        }
    }

    /// The device named `word` (`ios`, `android`, `mobile`, `desktop`).
    pub fn named(word: &str) -> Option<Device> {
        Device::ALL.into_iter().find(|d| d.as_str() == word)
    }

    /// Whether a visitor on `seen` is on this device.
    pub fn holds_for(self, seen: Seen) -> bool {
        match self {
            Device::Ios => seen == Seen::Ios,
            Device::Android => seen == Seen::Android,
            Device::Mobile => matches!(seen, Seen::Ios | Seen::Android | Seen::OtherMobile),
            Device::Desktop => seen == Seen::Desktop,
        }
    }

    /// The device a peek asks about stands for a visitor seen as this.
    pub fn as_seen(self) -> Seen {
        match self {
            Device::Ios => Seen::Ios,
            Device::Android => Seen::Android,
            Device::Mobile => Seen::OtherMobile,
            Device::Desktop => Seen::Desktop,
        }
    }
}

impl Seen {
    /// The device a User-Agent describes.
    pub fn of(user_agent: Option<&str>) -> Seen {
        let Some(parsed) = user_agent.and_then(|ua| woothee::parser::Parser::new().parse(ua))
        else {
            return Seen::Unknown;
        };
        match (parsed.category, parsed.os) {
            (_, "iPhone" | "iPad" | "iPod") => Seen::Ios,
            (_, "Android") => Seen::Android,
            ("smartphone" | "mobilephone", _) => Seen::OtherMobile,
            ("pc", _) => Seen::Desktop,
            _ => Seen::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_user_agents_are_seen_as_their_devices() {
        let cases = [
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", Seen::Ios),
            ("Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1", Seen::Ios),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", Seen::Ios),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", Seen::Android),
            ("Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36", Seen::Android),
            ("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", Seen::Android),
            ("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", Seen::Android),
            ("Mozilla/5.0 (BlackBerry; U; BlackBerry 9900; en) AppleWebKit/534.11+ (KHTML, like Gecko) Version/7.1.0.346 Mobile Safari/534.11+", Seen::OtherMobile),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", Seen::Desktop),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", Seen::Desktop),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", Seen::Desktop),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", Seen::Desktop),
            ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", Seen::Unknown),
            ("curl/8.5.0", Seen::Unknown),
        ];
        for (ua, seen) in cases {
            assert_eq!(Seen::of(Some(ua)), seen, "{ua}");
        }
        assert_eq!(Seen::of(None), Seen::Unknown);
    }

    #[test]
    fn mobile_covers_every_phone_and_desktop_none() {
        for seen in [Seen::Ios, Seen::Android, Seen::OtherMobile] {
            assert!(Device::Mobile.holds_for(seen));
            assert!(!Device::Desktop.holds_for(seen));
        }
        assert!(Device::Desktop.holds_for(Seen::Desktop));
        assert!(!Device::Ios.holds_for(Seen::Android));
        for device in Device::ALL {
            assert!(!device.holds_for(Seen::Unknown));
            assert_eq!(Device::named(device.as_str()), Some(device));
        }
    }
}
