//! What refuses a request before it costs anything: who may create (`allowance`),
//! the per-link password brake (`brake`), rate limits per client and per link (`limit`), target checks safe
//! against the server's own network (`check`) and the operator's blocklist
//! (`blocklist`).

pub mod allowance;
pub mod blocklist;
pub mod brake;
pub mod check;
pub mod limit;
