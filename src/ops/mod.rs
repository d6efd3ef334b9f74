//! Operator tools: the command line, moving whole installations (this app's own or
//! another shortener's), the health check a container runs, and the logger
//! that keeps secrets out of log lines.

mod arrival;
pub mod cli;
mod healthcheck;
pub mod logging;
mod moderation;
mod transfer;
