//! The whole HTTP contract, through Rocket's local client, each test on its own SQLite file.

mod admin;
mod binary;
mod clicks;
mod create;
mod follow;
mod health;
mod helpers;
mod hostile;
mod insight;
mod limits;
mod negotiation;
mod pages;
mod qr;
mod server;
mod storage;
mod validation;
