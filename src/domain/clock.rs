//! The time the app acts on: the system clock, or a time fixed by a test, so
//! histories and expiry can be checked on chosen days without sleeping.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::RwLock;

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Managed as Rocket state; every "now" the app uses comes from here.
#[derive(Debug, Default)]
pub struct Clock {
    fixed: RwLock<Option<OffsetDateTime>>,
    /// Whether `fixed` may hold a time: while not, `now` takes no lock (every redirect asks).
    ever_fixed: AtomicBool,
}

impl Clock {
    /// The current time in UTC.
    pub fn now(&self) -> OffsetDateTime {
        if !self.ever_fixed.load(Ordering::Acquire) {
            return OffsetDateTime::now_utc();
        }
        let fixed = *self.fixed.read().unwrap_or_else(|e| e.into_inner());
        fixed.unwrap_or_else(OffsetDateTime::now_utc)
    }

    /// Stops the clock at `at` (tests); `None` lets it run again.
    pub fn set(&self, at: Option<OffsetDateTime>) {
        let at = at.map(|at| utc(at).unwrap_or(at));
        *self.fixed.write().unwrap_or_else(|e| e.into_inner()) = at;
        self.ever_fixed.store(true, Ordering::Release);
    }
}

/// A time as stored and shown: UTC, whole seconds, `2026-11-28T14:00:00Z`, so stored
/// times compare correctly as text.
pub fn stamp(at: OffsetDateTime) -> String {
    let at = utc(at).unwrap_or(at);
    let at = at.replace_nanosecond(0).unwrap_or(at);
    at.format(&Rfc3339).unwrap_or_default()
}

/// `at` in UTC, if it is a time the app can keep: one whose UTC year is 0000 to
/// 9999, as a stamp writes it. A time written at the edge of that range with an
/// offset (`9999-12-31T23:59:59-01:00`) falls outside it in UTC: `None`, never a panic.
pub fn utc(at: OffsetDateTime) -> Option<OffsetDateTime> {
    at.checked_to_offset(UtcOffset::UTC)
        .filter(|at| (0..=9999).contains(&at.year()))
}

/// Why a written time was refused, so each field can say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadTime {
    /// Not RFC 3339 nor a browser's date-time.
    Format,
    /// Well written, but not a time in the years 0000 to 9999 in UTC.
    Range,
}

/// A time as people and programs write it: RFC 3339 (`2026-12-01T09:00:00+01:00`), or
/// what a browser's date-time field sends (`2026-12-01T09:00`, taken as UTC), in UTC.
pub fn read(raw: &str) -> Result<OffsetDateTime, BadTime> {
    let raw = raw.trim();
    let at = match OffsetDateTime::parse(raw, &Rfc3339) {
        Ok(at) => at,
        Err(_) => {
            let minutes = format_description!("[year]-[month]-[day]T[hour]:[minute]");
            let seconds = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
            PrimitiveDateTime::parse(raw, minutes)
                .or_else(|_| PrimitiveDateTime::parse(raw, seconds))
                .map_err(|_| BadTime::Format)?
                .assume_utc()
        }
    };
    utc(at).ok_or(BadTime::Range)
}

/// `read`, for callers that need not say why a time was refused.
pub fn parse(raw: &str) -> Option<OffsetDateTime> {
    read(raw).ok()
}

/// A UTC day as stored and shown: `2026-11-28`.
pub fn day(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn stamps_are_utc_whole_seconds() {
        assert_eq!(
            stamp(datetime!(2026-11-28 15:04:05.678 +01:00)),
            "2026-11-28T14:04:05Z"
        );
    }

    #[test]
    fn times_are_read_as_rfc_3339_or_as_a_browser_sends_them() {
        let utc = |raw| parse(raw).map(stamp);
        assert_eq!(
            utc("2026-12-01T09:00:00+01:00").unwrap(),
            "2026-12-01T08:00:00Z"
        );
        assert_eq!(utc("2026-12-01T09:00").unwrap(), "2026-12-01T09:00:00Z");
        assert_eq!(utc("2026-12-01T09:00:30").unwrap(), "2026-12-01T09:00:30Z");
        for bad in [
            "",
            "tomorrow",
            "2026-13-01T00:00",
            "2026-12-01",
            "2026-12-01 09:00",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_outside_the_years_a_stamp_can_write_are_refused_not_a_panic() {
        assert_eq!(read("9999-12-31T23:59:59-01:00"), Err(BadTime::Range));
        assert_eq!(read("0000-01-01T00:00:00+01:00"), Err(BadTime::Range));
        assert_eq!(read("not a time"), Err(BadTime::Format));
        assert_eq!(
            read("9999-12-31T23:59:59+01:00").map(stamp).unwrap(),
            "9999-12-31T22:59:59Z"
        );
        assert_eq!(utc(datetime!(9999-12-31 23:59:59 -01:00)), None);
        assert_eq!(
            stamp(datetime!(2026-11-28 15:04:05 +01:00)),
            "2026-11-28T14:04:05Z"
        );
    }

    #[test]
    fn a_set_clock_stays_put_until_released() {
        let clock = Clock::default();
        clock.set(Some(datetime!(2020-01-02 03:04:05 UTC)));
        assert_eq!(day(clock.now().date()), "2020-01-02");
        clock.set(None);
        assert!(clock.now().year() >= 2026);
    }
}
