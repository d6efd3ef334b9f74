//! Links arriving from another shortener (`import --from`): each one checked as a new
//! link would be, except that its key is kept as it was, so printed links keep
//! working; stored with a fresh admin secret in one transaction, skipping (and
//! naming) what cannot come: nothing is half imported, and a second run of the same
//! source changes nothing.

use std::collections::HashSet;
use std::fmt;

use super::gates::blocklist::Blocklist;
use super::installation::Installation;
use super::machinery::history::{History, MAX_COUNT};
use super::store::import_from as store_import;
use super::store::row::LinkRow;
use super::store::{collections, records, Link};
use crate::domain::annotation::title_of;
use crate::domain::clock::{self, stamp};
use crate::domain::collection::CollectionName;
use crate::domain::keys::{SecretKey, ShortKey};
use crate::domain::target::{OwnHosts, TargetUrl};
use crate::domain::{password, seal};
use crate::error::Error;
use crate::settings::Blocking;
use crate::sources::{Foreign, Source};

/// How the links are taken in.
pub struct ImportFrom<'a> {
    pub source: Source,
    pub own_hosts: &'a OwnHosts,
    pub blocking: &'a Blocking,
    /// Every imported link also joins a new collection of this name.
    pub collection: Option<CollectionName>,
    /// Check everything, store nothing.
    pub dry_run: bool,
}

/// One link taken in, with the only copy of its new admin secret.
#[derive(Debug)]
pub struct Imported {
    pub key: String,
    pub secret: SecretKey,
    /// Its key follows the rules for new keys (otherwise it is listed as kept as is).
    pub usual_key: bool,
}

/// Why a link was not taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Its key cannot be served here (the reason says why).
    Key(String),
    /// It was more than a key and a target there (a Polr secret link).
    Withheld(String),
    /// Its target is refused, as it would be for a new link.
    Target(String),
    /// A link with this key and target is here already (an earlier import).
    AlreadyHere,
    /// Another link here has this key.
    KeyTaken,
}

impl Skip {
    /// The reason as the summary counts it.
    pub fn label(&self) -> &'static str {
        match self {
            Skip::Key(_) => "key not servable here",
            Skip::Withheld(_) => "not carried over",
            Skip::Target(_) => "target refused",
            Skip::AlreadyHere => "already here",
            Skip::KeyTaken => "key taken by another link",
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::Key(why) | Skip::Withheld(why) | Skip::Target(why) => {
                write!(f, "{}: {why}", self.label())
            }
            _ => f.write_str(self.label()),
        }
    }
}

/// One link not taken in, named as the source named it.
#[derive(Debug)]
pub struct Skipped {
    pub key: String,
    pub domain: Option<String>,
    pub why: Skip,
}

/// What an import from another shortener did (or, in a dry run, would do).
#[derive(Debug, Default)]
pub struct Outcome {
    pub imported: Vec<Imported>,
    pub skipped: Vec<Skipped>,
    /// Links taken in with a change worth telling the operator (key, what changed).
    pub notes: Vec<(String, String)>,
    /// The collection they all joined, with its secret (none when nothing arrived).
    pub collection: Option<SecretKey>,
}

/// A link ready to store, with what the operator must be told about it.
struct Checked {
    record: records::Record,
    secret: SecretKey,
    usual_key: bool,
    notes: Vec<String>,
}

/// Links checked per transaction step: stored, counted and joined many per statement.
const STEP: usize = 500;

impl Installation {
    /// Checks and stores `links` from another shortener as `how` says; `stored` is
    /// called once per link looked at, and `keep` with the outcome just before it is
    /// committed (where the new admin secrets are written down: when it fails,
    /// nothing is stored). `Err` when the database or `keep` fails.
    pub async fn import_from(
        &self,
        mut links: Vec<Foreign>,
        how: &ImportFrom<'_>,
        stored: &(dyn Fn() + Sync),
        keep: &mut (dyn FnMut(&Outcome) -> Result<(), String> + Send),
    ) -> Result<Outcome, String> {
        let blocklist = Blocklist::load(how.blocking)?;
        // The default domain's links first: they keep a key several domains share.
        links.sort_by_key(|link| link.domain.is_some());
        let now = stamp(time::OffsetDateTime::now_utc());
        let mut outcome = Outcome::default();
        let mut seen = HashSet::new();
        let mut ready = Vec::new();
        for link in links {
            match convert(&link, how, &blocklist, &now) {
                Ok(checked) if seen.insert(checked.record.key.clone()) => {
                    ready.push((link, checked))
                }
                Ok(_) => outcome.skip(link, Skip::KeyTaken),
                Err(why) => outcome.skip(link, why),
            }
        }
        let failed = |e: Error| e.to_string();
        let mut tx = self.pool.begin().await.map_err(|e| e.to_string())?;
        let collection = match &how.collection {
            Some(name) => {
                let secret = SecretKey::random();
                let made = collections::create(&mut tx, &secret, name.as_str(), &now).await;
                Some((made.map_err(failed)?.id, secret))
            }
            None => None,
        };
        let mut rest = ready.into_iter();
        loop {
            let step: Vec<_> = rest.by_ref().take(STEP).collect();
            if step.is_empty() {
                break;
            }
            step.iter().for_each(|_| stored());
            store_step(&mut tx, step, collection.as_ref(), &now, &mut outcome).await?;
        }
        if !how.dry_run && !outcome.imported.is_empty() {
            outcome.collection = collection.map(|(_, secret)| secret);
            records::bump_epoch(&mut tx).await.map_err(failed)?;
            keep(&outcome)?;
            tx.commit().await.map_err(|e| e.to_string())?;
        }
        // Otherwise dropping `tx` rolls back: a dry run stores nothing.
        Ok(outcome)
    }
}

