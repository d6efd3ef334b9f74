#!/usr/bin/env bash
# Performance side by side with nginx `return 307`, on loopback, as ratios from one run.
# Server (and nginx) pinned to core 0, wrk to core 1. Usage: bench/perf.sh [seconds=10] [runs=3]
# Scenarios: redirect at 64 connections and at 1, create, admin read (10,000 links),
# then redirect, memory and start-up with 1,000,000 links. Clicks are checked after
# each graceful stop: the clicks stored must equal the redirects wrk counted.
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

# nginx: one worker on core 0, no logs, the same 307 a shortener sends.
nport=$(free_port)
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx;
    proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx;
    scgi_temp_path $work/nginx;
    server {
        listen 127.0.0.1:$nport;
        location / { return 307 https://example.com/seeded\$uri; }
    }
}
NGINX
taskset -c 0 nginx -c "$work/nginx/nginx.conf" &
pids+=($!)

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
clicks() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select coalesce(sum(clicks),0) from link").fetchone()[0])' "$1/shortener.db"; }

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
row() { rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s |' "$@")"); }

scenario() { # name db-dir mode conns
    local name=$1 dir=$2 mode=$3 conns=$4 app=() ngx=() line
    for _ in $(seq "$runs"); do
        line=$(bench "$app_port" "$mode" "$conns"); app+=("$line")
        [ "$mode" = create ] && total_3xx=$total_3xx || true
        [ "$mode" = redirect ] && total_3xx=$((total_3xx + $(cut -d' ' -f4 <<<"$line")))
        if [ "$mode" != create ] && [ "$mode" != admin ]; then
            line=$(bench "$nport" redirect "$conns"); ngx+=("$line")
        fi
    done
    local a_rps a_p50 a_p99 n_rps n_p50 n_p99 ratio p99ratio
    a_rps=$(printf '%s\n' "${app[@]}" | cut -d' ' -f1 | median)
    a_p50=$(printf '%s\n' "${app[@]}" | cut -d' ' -f2 | median)
    a_p99=$(printf '%s\n' "${app[@]}" | cut -d' ' -f3 | median)
    if [ ${#ngx[@]} -gt 0 ]; then
        n_rps=$(printf '%s\n' "${ngx[@]}" | cut -d' ' -f1 | median)
        n_p50=$(printf '%s\n' "${ngx[@]}" | cut -d' ' -f2 | median)
        n_p99=$(printf '%s\n' "${ngx[@]}" | cut -d' ' -f3 | median)
        ratio=$(python3 -c "print(f'{$a_rps/$n_rps:.2f}')")
        p99ratio=$(python3 -c "print(f'{$a_p99/$n_p99:.2f}')")
        row "$name: nginx return 307" "$n_rps" "$n_p50" "$n_p99" "1.00" "" ""
        row "$name: shortener" "$a_rps" "$a_p50" "$a_p99" "$ratio" "p99 ×$p99ratio" "$(rss_mb "$app_pid")"
    else
        row "$name: shortener" "$a_rps" "$a_p50" "$a_p99" "" "" "$(rss_mb "$app_pid")"
    fi
}

lost_row() { # name dir
    local stored
    stored=$(clicks "$2")
    row "$1: clicks after graceful stop" "$total_3xx redirects counted" "" "" "" "$stored stored, $((total_3xx - stored)) lost" ""
}

echo "seeding 10,000 links"
small=$work/small; mkdir -p "$small"
start_app "$small" 0; stop_app
keys=$work/keys-small.txt
python3 bench/seed.py "$small/shortener.db" 10000 10000 "$keys"
start_app "$small" 0
row "10k links: start" "" "" "" "" "" "$(rss_mb "$app_pid")"
total_3xx=0
scenario "redirect, 64 conns, 10k links" "$small" redirect 64
scenario "redirect, 1 conn" "$small" redirect 1
scenario "create (JSON), 64 conns" "$small" create 64
scenario "admin read (JSON), 64 conns" "$small" admin 64
stop_app
lost_row "10k links" "$small"

echo "seeding $big links"
large=$work/large; mkdir -p "$large"
start_app "$large" 0; stop_app
keys=$work/keys-large.txt
python3 bench/seed.py "$large/shortener.db" "$big" 10000 "$keys"
t0=$(date +%s%N); start_app "$large" 0; t1=$(date +%s%N)
row "$big links: start-up to first answer" "" "$(( (t1 - t0) / 1000000 )) ms" "" "" "" "$(rss_mb "$app_pid")"
total_3xx=0
scenario "redirect, 64 conns, $big links" "$large" redirect 64
stop_app
lost_row "$big links" "$large"

echo
echo "| scenario | req/s | p50 ms | p99 ms | × nginx | notes | RSS MB |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
