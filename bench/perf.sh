#!/usr/bin/env bash
# Performance beside two references, on loopback, as ratios from one run: nginx
# `return 307`, and a bare Rocket 0.5 route (bench/bare-rocket: a HashMap lookup and a
# 307, no fairings, logging off, the shortener's Rocket features and release profile).
# Every server pinned to core 0, wrk to core 1; rounds interleaved, medians reported.
# Usage: bench/perf.sh [seconds=10] [runs=3]
# Scenarios: redirect at 64 connections and at 1, create, admin read (10,000 links),
# the same three on PostgreSQL and on two instances behind nginx (as ratios against
# SQLite from this run), then redirect, memory and start-up with 1,000,000 links.
# Clicks are checked after each graceful stop: stored must equal what wrk counted.
# BENCH_SCALE_OUT=0 leaves out PostgreSQL and nginx-in-front; BENCH_BIG sets the
# large link count; BENCH_COMPARE_BIN=<another shortener binary> adds its figures on
# a copy of the same 10,000 links, measured in the same rounds (an older version, say).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
runs=${2:-3}
big=${BENCH_BIG:-1000000}

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
source bench/common.sh

# nginx_conf DIR: an nginx.conf in DIR around the http-level config on standard input:
# one worker, no access log, every file in DIR.
nginx_conf() {
    local dir=$1
    mkdir -p "$dir"
    {
        printf 'worker_processes 1;\ndaemon off;\npid %s/nginx.pid;\nerror_log %s/error.log;\n' "$dir" "$dir"
        printf 'events { worker_connections 1024; }\nhttp {\n    access_log off;\n'
        for kind in client_body proxy fastcgi uwsgi scgi; do
            printf '    %s_temp_path %s;\n' "$kind" "$dir"
        done
        cat
        printf '}\n'
    } > "$dir/nginx.conf"
}

# nginx as the reference: on core 0, the same 307 a shortener sends.
nport=$(free_port)
nginx_conf "$work/nginx" <<NGINX
    server {
        listen 127.0.0.1:$nport;
        location / { return 307 https://example.com/seeded\$uri; }
    }
NGINX
taskset -c 0 nginx -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
pids+=($!)

# The bare Rocket route, on core 0, answering the keys of $1 (restarted per key set).
cargo build --release --locked --quiet --manifest-path bench/bare-rocket/Cargo.toml
bare_bin=$PWD/bench/bare-rocket/target/release/bare-rocket
bport=$(free_port)
start_bare() {
    [ -n "${bare_pid:-}" ] && kill "$bare_pid" 2>/dev/null && wait "$bare_pid" 2>/dev/null || true
    BENCH_KEYS=$1 ROCKET_PORT=$bport taskset -c 0 "$bare_bin" >/dev/null 2>&1 &
    bare_pid=$!
    pids+=("$bare_pid")
    wait_for "http://127.0.0.1:$bport/robots.txt" && return 0
    echo "the bare Rocket reference did not start" >&2
    return 1
}

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
clicks() { # dir, or a postgres:// URL
    case $1 in
    postgres*) psql "$1" -qAtc 'select coalesce(sum(clicks), 0) from link' ;;
    *) python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select coalesce(sum(clicks),0) from link").fetchone()[0])' "$1/shortener.db" ;;
    esac
}