/// Stores one step of checked links, with their days and places in the collection
/// (`(id, secret)`); a key taken here meanwhile is skipped, said as such.
async fn store_step(
    tx: &mut crate::db::Tx,
    step: Vec<(Foreign, Checked)>,
    collection: Option<&(i64, SecretKey)>,
    now: &str,
    outcome: &mut Outcome,
) -> Result<(), String> {
    let failed = |e: Error| e.to_string();
    let vaults: Vec<Option<String>> = step
        .iter()
        .map(|_| collection.map(|_| seal::random_key()))
        .collect();
    let news: Vec<LinkRow> = step
        .iter()
        .zip(&vaults)
        .map(|((_, checked), vault)| LinkRow {
            vault: vault.as_ref().map(|key| {
                let admin = checked.secret.as_str();
                (
                    seal::seal(admin, key.as_bytes()),
                    seal::seal(key, admin.as_bytes()),
                )
            }),
            ..checked.record.row(checked.secret.hash())
        })
        .collect();
    let ids = store_import::insert_links(tx, &news)
        .await
        .map_err(failed)?;
    drop(news);
    let taken: Vec<&str> = step
        .iter()
        .map(|(_, c)| c.record.key.as_str())
        .filter(|key| !ids.contains_key(*key))
        .collect();
    let here = store_import::targets(tx, &taken).await.map_err(failed)?;
    let (mut days, mut members) = (Vec::new(), Vec::new());
    for ((link, checked), vault) in step.into_iter().zip(vaults) {
        let Some(&id) = ids.get(&checked.record.key) else {
            let same = here.get(&checked.record.key) == Some(&checked.record.target_url);
            outcome.skip(
                link,
                if same {
                    Skip::AlreadyHere
                } else {
                    Skip::KeyTaken
                },
            );
            continue;
        };
        for (day, clicks) in &checked.record.history.days {
            days.push((id, day.clone(), *clicks));
        }
        if let (Some((_, secret)), Some(key)) = (collection, vault) {
            members.push((id, seal::seal(secret.as_str(), key.as_bytes())));
        }
        for note in checked.notes {
            outcome.notes.push((checked.record.key.clone(), note));
        }
        outcome.imported.push(Imported {
            key: checked.record.link.key,
            secret: checked.secret,
            usual_key: checked.usual_key,
        });
    }
    store_import::add_days(tx, &days).await.map_err(failed)?;
    if let Some((id, _)) = collection {
        store_import::add_members(tx, *id, &members, now)
            .await
            .map_err(failed)?;
    }
    Ok(())
}

impl Outcome {
    fn skip(&mut self, link: Foreign, why: Skip) {
        self.skipped.push(Skipped {
            key: link.key,
            domain: link.domain,
            why,
        });
    }
}

/// The link as this app stores it, or why it cannot come.
fn convert(
    link: &Foreign,
    how: &ImportFrom<'_>,
    blocklist: &Blocklist,
    now: &str,
) -> Result<Checked, Skip> {
    let key = ShortKey::kept(&link.key).map_err(Skip::Key)?;
    if let Some(why) = &link.withheld {
        return Err(Skip::Withheld(why.clone()));
    }
    let target = TargetUrl::parse(&link.target_url, how.own_hosts)
        .map_err(|e| Skip::Target(e.to_string()))?;
    blocklist
        .refuse(&target)
        .map_err(|e| Skip::Target(e.to_string()))?;
    let mut notes = Vec::new();
    let mut disabled_reason = link
        .disabled
        .then(|| format!("Disabled in {} before it moved here", how.source.name()));
    let password_hash = match &link.password_hash {
        Some(hash) if password::check_stored(hash).is_ok() => Some(hash.clone()),
        Some(_) => {
            notes.push("its password's hash is of a kind this app cannot check: disabled".into());
            disabled_reason = Some("Its password could not be carried over".into());
            None
        }
        None => None,
    };
    let expires_at = match link.expires_at.as_deref() {
        Some(raw) => Some(
            utc(raw).ok_or_else(|| Skip::Withheld(format!("its expiry {raw:?} cannot be read")))?,
        ),
        None => None,
    };
    let date = time::macros::format_description!("[year]-[month]-[day]");
    let mut days = link.days.clone();
    // Days that are no dates (MySQL's `0000-00-00`) are left out, not the link.
    days.retain(|day, clicks| {
        *clicks = (*clicks).clamp(0, MAX_COUNT);
        *clicks > 0 && time::Date::parse(day, date).is_ok()
    });
    let secret = SecretKey::random();
    let stored = Link {
        key: key.as_str().to_owned(),
        secret_hash: Vec::new(),
        target_url: target.as_str().to_owned(),
        is_active: true,
        clicks: link.clicks.clamp(0, MAX_COUNT),
        created_at: link
            .created_at
            .as_deref()
            .and_then(utc)
            .unwrap_or_else(|| now.to_owned()),
        expires_at,
        starts_at: link.starts_at.as_deref().and_then(utc),
        max_clicks: link
            .max_clicks
            .filter(|m| *m >= 1)
            .map(|m| m.min(MAX_COUNT)),
        password_hash,
        disabled_reason,
        forward_query: link.forward_query,
        title: link.title.as_deref().and_then(title_of),
        ..Link::default()
    };
    let record = records::Record {
        link: stored,
        history: History {
            days,
            ..History::default()
        },
    };
    record.history.validate().map_err(Skip::Withheld)?;
    Ok(Checked {
        usual_key: key.is_usual(),
        record,
        secret,
        notes,
    })
}

/// A source's `YYYY-MM-DD HH:MM:SS` (UTC) in the stored form.
fn utc(raw: &str) -> Option<String> {
    clock::parse(&raw.replacen(' ', "T", 1)).map(stamp)
}
