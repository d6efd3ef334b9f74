//! Clicks on one link waiting to be written, kept so that counting a click allocates
//! (nearly) nothing: per UTC day, per referring host, per client class and per smart
//! link choice, bounded per link however long writes fail.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use time::{Date, OffsetDateTime};

use super::history::{History, PLACELESS, REFERRER_HOSTS};
use crate::domain::clock::{day, stamp};
use crate::domain::smart::Choice;
use crate::domain::visit::{Client, Visit};
use crate::service::store::Link;

/// Where `OTHER_HOSTS` is in `PLACELESS`.
const OTHER_PLACE: usize = 2;

/// Days one link's pending clicks keep apart. Clicks wait in memory only while writes
/// fail, so this bounds a link's memory through an outage of any length: once a
/// link's clicks span more days, its oldest day is added to the next oldest, so
/// every total stays exact and only the oldest days of a very long outage are merged.
pub const MAX_PENDING_DAYS: usize = 31;

/// Clicks on one link not yet in the database. Laid out so that counting a click
/// allocates nothing but, for a referring host seen first, its name: nearly every
/// click of a second falls on one day, and clients and the `PLACELESS` referrers are
/// a few fixed counts. What few links have waits behind one pointer (`More`), so a
/// second's clicks on 10,000 links take about 1 MB rather than 2.
#[derive(Debug, Default)]
pub struct Pending {
    pub total: i64,
    pub last_at: Option<OffsetDateTime>,
    /// Clicks on the first UTC day (later days are in `More`).
    day: Option<(Date, i64)>,
    /// Clicks per client class, in `Client::ALL` order.
    clients: [i64; 3],
    /// Clicks under each `PLACELESS` name, in that order.
    placeless: [i64; 3],
    more: Option<Box<More>>,
}

/// The rarer part of a link's pending clicks.
#[derive(Debug, Default)]
struct More {
    /// Clicks per UTC day after the first.
    days: Vec<(Date, i64)>,
    /// Clicks per named referring host, at most `REFERRER_HOSTS` of them.
    hosts: HashMap<Box<str>, i64>,
    /// Clicks of a smart link per UTC day and the rule or variant that took them
    /// (at most 25 choices a day).
    choices: Vec<(Date, Choice, i64)>,
}

/// Nothing, for the iterators over a `More` that is not there.
static NO_MORE: std::sync::LazyLock<More> = std::sync::LazyLock::new(More::default);

impl Pending {
    /// One click; `counted` when its total is already in the database (`max_clicks`).
    pub(super) fn add(&mut self, visit: &Visit, at: OffsetDateTime, counted: bool) {
        self.total += i64::from(!counted);
        self.last_at = self.last_at.max(Some(at));
        self.add_day(crate::domain::clock::utc(at).unwrap_or(at).date(), 1);
        self.add_referrer(&visit.referrer, 1);
        self.clients[visit.client.index()] += 1;
    }

    fn add_day(&mut self, date: Date, count: i64) {
        match &mut self.day {
            Some((first, n)) if *first == date => *n += count,
            None => self.day = Some((date, count)),
            Some(_) => {
                let days = &mut self.more_mut().days;
                match days.iter_mut().find(|(d, _)| *d == date) {
                    Some((_, n)) => *n += count,
                    None => {
                        days.push((date, count));
                        if days.len() >= MAX_PENDING_DAYS {
                            self.merge_oldest_day();
                        }
                    }
                }
            }
        }
    }

    /// The rarer part, made when first needed.
    fn more_mut(&mut self) -> &mut More {
        self.more.get_or_insert_with(Box::default)
    }

    /// The rarer part, or nothing.
    fn more(&self) -> &More {
        self.more.as_deref().unwrap_or(&NO_MORE)
    }

    /// Adds the oldest pending day to the next oldest (clicks and choices alike), so
    /// the days kept stay within `MAX_PENDING_DAYS` and no click is dropped.
    fn merge_oldest_day(&mut self) {
        let mut days: Vec<Date> = self.days().map(|(d, _)| d).collect();
        days.sort_unstable();
        let (oldest, into) = (days[0], days[1]);
        let mut moved = 0;
        if let Some((first, n)) = &mut self.day {
            if *first == oldest {
                moved = std::mem::take(n);
                self.day = None;
            }
        }
        let more = self.more.get_or_insert_with(Box::default);
        more.days.retain(|(d, n)| {
            if *d == oldest {
                moved += n;
            }
            *d != oldest
        });
        if self.day.is_none() && !more.days.is_empty() {
            self.day = Some(more.days.remove(0));
        }
        for (d, n) in self.day.iter_mut().chain(more.days.iter_mut()) {
            if *d == into {
                *n += moved;
            }
        }
        let older: Vec<(Choice, i64)> = more
            .choices
            .iter()
            .filter(|(d, _, _)| *d == oldest)
            .map(|(_, c, n)| (*c, *n))
            .collect();
        more.choices.retain(|(d, _, _)| *d != oldest);
        for (decision, count) in older {
            self.add_choice(into, decision, count);
        }
    }

