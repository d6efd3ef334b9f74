//! Creating links: the slow parts of a create (the target check, the password hash)
//! and the batched insert, one link or many.

use std::sync::Arc;

use rocket::futures::future::join_all;

use super::machinery::batch::Job;
use crate::metrics::Metrics;

use super::gates::check::Checker;
use super::links::Links;
use super::store::row::LinkRow;
use super::store::{self, Creation, Link};
use crate::db::Conn;
use crate::domain::annotation::{Note, Title};
use crate::domain::keys::{SecretKey, ShortKey};
use crate::domain::password::Password;
use crate::domain::preview::Preview;
use crate::domain::smart::Smart;
use crate::domain::target::TargetUrl;
use crate::error::Result;

/// A create request whose fields are valid (the web layer parses them): what is
/// left is slow, and done by the service.
#[derive(Debug, Clone)]
pub struct Draft {
    pub target: TargetUrl,
    /// A key chosen by the user; `None` draws a random one.
    pub custom_key: Option<ShortKey>,
    /// A stamp (`clock::stamp`) in the future.
    pub expires_at: Option<String>,
    /// A stamp before `expires_at`: visitors are told when, until then.
    pub starts_at: Option<String>,
    /// At least 1.
    pub max_clicks: Option<i64>,
    pub password: Option<Password>,
    /// Ask the target before creating (the tutorial's "graceful forward").
    pub check_target: bool,
    /// The creator token it is made with (private mode).
    pub token_id: Option<i64>,
    /// Add visitors' query strings to the target.
    pub forward_query: bool,
    /// The secret of a collection the link joins.
    pub collection: Option<SecretKey>,
    /// Rules and a split, checked.
    pub smart: Smart,
    /// Where it sends visitors once expired or used up.
    pub expired_url: Option<TargetUrl>,
    /// Known link scanners get a Continue page instead, uncounted.
    pub humans_only: bool,
    /// The owner's title and note.
    pub title: Option<Title>,
    pub note: Option<Note>,
    /// What link previewers are shown (a `humans_only` link's, where allowed).
    pub preview: Option<Preview>,
}

impl Links {
    /// Stores one link, with its fresh secret (which exists only in this answer).
    pub async fn create(&self, draft: Draft) -> Result<(Link, SecretKey)> {
        self.create_checked(draft, &self.checker).await
    }

    /// Stores many links, each standing alone (one result per draft, in order; an
    /// `Err` draft stays as it is). They share a batch, and their target checks share
    /// slots of this call's own, so one request cannot make more than a few at once.
    pub async fn create_many(&self, drafts: Vec<Result<Draft>>) -> Vec<Result<(Link, SecretKey)>> {
        let checker = self.checker.for_request();
        let checker = &checker;
        join_all(
            drafts
                .into_iter()
                .map(|draft| async move { self.create_checked(draft?, checker).await }),
        )
        .await
    }

    /// The target check and the password hash (slow, so after every cheap check),
    /// then the insert, with the next batch.
    async fn create_checked(
        &self,
        mut draft: Draft,
        checker: &Checker,
    ) -> Result<(Link, SecretKey)> {
        self.blocklist.refuse(&draft.target)?;
        self.may_preview(draft.preview.as_ref(), draft.humans_only)?;
        for url in draft
            .smart
            .targets()
            .chain(draft.expired_url.as_ref().map(TargetUrl::as_str))
            .chain(image_of(draft.preview.as_ref()))
        {
            self.blocklist.refuse_url(url)?;
        }
        let collection = match &draft.collection {
            Some(secret) => Some((self.collection_for_create(secret).await?, secret)),
            None => None,
        };
        if draft.check_target {
            match draft.title {
                // An empty title is filled from the target page's own, when it has one.
                None => {
                    let found = checker.target_titled(&draft.target).await?;
                    draft.title = found.and_then(|text| Title::parse(&text).ok().flatten());
                }
                Some(_) => checker.target(&draft.target).await?,
            }
            // A smart link's other targets are asked too, one after another.
            let others = draft
                .smart
                .targets()
                .chain(draft.expired_url.as_ref().map(TargetUrl::as_str))
                .chain(image_of(draft.preview.as_ref()));
            for url in others {
                checker
                    .target(&TargetUrl::parse(url, &self.own_hosts)?)
                    .await?;
            }
        }
        let password_hash = match draft.password {
            Some(password) => Some(password.hash().await?),
            None => None,
        };
        let created_at = crate::domain::clock::stamp(self.clock.now());
        let row = LinkRow {
            expires_at: draft.expires_at,
            starts_at: draft.starts_at,
            max_clicks: draft.max_clicks,
            password_hash,
            token_id: draft.token_id,
            forward_query: draft.forward_query,
            smart: draft.smart.stored(),
            expired_url: draft.expired_url.map(|url| url.as_str().to_owned()),
            humans_only: draft.humans_only,
            title: draft.title.map(|t| t.as_str().to_owned()),
            note: draft.note.map(|n| n.as_str().to_owned()),
            preview: draft.preview.as_ref().map(Preview::stored),
            // The key and the secret are drawn with the insert (`store::create_many`).
            ..LinkRow::new(
                String::new(),
                [0; 32],
                draft.target.as_str().to_owned(),
                created_at,
            )
        };
        let new = Creation {
            row,
            custom_key: draft.custom_key,
        };
        let (link, admin) = self.creates.run(new).await?;
        if let Some((collection, secret)) = collection {
            self.add_to(&collection, secret, &admin).await?;
        }
        Ok((link, admin))
    }
}

/// Creates share one multi-row insert, and so one commit, per batch.
#[rocket::async_trait]
impl Job for Creation {
    type Output = (Link, SecretKey);
    /// The length of random keys, and the count of links created.
    type Context = (usize, Arc<Metrics>);

    async fn run(
        db: &mut Conn,
        (key_length, metrics): &(usize, Arc<Metrics>),
        jobs: Vec<Self>,
    ) -> Result<Vec<Result<Self::Output>>> {
        let created = store::create_many(db, &jobs, *key_length).await?;
        let stored = created.iter().filter(|r| r.is_ok()).count();
        metrics.links_created.inc_by(stored as u64);
        Ok(created)
    }
}

/// A preview's image URL, checked with the link's targets (blocklist, `check_target`).
fn image_of(preview: Option<&Preview>) -> Option<&str> {
    preview.and_then(|p| p.image_url.as_deref())
}

impl Links {
    /// `Invalid` beside `preview` when a preview may not be set: the operator has not
    /// turned previews on, or the link is not `humans_only` (only its Continue page
    /// carries one).
    pub(super) fn may_preview(&self, preview: Option<&Preview>, humans_only: bool) -> Result<()> {
        let refusal = match preview {
            None => return Ok(()),
            Some(_) if !self.previews => "error-previews-off",
            Some(_) if !humans_only => "error-preview-humans-only",
            Some(_) => return Ok(()),
        };
        Err(crate::error::Error::Invalid {
            field: "preview",
            message: crate::i18n::Text::new(refusal),
        })
    }
}
