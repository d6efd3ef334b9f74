//! The whole HTTP contract on SQLite, the embedded default: each test on a file of its own.

/// A test's first line: it runs on SQLite.
macro_rules! backend {
    () => {
        crate::backend::enter(crate::backend::Backend::Sqlite)
    };
}

shared_test_files!();

// SQLite's own files and pragmas, and the pages in a real browser.
#[path = "browser.rs"]
mod browser;
#[path = "collection_browser.rs"]
mod collection_browser;
#[path = "database_file.rs"]
mod database_file;
#[path = "full_disk.rs"]
mod full_disk;
#[path = "keyboard.rs"]
mod keyboard;
#[path = "kill_mid_flush.rs"]
mod kill_mid_flush;
#[path = "moderation_browser.rs"]
mod moderation_browser;
#[path = "screenshots.rs"]
mod screenshots;
#[path = "smart_browser.rs"]
mod smart_browser;
#[path = "storage.rs"]
mod storage;
#[path = "valid_html.rs"]
mod valid_html;
#[path = "write_lock.rs"]
mod write_lock;
