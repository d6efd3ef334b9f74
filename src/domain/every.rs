//! Human durations in settings (`30s`, `5m`, `6h`, `1d`): how often scheduled work runs.
//! Strict on purpose: a typo such as `1 d` or `1day` stops the start rather than
//! running every second or never.

use std::time::Duration;

/// A whole, positive number of seconds, minutes, hours or days, written as `<n><unit>`.
pub fn parse(text: &str) -> Result<Duration, String> {
    let refused = || {
        format!("`{text}` is not a duration: write a whole number and s, m, h or d, such as 30s, 5m, 6h or 1d")
    };
    let unit = text.chars().last().ok_or_else(refused)?;
    let number = &text[..text.len() - unit.len_utf8()];
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refused());
    }
    let seconds_per: u64 = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        _ => return Err(refused()),
    };
    let count: u64 = number.parse().map_err(|_| refused())?;
    match count.checked_mul(seconds_per) {
        Some(0) => Err(format!("`{text}` is no time at all: give at least 1s")),
        Some(seconds) => Ok(Duration::from_secs(seconds)),
        None => Err(refused()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_minutes_hours_and_days_are_read() {
        assert_eq!(parse("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse("6h"), Ok(Duration::from_secs(21_600)));
        assert_eq!(parse("1d"), Ok(Duration::from_secs(86_400)));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "d",
            "1",
            "0s",
            "1 d",
            " 1d",
            "1d ",
            "1day",
            "1D",
            "-1s",
            "+1s",
            "1.5h",
            "1h30m",
            "é",
            "99999999999999999999d",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was read");
        }
    }
}
