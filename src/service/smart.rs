//! Smart links, the owner's side: changing the rules, the split, the fallback after
//! the end and `humans_only`; and reading what each rule and variant earned.

use std::collections::HashMap;

use time::Date;

use super::links::Links;
use super::store;
use crate::domain::clock::{day, stamp};
use crate::domain::keys::SecretKey;
use crate::domain::smart::{Choice, Rule, Smart, Variant};
use crate::domain::target::TargetUrl;
use crate::error::Result;

/// The smart parts of an owner's change; `None` parts stay as they are.
#[derive(Debug, Clone, Default)]
pub struct SmartChange {
    /// New rules (empty: none), as given: checked here.
    pub rules: Option<Vec<Rule>>,
    /// A new split (empty: none).
    pub variants: Option<Vec<Variant>>,
    /// A new fallback after the end, or (`Some(None)`) none.
    pub expired_url: Option<Option<String>>,
    pub humans_only: Option<bool>,
}

impl SmartChange {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.rules.is_none()
            && self.variants.is_none()
            && self.expired_url.is_none()
            && self.humans_only.is_none()
    }
}

impl Links {
    /// Applies the smart parts of an owner's change, each checked as at creation (and
    /// refused, as a new target is, on a disabled link or one past
    /// `edit_lock_after_clicks`). Rules or a split that differ from the stored ones
    /// start their counts afresh.
    pub(super) async fn change_smart(
        &self,
        secret: &SecretKey,
        change: &SmartChange,
    ) -> Result<store::Link> {
        let link = self.link(secret).await?;
        let mut conn = self.pool.acquire().await?;
        let now = stamp(self.clock.now());
        let mut changed = link.clone();
        let moves =
            change.rules.is_some() || change.variants.is_some() || change.expired_url.is_some();
        if moves {
            self.may_change(&link)?;
        }
        if change.rules.is_some() || change.variants.is_some() {
            let stored = Smart::from_stored(link.smart.as_deref());
            let rules = change.rules.clone().unwrap_or(stored.rules.clone());
            let variants = change.variants.clone().unwrap_or(stored.variants.clone());
            let smart = Smart::checked(rules, variants, &self.own_hosts)?;
            for url in smart.targets() {
                self.blocklist.refuse_url(url)?;
            }
            changed = store::owners::set_smart(&mut conn, secret, smart.stored(), &now).await?;
            let renewed = [
                (smart.rules != stored.rules, "rule %"),
                (smart.variants != stored.variants, "variant %"),
            ];
            for (_, like) in renewed.into_iter().filter(|(renewed, _)| *renewed) {
                let rules = like.starts_with("rule");
                let gone =
                    |d: Choice| matches!(d, Choice::Rule(_)) == rules && d != Choice::Default;
                let delete = store::forget_choices(&mut conn, link.id, like);
                self.clicks.forget_choices(link.id, gone, delete).await?;
            }
        }
        if let Some(fallback) = &change.expired_url {
            let checked = match fallback {
                Some(raw) => Some(crate::domain::smart::expired_url(raw, &self.own_hosts)?),
                None => None,
            };
            if let Some(url) = &checked {
                self.blocklist.refuse(url)?;
            }
            let url = checked.as_ref().map(TargetUrl::as_str);
            changed = store::owners::set_expired_url(&mut conn, secret, url).await?;
        }
        if let Some(on) = change.humans_only {
            changed = store::owners::set_humans_only(&mut conn, secret, on).await?;
        }
        drop(conn);
        self.cache.remove(&link.key);
        Ok(changed)
    }

    /// Clicks per rule and variant (`rule 1`, `variant 2`, ...) of a smart link on
    /// days from `since`, the clicks not yet written included; empty for other links.
    pub(super) async fn choices(
        &self,
        link: &store::Link,
        since: Date,
    ) -> Result<HashMap<String, i64>> {
        if link.smart.is_none() {
            return Ok(HashMap::new());
        }
        let (id, from) = (link.id, day(since));
        let from = from.as_str();
        let read = || async move {
            let mut conn = self.pool.acquire().await?;
            store::choice_clicks(&mut conn, id, from).await
        };
        self.clicks
            .with_pending(read, |counts, pending| {
                let Some(clicks) = pending.get(&id) else {
                    return;
                };
                for (_, decision, n) in clicks.choices().filter(|(d, _, _)| *d >= since) {
                    *counts.entry(decision.label()).or_insert(0) += n;
                }
            })
            .await
    }
}