    /// Clicks pending on this link (the ones `max_clicks` already counted included).
    pub fn clicks(&self) -> i64 {
        self.days().map(|(_, n)| n).sum()
    }

    /// Counts `count` clicks from `host`, or under `OTHER_HOSTS` once this link has
    /// `REFERRER_HOSTS` others pending: the map never grows past that (plus the
    /// `PLACELESS` names, which always keep their own).
    fn add_referrer(&mut self, host: &str, count: i64) {
        if let Some(place) = PLACELESS.iter().position(|name| *name == host) {
            self.placeless[place] += count;
        } else if let Some(counted) = self.more.as_mut().and_then(|m| m.hosts.get_mut(host)) {
            *counted += count;
        } else if self.more().hosts.len() < REFERRER_HOSTS {
            self.more_mut().hosts.insert(host.into(), count);
        } else {
            self.placeless[OTHER_PLACE] += count;
        }
    }

    pub(super) fn add_choice(&mut self, date: Date, decision: Choice, count: i64) {
        // A choice's day is one of the link's pending days, or merged into its oldest.
        let date = self.kept_day(date);
        let choices = &mut self.more_mut().choices;
        match choices
            .iter_mut()
            .find(|(d, c, _)| *d == date && *c == decision)
        {
            Some((_, _, n)) => *n += count,
            None => choices.push((date, decision, count)),
        }
    }

    /// `date`, or the oldest pending day when `date` is older than every day kept
    /// (its clicks were merged there by `merge_oldest_day`).
    fn kept_day(&self, date: Date) -> Date {
        match self.days().map(|(d, _)| d).min() {
            Some(oldest) if date < oldest => oldest,
            _ => date,
        }
    }

    /// Clicks per UTC day and the rule or variant that took them.
    pub fn choices(&self) -> impl Iterator<Item = (Date, Choice, i64)> + '_ {
        self.more().choices.iter().copied()
    }

    /// Forgets the pending choices that `gone` names (their rule or variant was removed).
    pub(super) fn forget_choices(&mut self, gone: impl Fn(Choice) -> bool) {
        if let Some(more) = &mut self.more {
            more.choices.retain(|(_, decision, _)| !gone(*decision));
        }
    }

    /// Clicks per UTC day.
    pub fn days(&self) -> impl Iterator<Item = (Date, i64)> + '_ {
        self.day.into_iter().chain(self.more().days.iter().copied())
    }

    /// Clicks per referrer name (hosts and the `PLACELESS` names), none with 0.
    pub fn referrers(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        let placeless = PLACELESS.iter().copied().zip(self.placeless);
        let hosts = self.more().hosts.iter().map(|(host, n)| (&**host, *n));
        placeless.chain(hosts).filter(|(_, n)| *n > 0)
    }

    /// Clicks per client class, none with 0.
    pub fn clients(&self) -> impl Iterator<Item = (Client, i64)> + '_ {
        Client::ALL
            .into_iter()
            .zip(self.clients)
            .filter(|(_, n)| *n > 0)
    }

    /// Takes back clicks whose write failed.
    pub(super) fn absorb(&mut self, other: Pending) {
        self.total += other.total;
        self.last_at = self.last_at.max(other.last_at);
        for (day, count) in other.days() {
            self.add_day(day, count);
        }
        for (host, count) in other.referrers() {
            self.add_referrer(host, count);
        }
        for (client, count) in other.clients() {
            self.clients[client.index()] += count;
        }
        for (date, decision, count) in other.choices() {
            self.add_choice(date, decision, count);
        }
    }
}

impl Pending {
    /// Adds these clicks to `link` as read from the database (total, last click).
    pub fn add_to(&self, link: &mut Link) {
        link.clicks += self.total;
        let last = self.last_at.map(stamp);
        link.last_clicked_at = link.last_clicked_at.take().max(last);
    }

    /// Adds these clicks to a written history, counting days from `since` only.
    pub fn add_to_history(&self, history: &mut History, since: Date) {
        for (date, count) in self.days().filter(|(date, _)| *date >= since) {
            *history.days.entry(day(date)).or_insert(0) += count;
        }
        for (host, count) in self.referrers() {
            *history.referrers.entry(host.to_owned()).or_insert(0) += count;
        }
        for (client, count) in self.clients() {
            *history
                .clients
                .entry(client.as_str().to_owned())
                .or_insert(0) += count;
        }
    }
}

