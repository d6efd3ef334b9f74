//! The link service: the one door to the data. `Links` owns the pool, the target
//! cache, the click counter, the batchers, the target checker, the password brake,
//! the owners' change allowance and the clock, and keeps the rules between them:
//! an edit or a delete always drops the cached target (here and, through the change
//! log, on every other instance); pending clicks always merge into what the owner
//! sees; a link's limits are applied on every way it can be followed. Handlers call
//! one operation and answer with what it returns.
//!
//! Operators' commands come in through the other door of this module,
//! `Installation`, on a pool of their own.
//!
//! The files at this level are the operations, each a door (follow, create, owner,
//! stats, rotate, smart, collections, moderation, installation, import_from, health,
//! backups); `machinery/` holds what they share (the click counter, the batcher, the
//! history type, the target cache); `gates/` what refuses a request (the password
//! brake, rate limits, target checks, the blocklist); `store/` every SQL statement.

mod backups;
mod collections;
mod create;
mod follow;
mod health;
mod import_from;
mod installation;
mod links;
mod moderation;
mod owner;
mod rotate;
mod smart;
mod stats;
pub(crate) mod store;

// The machinery the operations above share, and what refuses a request.
pub mod gates;
pub mod machinery;

pub use collections::{CollectionView, Listing, Member};
pub use create::Draft;
pub use follow::Followed;
pub use import_from::{ImportFrom, Outcome};
pub use installation::{Installation, Record, NO_POSTGRES_BACKUP};
pub use links::{migrate, Links};
pub use machinery::history::{DayClicks, SourceClicks};
pub use moderation::{Asked, Order, ReportedLink, Ruling};
pub use owner::{AdminView, Change, StatsChange};
pub use smart::SmartChange;
pub use store::collections::Collection;
pub use store::Link;
