//! The `link` table against the one row that stores a link: a column added by a
//! migration must be written by every way in (create, `import`, `import --from`), or
//! be left to its declared default on purpose, and be read somewhere.

use std::collections::BTreeSet;

use crate::helpers::spawn_app;

/// The columns of `link` in the test's database, as the database itself lists them.
fn table_columns(app: &crate::helpers::TestApp) -> BTreeSet<String> {
    let sql = match crate::backend::current() {
        crate::backend::Backend::Sqlite => {
            "select group_concat(name, ',') from pragma_table_info('link')"
        }
        crate::backend::Backend::Postgres => {
            "select string_agg(column_name::text, ',') from information_schema.columns \
             where table_name = 'link' and table_schema = current_schema()"
        }
    };
    let listed: String = crate::helpers::query_scalar(&app.db_path, sql);
    listed.split(',').map(str::to_owned).collect()
}

#[test]
fn every_column_of_a_link_is_written_by_the_one_insert_or_defaulted_on_purpose_and_read() {
    let app = spawn_app();
    let table = table_columns(&app);
    let (written, defaulted, read) = shortener::testing::link_columns();

    let accounted: BTreeSet<String> = written
        .iter()
        .chain(&defaulted)
        .map(|c| c.to_string())
        .collect();
    let missing: Vec<&String> = table.difference(&accounted).collect();
    assert!(missing.is_empty(), "columns no way in writes: {missing:?}");
    for column in &written {
        assert!(
            table.contains(*column),
            "written but not in the table: {column}"
        );
    }
    // SQLite's old clear-text secret column exists there only.
    for column in defaulted.iter().filter(|c| **c != "secret_key") {
        assert!(
            table.contains(*column),
            "defaulted but not in the table: {column}"
        );
    }
    let unread: Vec<&String> = table
        .iter()
        .filter(|column| !read.contains(&column.as_str()))
        .collect();
    assert!(unread.is_empty(), "columns no statement reads: {unread:?}");
}
