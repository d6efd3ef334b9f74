#!/usr/bin/env bash
# A flood of reports on the release binary (SQLite): 2,000 reports with long texts on one
# link (the per-address limit off, as if from 2,000 networks), then the server's resident
# memory around two rounds of 8 moderation views at once (the first warms the worker
# threads), and the report rows kept. Exits 1 if the second round adds 5 MB or more, or
# more rows are kept than the cap allows.
# Usage: bench/moderation.sh [REPORTS]
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-2000}

source bench/common.sh
export ROCKET_REPORT_RATE_LIMIT='{per_minute=0}'
start_app "$work"
base="http://127.0.0.1:$app_port"
key=$(curl -sf -H 'Accept: application/json' -H 'Content-Type: application/json' \
    -d '{"target_url": "https://example.com/flooded"}' "$base/url" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["url"].rsplit("/", 1)[1])')
python3 - "$app_port" "$key" "$reports" <<'PY'
import http.client, json, sys
port, key, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port)
text = "x" * 990
for i in range(n):
    body = json.dumps({"reason": "spam" if i % 4 else "phishing", "details": f"{i} {text}"})
    conn.request("POST", f"/report/{key}", body,
                 {"Content-Type": "application/json", "Accept": "application/json"})
    answer = conn.getresponse()
    answer.read()
    assert answer.status == 202, (i, answer.status)
PY
moderation=$(cd "$work" && "$bin" moderation-url | grep -o 'http[^ ]*/moderate/[A-Za-z0-9]*' | head -1)
moderation="$base/moderate/${moderation##*/}"
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$app_pid/status"; }
# eight_views: 8 moderation views at once.
eight_views() {
    local views=()
    for _ in 1 2 3 4 5 6 7 8; do
        curl -sf -o /dev/null -H 'Accept: text/html' "$moderation" &
        views+=("$!")
    done
    wait "${views[@]}"
}
# A first round warms the server's worker threads (each keeps some memory of its own);
# the second round's growth is what a view costs.
start=$(rss)
eight_views
before=$(rss)
eight_views
after=$(rss)
bytes=$(curl -sf -o /dev/null -H 'Accept: text/html' -w '%{size_download}' "$moderation")
rows=$(python3 -c "import sqlite3,sys; print(sqlite3.connect('file:$work/shortener.db?mode=ro', uri=True).execute('select count(*) from report').fetchone()[0])")
printf '%-44s %10s\n' "reports sent on one link" "$reports"
printf '%-44s %10s\n' "report rows kept" "$rows"
printf '%-44s %10s\n' "moderation page (HTML) bytes" "$bytes"
printf '%-44s %10s\n' "RSS at the start (KiB)" "$start"
printf '%-44s %10s\n' "RSS after 8 views at once (KiB)" "$before"
printf '%-44s %10s\n' "RSS after 8 more (KiB)" "$after"
[ "$rows" -le 20 ] || { echo "$rows report rows kept (cap 20)" >&2; exit 1; }
[ $((after - before)) -lt 5120 ] || { echo "the views added $((after - before)) KiB (limit 5 MB)" >&2; exit 1; }
