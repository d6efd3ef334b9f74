//! What needs SQLite's own files and pragmas, and the pages in a real browser: these
//! run on SQLite in either run (`backend::current`), each test on a file of its own.

mod browser;
mod collection_browser;
mod database_file;
mod full_disk;
mod keyboard;
mod kill_mid_flush;
mod moderation_browser;
mod screenshots;
mod share_browser;
mod smart_browser;
mod storage;
mod valid_html;
mod write_lock;
