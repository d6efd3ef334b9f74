//! The SQLite file: migrations, restarts, and the pragmas every connection runs with.

use rocket::http::Status;
use rocket::local::asynchronous::Client;

use crate::helpers::{figment, spawn_app, spawn_app_on};

#[test]
fn a_fresh_file_is_created_and_migrated() {
    let app = spawn_app();

    assert!(app.db_path.exists());
    assert!(app.query_i64("select count(*) from _sqlx_migrations where success") >= 1);
    assert_eq!(app.link_count(), 0);
}

#[test]
fn restarting_on_a_file_with_data_keeps_every_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("restart.db");
    let first = spawn_app_on(&db);
    let links: Vec<_> = (0..3)
        .map(|i| first.seed(&format!("https://example.com/{i}")))
        .collect();
    first.get(&links[0].path(), None);
    first.stop();

    let second = spawn_app_on(&db);

    for (i, link) in links.iter().enumerate() {
        let (status, info) = second.get_json(&link.admin_path());
        assert_eq!(status, Status::Ok);
        assert_eq!(info["target_url"], format!("https://example.com/{i}"));
    }
    assert_eq!(second.get_json(&links[0].admin_path()).1["clicks"], 1);
    assert_eq!(second.link_count(), 3);
}

#[rocket::async_test]
async fn every_pooled_connection_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let figment = figment(&dir.path().join("p.db")).merge(("databases.links.min_connections", 4));
    let client = Client::tracked(shortener::build(figment)).await.unwrap();
    let pool = &shortener::testing::sqlite_pool(client.rocket()).expect("a SQLite pool");

    let mut conns = Vec::new();
    for _ in 0..4 {
        conns.push(pool.acquire().await.unwrap());
    }
    for conn in &mut conns {
        let journal: String = sqlx::query_scalar("pragma journal_mode")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let foreign: i64 = sqlx::query_scalar("pragma foreign_keys")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let busy: i64 = sqlx::query_scalar("pragma busy_timeout")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let cache: i64 = sqlx::query_scalar("pragma cache_size")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert!(
            cache < 0 && -cache >= 256,
            "cache_size {cache} (KiB when negative)"
        );
        let sync: i64 = sqlx::query_scalar("pragma synchronous")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(journal, "wal");
        assert_eq!(foreign, 1);
        assert!(busy >= 1000, "busy_timeout {busy}");
        assert_eq!(sync, 1, "synchronous=NORMAL");
    }
}

#[rocket::async_test]
async fn admin_urls_from_before_secrets_were_hashed_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let old_secret = "LegacySecretLegacySecretLegacy42";
    {
        let options = shortener::testing::sqlite_options(db.to_str().unwrap()).unwrap();
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        let mut first_schema = sqlx::migrate!("migrations/sqlite");
        first_schema.migrations = first_schema.migrations[..1].to_vec().into();
        first_schema.run(&pool).await.unwrap();
        sqlx::query("insert into link (key, secret_key, target_url, clicks) values ('old', $1, 'https://example.com/old', 7)")
            .bind(old_secret)
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }

    let client = Client::tracked(shortener::build(figment(&db)))
        .await
        .unwrap();

    let res = client
        .get(format!("/admin/{old_secret}"))
        .header(rocket::http::Accept::JSON)
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::Ok);
    let info: serde_json::Value = res.into_json().await.unwrap();
    assert_eq!(info["target_url"], "https://example.com/old");
    assert_eq!(info["clicks"], 7);
    assert_eq!(
        info["admin_url"],
        format!("{}/admin/{old_secret}", crate::helpers::BASE)
    );
    let pool = &shortener::testing::sqlite_pool(client.rocket()).expect("a SQLite pool");
    let clear: i64 = sqlx::query_scalar("select count(*) from link where secret_key is not null")
        .fetch_one(pool)
        .await
        .unwrap();
    let hashed: i64 =
        sqlx::query_scalar("select count(*) from link where length(secret_hash) = 32")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!((clear, hashed), (0, 1));
}

#[test]
fn the_database_never_holds_a_secret_key_in_the_clear() {
    let app = crate::helpers::spawn_app();
    let link = app.seed("https://example.com/");
    let secret = link.admin_path().trim_start_matches("/admin/").to_owned();

    let bytes = std::fs::read(&app.db_path).unwrap();
    let wal = std::fs::read(app.db_path.with_extension("db-wal")).unwrap_or_default();

    for file in [bytes, wal] {
        assert!(
            !file.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "secret found in the database files"
        );
    }
    assert_eq!(
        app.query_i64("select count(*) from link where secret_key is not null"),
        0
    );
    assert_eq!(app.get_json(&link.admin_path()).0, Status::Ok);
}

/// The permission bits of `path`.
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `shortener ARGS` in `dir`, on `dir/shortener.db`.
fn shortener(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    crate::server::command(dir, &[])
        .args(args)
        .output()
        .expect("run the binary")
}

/// A database in `dir` with one link, written by a stopped app.
fn one_link(dir: &std::path::Path) {
    let app = spawn_app_on(&dir.join("shortener.db"));
    app.seed("https://example.com/kept");
    app.stop();
}

#[test]
fn a_fresh_database_and_its_wal_and_shm_files_are_readable_by_their_owner_only() {
    let app = spawn_app();
    app.seed("https://example.com/");

    let db = &app.db_path;
    for file in [
        db.clone(),
        db.with_extension("db-wal"),
        db.with_extension("db-shm"),
    ] {
        assert!(file.exists(), "{} while serving", file.display());
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

#[test]
fn export_and_backup_files_are_readable_by_their_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    one_link(dir.path());
    let old = dir.path().join("old.json");
    std::fs::write(&old, "an older export").unwrap();
    std::fs::set_permissions(&old, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();

    for args in [
        ["export", "-o", "links.json"],
        ["export", "-o", "old.json"],
        ["backup", "backup.db", ""],
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let out = shortener(dir.path(), &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = dir.path().join(args.last().unwrap());
        assert_eq!(mode(&file), 0o600, "{args:?}");
    }
    let export = std::fs::read_to_string(&old).unwrap();
    assert!(export.contains("https://example.com/kept"), "{export}");
}

#[test]
fn backup_and_export_refuse_a_symbolic_link_and_write_nothing_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    one_link(dir.path());
    let elsewhere = dir.path().join("elsewhere.db");
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("dangling.db")).unwrap();
    let kept = dir.path().join("kept.json");
    std::fs::write(&kept, "not to be overwritten").unwrap();
    std::os::unix::fs::symlink(&kept, dir.path().join("link.json")).unwrap();

    let backup = shortener(dir.path(), &["backup", "dangling.db"]);
    let export = shortener(dir.path(), &["export", "-o", "link.json"]);

    assert!(!backup.status.success());
    assert!(
        String::from_utf8_lossy(&backup.stderr).contains("symbolic link"),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(!elsewhere.exists(), "the backup went through the link");
    assert!(!export.status.success());
    assert!(String::from_utf8_lossy(&export.stderr).contains("symbolic link"));
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "not to be overwritten"
    );
}

#[test]
fn backup_takes_its_argument_as_a_file_name_never_as_a_uri() {
    let dir = tempfile::tempdir().unwrap();
    one_link(dir.path());

    let out = shortener(dir.path(), &["backup", "file:x.db?mode=rwc"]);

    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.path().join("x.db").exists(), "read as a URI");
    let literal = dir.path().join("file:x.db?mode=rwc");
    let bytes = std::fs::read(&literal).unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"), "a full copy");
    assert_eq!(mode(&literal), 0o600);
}
