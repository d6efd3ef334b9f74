// sqlx::migrate!() embeds ./migrations at compile time; a new migration file
// must trigger a rebuild even when no Rust source changed.
//
// The integration tests that need something outside Rust are compiled to run only
// where it is there, so a test that could not run is never reported as passed:
// the postgres:: tests when SHORTENER_TEST_POSTGRES names a server; the imports from
// YOURLS and Polr when SHORTENER_TEST_MARIADB names a MariaDB or MySQL server; the browser
// tests when chromedriver is on PATH; the nginx test when nginx is; the HTML check
// when SHORTENER_VNU_JAR names the Nu Html Checker. Without them those tests are
// left out (PostgreSQL, MariaDB) or reported as ignored (the others).
use std::env;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=migrations");
    for var in [
        "SHORTENER_TEST_POSTGRES",
        "SHORTENER_TEST_MARIADB",
        "SHORTENER_REQUIRE_BROWSER",
        "SHORTENER_REQUIRE_NGINX",
        "SHORTENER_VNU_JAR",
        "PATH",
    ] {
        println!("cargo::rerun-if-env-changed={var}");
    }
    for cfg in [
        "postgres_tests",
        "mariadb_tests",
        "browser_tests",
        "nginx_tests",
        "html_check_tests",
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
    }
    let wanted = |var: &str| env::var_os(var).is_some_and(|v| !v.is_empty());
    if wanted("SHORTENER_TEST_POSTGRES") {
        println!("cargo::rustc-cfg=postgres_tests");
    }
    if wanted("SHORTENER_TEST_MARIADB") {
        println!("cargo::rustc-cfg=mariadb_tests");
    }
    if wanted("SHORTENER_REQUIRE_BROWSER") || on_path("chromedriver") {
        println!("cargo::rustc-cfg=browser_tests");
    }
    if wanted("SHORTENER_REQUIRE_NGINX")
        || on_path("nginx")
        || Path::new("/usr/sbin/nginx").exists()
    {
        println!("cargo::rustc-cfg=nginx_tests");
    }
    if wanted("SHORTENER_VNU_JAR") {
        println!("cargo::rustc-cfg=html_check_tests");
    }
}

/// Whether an executable named `name` is in one of PATH's directories.
fn on_path(name: &str) -> bool {
    env::var_os("PATH")
        .is_some_and(|path| env::split_paths(&path).any(|dir| dir.join(name).is_file()))
}
