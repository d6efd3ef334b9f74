//! The stats link an owner can share: `/stats/<token>` shows a link's counts and
//! nothing else, and the owner turns it off or replaces it.

use super::links::Links;
use super::owner::{AdminView, StatsChange};
use super::store;
use crate::domain::keys::{SecretKey, StatsToken};
use crate::domain::window::Window;
use crate::error::Result;

impl Links {
    /// The counts of the link `token` opens, over `window`, pending clicks included:
    /// the same view as the admin page's, of which the web layer shows only the counts.
    pub async fn stats(&self, token: &StatsToken, window: Window) -> Result<AdminView> {
        let now = self.clock.now();
        let since = window.since(now.date());
        let read = || async move {
            let mut conn = self.pool.acquire().await?;
            let link = store::owners::by_stats_token(&mut conn, token).await?;
            let wanted = [(link.id, crate::domain::clock::day(since))];
            let mut insights = store::insights(&mut conn, &wanted).await?;
            Ok((insights.remove(&link.id).unwrap_or_default(), link))
        };
        let (history, link) = self
            .clicks
            .with_pending(read, |(history, link), pending| {
                if let Some(clicks) = pending.get(&link.id) {
                    clicks.add_to(link);
                    clicks.add_to_history(history, since);
                }
            })
            .await?;
        Ok(self.view(link, &history, window, now))
    }

    /// Turns the stats link off or gives it a new token (a part of `Links::change`).
    pub(super) async fn restats(
        &self,
        secret: &SecretKey,
        change: StatsChange,
    ) -> Result<store::Link> {
        let token = (change == StatsChange::New).then(StatsToken::random);
        self.with_pending_clicks(async {
            let mut conn = self.pool.acquire().await?;
            store::owners::set_stats(&mut conn, secret, token.as_ref()).await
        })
        .await
    }
}
