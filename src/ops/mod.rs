//! Operator tools: the command line, moving whole installations (this app's own or
//! another shortener's), the health check a container runs, and the logger
//! that keeps secrets out of log lines.

pub mod cli;
mod healthcheck;
mod import_from;
pub mod logging;
mod moderation;
mod transfer;