# wrk against port $1 in mode $2 with $3 connections; prints "req/s p50_ms p99_ms 3xx".
bench() {
    local port=$1 mode=$2 conns=$3 threads=2 quiet=0 start
    [ "$conns" -lt 2 ] && threads=1
    start=$(date +%s.%N)
    # The quiet last second is for click accounting, so only the app gets it.
    [ "$mode" = redirect ] && [ "$port" != "$nport" ] && quiet=$(( ${start%.*} + secs - 1 ))
    local out
    out=$(BENCH_KEYS="$keys" BENCH_MODE=$mode BENCH_QUIET_AT=$quiet taskset -c 1 \
        wrk -t$threads -c"$conns" -d"${secs}s" -s bench/redirect.lua "http://127.0.0.1:$port" | grep '^RESULT')
    python3 - "$out" "$mode" "$quiet" "$start" <<'PY'
import re, sys
r = dict(re.findall(r"(\w+)=(\d+)", sys.argv[1]))
mode, quiet, start = sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
secs = int(r["duration_us"]) / 1e6
# With a quiet tail, the redirect rate is over the redirect phase only.
count = int(r["3xx"]) if mode == "redirect" else int(r["requests"])
phase = quiet - start if quiet else secs
bad = int(r["errors"]) + (0 if mode == "create" else 0)
print(f"{count / phase:.0f} {int(r['p50_us']) / 1000:.3f} {int(r['p99_us']) / 1000:.3f} {r['3xx']} {bad}")
PY
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

rows=()
row() { rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s |' "$@")"); }

# col N LINES...: the median of field N of the result lines.
col() { local n=$1; shift; printf '%s\n' "$@" | cut -d' ' -f"$n" | median; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

scenario() { # name db-dir mode conns
    local name=$1 dir=$2 mode=$3 conns=$4 app=() ngx=() bare=() old=() line
    for _ in $(seq "$runs"); do
        line=$(bench "$app_port" "$mode" "$conns"); app+=("$line")
        [ "$mode" = redirect ] && total_3xx=$((total_3xx + $(cut -d' ' -f4 <<<"$line")))
        if [ -n "${old_port:-}" ]; then
            line=$(bench "$old_port" "$mode" "$conns"); old+=("$line")
        fi
        if [ "$mode" = redirect ]; then
            line=$(bench "$bport" redirect "$conns"); bare+=("$line")
            line=$(bench "$nport" redirect "$conns"); ngx+=("$line")
        fi
    done
    local a_rps a_p50 a_p99 n_rps b_rps b_p99
    a_rps=$(col 1 "${app[@]}") a_p50=$(col 2 "${app[@]}") a_p99=$(col 3 "${app[@]}")
    if [ "$mode" = redirect ]; then
        n_rps=$(col 1 "${ngx[@]}") b_rps=$(col 1 "${bare[@]}") b_p99=$(col 3 "${bare[@]}")
        row "$name: nginx return 307" "$n_rps" "$(col 2 "${ngx[@]}")" "$(col 3 "${ngx[@]}")" "1.00" "" "" ""
        row "$name: bare Rocket route" "$b_rps" "$(col 2 "${bare[@]}")" "$b_p99" "$(ratio "$b_rps" "$n_rps")" "1.00" "" "$(rss_mb "$bare_pid")"
        row "$name: shortener" "$a_rps" "$a_p50" "$a_p99" "$(ratio "$a_rps" "$n_rps")" "**$(ratio "$a_rps" "$b_rps")**" \
            "p99 × bare Rocket $(ratio "$a_p99" "$b_p99")" "$(rss_mb "$app_pid")"
        [ -n "${old_port:-}" ] && row "$name: compared binary" "$(col 1 "${old[@]}")" "$(col 2 "${old[@]}")" \
            "$(col 3 "${old[@]}")" "$(ratio "$(col 1 "${old[@]}")" "$n_rps")" "$(ratio "$(col 1 "${old[@]}")" "$b_rps")" "" "$(rss_mb "$old_pid")"
    else
        row "$name: shortener" "$a_rps" "$a_p50" "$a_p99" "" "" "" "$(rss_mb "$app_pid")"
        [ -n "${old_port:-}" ] && row "$name: compared binary" "$(col 1 "${old[@]}")" "$(col 2 "${old[@]}")" \
            "$(col 3 "${old[@]}")" "" "" "× shortener $(ratio "$(col 1 "${old[@]}")" "$a_rps")" "$(rss_mb "$old_pid")"
    fi
    sqlite_rps["$mode $conns"]=$a_rps
    return 0
}

declare -A sqlite_rps

# Transactions committed on the benchmark's PostgreSQL database so far.
xacts() {
    psql "$SHORTENER_TEST_POSTGRES" -qAtc "select xact_commit from pg_stat_database where datname = 'shortener_bench'"
}

# compared NAME MODE CONNS: the app at $app_port, as a ratio to SQLite's figure above.
# Redirects start with one unmeasured run that fills the caches, then count the
# database transactions per redirect: only flushes and the cache watcher's polls,
# spread over every redirect, since a cached redirect itself makes none.
compared() {
    local name=$1 mode=$2 conns=$3 app=() line a_rps a_p50 a_p99 ratio note x0 redirects=0
    if [ "$mode" = redirect ]; then
        line=$(bench "$app_port" "$mode" "$conns")
        total_3xx=$((total_3xx + $(cut -d' ' -f4 <<<"$line")))
    fi
    x0=$(xacts)
    for _ in $(seq "$runs"); do
        line=$(bench "$app_port" "$mode" "$conns"); app+=("$line")
        [ "$mode" = redirect ] && redirects=$((redirects + $(cut -d' ' -f4 <<<"$line")))
    done
    total_3xx=$((total_3xx + redirects))
    a_rps=$(printf '%s\n' "${app[@]}" | cut -d' ' -f1 | median)
    a_p50=$(printf '%s\n' "${app[@]}" | cut -d' ' -f2 | median)
    a_p99=$(printf '%s\n' "${app[@]}" | cut -d' ' -f3 | median)
    ratio=$(python3 -c "print(f'{$a_rps/${sqlite_rps["$mode $conns"]}:.2f}')")
    note="× SQLite $ratio"
    if [ "$mode" = redirect ]; then
        sleep 1.5 # PostgreSQL publishes its counters about once a second
        note+=", $(python3 -c "print(f'{($(xacts) - $x0) / $redirects:.5f}')") db transactions per redirect"
    fi
    row "$name" "$a_rps" "$a_p50" "$a_p99" "" "" "$note" "$(rss_mb "$app_pid")"
}

lost_row() { # name dir
    local stored
    stored=$(clicks "$2")
    row "$1: clicks after graceful stop" "$total_3xx redirects counted" "" "" "" "" "$stored stored, $((total_3xx - stored)) lost" ""
}

echo "seeding 10,000 links"
small=$work/small; mkdir -p "$small"
start_app "$small" 0; stop_app
keys=$work/keys-small.txt
python3 bench/seed.py "$small/shortener.db" 10000 10000 "$keys"
start_bare "$keys"
if [ -n "${BENCH_COMPARE_BIN:-}" ]; then
    old=$work/old; mkdir -p "$old"; cp "$small/shortener.db" "$old/"
    main_bin=$bin bin=$BENCH_COMPARE_BIN
    start_app "$old" 0; old_pid=$app_pid old_port=$app_port
    bin=$main_bin
fi
start_app "$small" 0
row "10k links: start" "" "" "" "" "" "" "$(rss_mb "$app_pid")"
total_3xx=0
scenario "redirect, 64 conns, 10k links" "$small" redirect 64
scenario "redirect, 1 conn" "$small" redirect 1
scenario "create (JSON), 64 conns" "$small" create 64
scenario "admin read (JSON), 64 conns" "$small" admin 64
stop_app
lost_row "10k links" "$small"
if [ -n "${old_port:-}" ]; then
    kill -TERM "$old_pid"; wait "$old_pid" || true
    old_port=
fi

if [ "${BENCH_SCALE_OUT:-1}" != 0 ]; then
    # The same 10,000 links, moved to PostgreSQL with export and import. PostgreSQL
    # itself is not pinned: it shares both cores with the app and wrk.
    source bench/postgres.sh
    pg_url="${SHORTENER_TEST_POSTGRES%/*}/shortener_bench"
    psql "$SHORTENER_TEST_POSTGRES" -qc 'drop database if exists shortener_bench' -c 'create database shortener_bench'
    (cd "$small" && "$bin" export --output "$work/small.json" 2>/dev/null)
    pg=$work/pg; mkdir -p "$pg"
    (cd "$pg" && ROCKET_DATABASES="{links={url=\"$pg_url\"}}" "$bin" import "$work/small.json" >/dev/null)
    app_db=$pg_url
    start_app "$pg" 0
    before=$(clicks "$pg_url") total_3xx=0
    compared "PostgreSQL: redirect, 64 conns" redirect 64
    compared "PostgreSQL: create (JSON), 64 conns" create 64
    compared "PostgreSQL: admin read (JSON), 64 conns" admin 64
    stop_app
    stored=$(( $(clicks "$pg_url") - before ))
    row "PostgreSQL: clicks after graceful stop" "$total_3xx redirects counted" "" "" "" "" "$stored stored, $((total_3xx - stored)) lost" ""

    # Two instances on that database behind nginx, with docs/scale-out/nginx.conf:
    # both instances on core 0, nginx unpinned. On two cores this shows what the
    # proxy costs, not what a second machine would add.
    before=$(clicks "$pg_url")
    start_app "$pg" 0; a_pid=$app_pid; a_port=$app_port
    start_app "$pg" 0; b_pid=$app_pid; b_port=$app_port
    proxy=$(free_port)
    sed -e "s/127.0.0.1:8000/127.0.0.1:$proxy/" -e "s/127.0.0.1:8001/127.0.0.1:$a_port/" \
        -e "s/127.0.0.1:8002/127.0.0.1:$b_port/" docs/scale-out/nginx.conf | nginx_conf "$work/proxy"
    nginx -e "$work/proxy/error.log" -c "$work/proxy/nginx.conf" &
    pids+=($!)
    for _ in $(seq 200); do curl -fs "http://127.0.0.1:$proxy/health" >/dev/null 2>&1 && break; sleep 0.05; done
    app_port=$proxy app_pid=$a_pid
    total_3xx=0
    compared "2 instances behind nginx: redirect, 64 conns" redirect 64
    compared "2 instances behind nginx: create (JSON), 64 conns" create 64
    compared "2 instances behind nginx: admin read (JSON), 64 conns" admin 64
    kill -TERM "$a_pid" "$b_pid"; wait "$a_pid" "$b_pid" || true
    stored=$(( $(clicks "$pg_url") - before ))
    row "2 instances: clicks after graceful stop" "$total_3xx redirects counted" "" "" "" "" "$stored stored, $((total_3xx - stored)) lost" ""
    app_db=
fi

echo "seeding $big links"
large=$work/large; mkdir -p "$large"
start_app "$large" 0; stop_app
keys=$work/keys-large.txt
python3 bench/seed.py "$large/shortener.db" "$big" 10000 "$keys"
start_bare "$keys"
t0=$(date +%s%N); start_app "$large" 0; t1=$(date +%s%N)
row "$big links: start-up to first answer" "" "$(( (t1 - t0) / 1000000 )) ms" "" "" "" "" "$(rss_mb "$app_pid")"
total_3xx=0
scenario "redirect, 64 conns, $big links" "$large" redirect 64
stop_app
lost_row "$big links" "$large"

echo
echo "| scenario | req/s | p50 ms | p99 ms | × nginx | × bare Rocket | notes | RSS MB |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
