//! Operator tools: the command line, moving whole installations, and the logger
//! that keeps secrets out of log lines.

pub mod cli;
pub mod logging;
mod moderation;
mod transfer;
