//! The whole HTTP contract, through Rocket's local client, each test on its own SQLite file.

mod admin;
mod binary;
mod browser;
mod bulk;
mod checked;
mod cli;
mod clicks;
mod create;
mod docs;
mod edit;
mod expiry;
mod follow;
mod health;
mod helpers;
mod hostile;
mod insight;
mod limits;
mod metrics;
mod negotiation;
mod pages;
mod protected;
mod qr;
mod server;
mod storage;
mod validation;
