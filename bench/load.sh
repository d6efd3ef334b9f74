#!/usr/bin/env bash
# Load test: mixed traffic against the release binary on loopback, then a graceful
# stop, then a count of lost clicks. Usage: bench/load.sh [seconds=60] [connections=256]
# Prints one RESULT line and fails on any 4xx or 5xx (every request is valid), socket
# error or lost click.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
connections=${2:-256}
links=${LOAD_LINKS:-2000}

if ! command -v wrk >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
source bench/common.sh
start_app "$work"
port=$app_port

echo "seeding $links links"
python3 - "$port" "$links" > "$work/keys.txt" <<'PY'
import http.client, json, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port)
for i in range(n):
    body = json.dumps({"target_url": f"https://example.com/seed/{i}"})
    conn.request("POST", "/url", body, {"Content-Type": "application/json"})
    info = json.loads(conn.getresponse().read())
    print(info["url"].rsplit("/", 1)[1], info["admin_url"].rsplit("/", 1)[1])
PY

echo "wrk: ${seconds}s, $connections connections, 90% redirects / 9% creates / 1% admin reads"
quiet_at=$(( $(date +%s) + seconds - 2 ))
result=$(LOAD_KEYS="$work/keys.txt" LOAD_QUIET_AT=$quiet_at wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s \
    -s bench/mixed.lua "http://127.0.0.1:$port" | tee "$work/wrk.txt" | grep '^RESULT')
stop_app && stopped=0 || stopped=$?

clicks=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select coalesce(sum(clicks),0) from link").fetchone()[0])' "$work/shortener.db")
redirects=$(sed -E 's/.* 3xx=([0-9]+).*/\1/' <<<"$result")
lost=$((redirects - clicks))
echo "$result clicks_in_db=$clicks lost_clicks=$lost exit_status=$stopped"
grep -E 'Requests/sec|Latency' "$work/wrk.txt"

fail=0
grep -q ' 5xx=0 ' <<<"$result" || { echo "FAIL: server errors"; fail=1; }
grep -q ' socket_errors=0 ' <<<"$result" || { echo "FAIL: socket errors"; fail=1; }
grep -q ' 4xx=0 ' <<<"$result" || { echo "FAIL: refusals of valid requests"; fail=1; }
[ "$lost" -eq 0 ] || { echo "FAIL: $lost clicks lost"; fail=1; }
[ "$stopped" -eq 0 ] || { echo "FAIL: graceful stop exited $stopped"; fail=1; }
[ "$fail" -eq 0 ] && echo "load: ok"
exit "$fail"
