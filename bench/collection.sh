#!/usr/bin/env bash
# A collection of 1,000 links on the release binary (SQLite): the median time of its
# page (HTML), its JSON and its CSV over 21 requests each, beside one link's admin page
# measured in the same run. Exits 1 if the page's median is 100 ms or more.
# Usage: bench/collection.sh [LINKS]
set -euo pipefail
cd "$(dirname "$0")/.."
links=${1:-1000}

source bench/common.sh
start_app "$work"
base="http://127.0.0.1:$app_port"
collection=$(curl -sf -H 'Content-Type: application/json' -d '{"name": "Benchmark"}' "$base/collections" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
secret=${collection##*/}
for ((made = 0; made < links; made += 100)); do
    python3 - "$secret" "$made" "$links" > "$work/batch.json" <<'PY'
import json, sys
secret, start, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(json.dumps([{"target_url": f"https://example.com/landing/{n}?campaign=spring", "collection": secret}
                  for n in range(start, min(start + 100, total))]))
PY
    curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/batch.json" "$base/url"
done
one=$(curl -sf -H 'Content-Type: application/json' -d '{"target_url": "https://example.com/one"}' "$base/url" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["admin_url"])')
# Clicks on a tenth of the links, written before the timing starts.
curl -sf -H 'Accept: application/json' "$collection" |
    python3 -c 'import json,sys; [print(l["url"]) for l in json.load(sys.stdin)["links"][::10]]' |
    while read -r short; do curl -s -o /dev/null "$short"; done
sleep 1.5

# median URL ACCEPT: the median of 21 requests' total time, in ms (one warm-up first).
median() {
    curl -sf -o /dev/null -H "Accept: $2" "$1"
    for _ in $(seq 21); do curl -sf -o /dev/null -H "Accept: $2" -w '%{time_total}\n' "$1"; done |
        python3 -c 'import statistics,sys; print("%.1f" % (1000 * statistics.median(float(l) for l in sys.stdin)))'
}

count=$(curl -sf -H 'Accept: application/json' "$collection" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["links"]))')
[ "$count" = "$links" ] || { echo "the collection lists $count links, not $links" >&2; exit 1; }
admin_ms=$(median "$one" text/html)
page_ms=$(median "$collection" text/html)
json_ms=$(median "$collection" application/json)
csv_ms=$(median "$collection/links.csv" text/csv)
printf '%-40s %10s\n' "request ($links links)" "median ms"
printf '%-40s %10s\n' "one link's admin page (reference)" "$admin_ms"
printf '%-40s %10s\n' "collection page (HTML)" "$page_ms"
printf '%-40s %10s\n' "collection (JSON)" "$json_ms"
printf '%-40s %10s\n' "collection list (CSV)" "$csv_ms"
python3 -c "print('collection page / admin page: %.1fx' % ($page_ms / $admin_ms))"
python3 -c "import sys; sys.exit(0 if $page_ms < 100 else 1)" || { echo "the page took $page_ms ms (limit 100)" >&2; exit 1; }
