#!/usr/bin/env bash
# `shortener import --from` on the release binary: LINKS links (default 100,000) with
# three visits each, from a Shlink SQLite file and, where a MariaDB server answers
# ($SHORTENER_TEST_MARIADB, else root on 127.0.0.1), a YOURLS database; into this app
# on SQLite and, where one answers ($SHORTENER_TEST_POSTGRES), on PostgreSQL. Prints
# each import's time; exits 1 if one takes a minute or more.
# Usage: bench/import-from.sh [LINKS]
set -euo pipefail
cd "$(dirname "$0")/.."
links=${1:-100000}
source bench/common.sh

# Shlink 4.6's tables in an SQLite file, filled by Python's sqlite3.
python3 - "$work/shlink.db" "$links" tests/sources/shlink.sqlite.sql <<'PY'
import sqlite3, sys
path, n, schema = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(path)
db.executescript(open(schema).read())
db.executemany(
    "insert into short_urls (id, original_url, short_code, date_created) values (?, ?, ?, ?)",
    ((i, f"https://example.com/landing/{i}?campaign=spring", f"k{i:06d}", "2025-06-01 10:00:00")
     for i in range(1, n + 1)))
db.executemany(
    "insert into visits (\"date\", type, short_url_id) values (?, 'valid_short_url', ?)",
    ((f"2025-06-{1 + (v % 28):02d} 12:00:00", 1 + v % n) for v in range(3 * n)))
db.commit()
PY

# YOURLS 1.10's tables on MariaDB, when a server answers (as the user of the URL).
mariadb=${SHORTENER_TEST_MARIADB:-mysql://root@127.0.0.1:3306}
account=${mariadb#mysql://}
account=${account%%@*}
my() { MYSQL_PWD=$( [[ $account == *:* ]] && echo "${account#*:}" ) mysql -h 127.0.0.1 -P 3306 -u "${account%%:*}" "$@"; }
yourls=""
if command -v mysql >/dev/null && my -e 'select 1' >/dev/null 2>&1; then
    name=bench_yourls_$$
    my -e "create database $name"
    my "$name" < tests/sources/yourls.mysql.sql
    python3 - "$links" > "$work/yourls.sql" <<'PY'
import sys
n = int(sys.argv[1])
for start in range(0, n, 5000):
    rows = ", ".join(f"('k{i:06d}', 'https://example.com/landing/{i}', '2025-06-01 10:00:00', '::1', 3)"
                     for i in range(start, min(start + 5000, n)))
    print(f"insert into yourls_url (keyword, url, `timestamp`, ip, clicks) values {rows};")
    rows = ", ".join(f"('2025-06-{1 + (i % 28):02d} 12:00:00', 'k{i:06d}', 'direct', 'b', '::1', 'FR')"
                     for i in range(start, min(start + 5000, n)) for _ in range(3))
    print(f"insert into yourls_log (click_time, shorturl, referrer, user_agent, ip_address, country_code) values {rows};")
PY
    my "$name" < "$work/yourls.sql"
    yourls="${mariadb%/}/$name"
    trap 'my -e "drop database $name"; cleanup' EXIT
fi

# import NAME SOURCE URL [APP_DATABASE_URL]: one timed import into a new database.
import() {
    local dir="$work/$1" env=()
    mkdir -p "$dir"
    [ -n "${4:-}" ] && env=("ROCKET_DATABASES={links={url=\"$4\"}}")
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && env "${env[@]}" "$bin" import --from "$2" "$3" --admin-urls admin.csv > out.txt)
    end=$(date +%s.%N)
    grep -q "^imported $links links" "$dir/out.txt" || { cat "$dir/out.txt" >&2; exit 1; }
    [ "$(wc -l < "$dir/admin.csv")" = $((links + 1)) ] || { echo "$1: admin URLs missing" >&2; exit 1; }
    python3 -c "
s = $end - $start
print('%-44s %8.1f s %9.0f links/s' % ('$1', s, $links / s))
raise SystemExit(0 if s < 60 else 1)" || { echo "$1 took a minute or more" >&2; exit 1; }
}

echo "importing $links links with $((3 * links)) visits"
import "Shlink (SQLite) into SQLite" shlink "sqlite://$work/shlink.db"
[ -n "$yourls" ] && import "YOURLS (MariaDB) into SQLite" yourls "$yourls"
if [ -n "${SHORTENER_TEST_POSTGRES:-}" ] && psql "$SHORTENER_TEST_POSTGRES" -qAtc 'select 1' >/dev/null 2>&1; then
    schema=bench_import_$$
    psql "$SHORTENER_TEST_POSTGRES" -qc "create schema $schema"
    joiner='?'; [[ $SHORTENER_TEST_POSTGRES == *\?* ]] && joiner='&'
    import "Shlink (SQLite) into PostgreSQL" shlink "sqlite://$work/shlink.db" \
        "$SHORTENER_TEST_POSTGRES${joiner}options=-c%20search_path%3D$schema"
    psql "$SHORTENER_TEST_POSTGRES" -qc "set client_min_messages = warning; drop schema $schema cascade"
fi
