//! What the service's operations share: clicks counted in memory and written once a
//! second (`counter`, `pending`), requests served many per statement (`batch`), the
//! one click-history type (`history`) and the key → target cache kept true across
//! instances (`forwarding`).

pub mod batch;
pub mod counter;
pub mod forwarding;
pub mod history;
pub mod pending;