/// Maps keyed by row id. Ids are the database's, never a client's, so one
/// multiplication spreads them well enough; no keyed hash is needed per click.
pub type ById<V> = HashMap<i64, V, BuildHasherDefault<IdHasher>>;

/// Fibonacci hashing of an `i64`.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*byte)).wrapping_mul(FIBONACCI);
        }
    }

    fn write_i64(&mut self, id: i64) {
        self.0 = (id as u64).wrapping_mul(FIBONACCI);
    }
}

/// 2^64 divided by the golden ratio.
const FIBONACCI: u64 = 0x9E37_79B9_7F4A_7C15;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::machinery::history::OTHER_HOSTS;

    #[test]
    fn the_excess_place_is_other_hosts() {
        assert_eq!(PLACELESS[OTHER_PLACE], OTHER_HOSTS);
    }

    #[test]
    fn a_links_pending_hosts_stop_at_the_cap_and_the_rest_count_as_other() {
        let mut pending = Pending::default();
        let at = OffsetDateTime::UNIX_EPOCH;
        for i in 0..20_000 {
            let referer = format!("https://made-up-{i}.example/");
            pending.add(&Visit::from_headers(Some(&referer), None), at, false);
        }

        let referrers: HashMap<&str, i64> = pending.referrers().collect();
        assert_eq!(referrers.len(), REFERRER_HOSTS + 1);
        assert_eq!(referrers[OTHER_HOSTS], 20_000 - REFERRER_HOSTS as i64);
        assert_eq!(referrers.values().sum::<i64>(), 20_000);
    }

    #[test]
    fn clicks_taken_back_after_a_failed_write_stay_within_the_cap() {
        let (mut kept, mut failed) = (Pending::default(), Pending::default());
        let at = OffsetDateTime::UNIX_EPOCH;
        for i in 0..REFERRER_HOSTS {
            let (a, b) = (
                format!("https://a{i}.example/"),
                format!("https://b{i}.example/"),
            );
            kept.add(&Visit::from_headers(Some(&a), None), at, false);
            failed.add(&Visit::from_headers(Some(&b), None), at, false);
        }

        kept.absorb(failed);

        let referrers: HashMap<&str, i64> = kept.referrers().collect();
        assert_eq!(referrers.len(), REFERRER_HOSTS + 1);
        assert_eq!(referrers[OTHER_HOSTS], REFERRER_HOSTS as i64);
        assert_eq!(kept.total, 2 * REFERRER_HOSTS as i64);
    }

    #[test]
    fn a_links_days_clients_and_direct_clicks_add_up_without_naming_a_host() {
        let mut pending = Pending::default();
        let first = OffsetDateTime::UNIX_EPOCH;
        let next = first + time::Duration::days(1);
        let browser = Some("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
        for at in [first, first, next] {
            pending.add(&Visit::from_headers(None, browser), at, false);
        }
        pending.add(&Visit::from_headers(Some("not a url"), None), next, true);

        let days: Vec<(Date, i64)> = pending.days().collect();
        assert_eq!(days, [(first.date(), 2), (next.date(), 2)]);
        let referrers: Vec<(&str, i64)> = pending.referrers().collect();
        assert_eq!(referrers, [("direct", 3), ("unknown", 1)]);
        let clients: Vec<(Client, i64)> = pending.clients().collect();
        assert_eq!(clients, [(Client::Browser, 3), (Client::Other, 1)]);
        assert_eq!(pending.total, 3, "the counted click is the database's");
    }

    #[test]
    fn a_links_pending_days_stop_at_the_cap_and_older_days_add_to_the_oldest_kept() {
        let mut pending = Pending::default();
        let first = OffsetDateTime::UNIX_EPOCH;
        let days = 3 * MAX_PENDING_DAYS as i64;
        for d in 0..days {
            let at = first + time::Duration::days(d);
            pending.add(&Visit::from_headers(None, None), at, false);
            pending.add_choice(at.date(), Choice::Default, 1);
        }

        let kept: Vec<(Date, i64)> = pending.days().collect();
        assert_eq!(kept.len(), MAX_PENDING_DAYS);
        assert_eq!(pending.clicks(), days, "no click dropped");
        assert_eq!(pending.total, days);
        let oldest = kept.iter().map(|(d, _)| *d).min().unwrap();
        let merged = days - MAX_PENDING_DAYS as i64 + 1;
        assert_eq!(kept.iter().find(|(d, _)| *d == oldest).unwrap().1, merged);
        assert!(pending.choices().count() <= MAX_PENDING_DAYS);
        assert_eq!(pending.choices().map(|(_, _, n)| n).sum::<i64>(), days);
        assert!(pending.choices().all(|(d, _, _)| d >= oldest));
    }
}
