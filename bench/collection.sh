#!/usr/bin/env bash
# A collection of 1,000 links on the release binary (SQLite): the median time of its
# page (HTML), its JSON and its CSV over 21 requests each, beside one link's admin page
# measured in the same run; then that admin page again while 4 connections loop reads
# of the whole collection (its CSV). Exits 1 if the page's median is 100 ms or more, a
# page is 2 MB or more, the CSV misses a link, or the other owner's admin page takes
# 50 ms or more (median) beside the loops.
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

count=$(curl -sf -H 'Accept: application/json' "$collection" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$count" = "$links" ] || { echo "the collection holds $count links, not $links" >&2; exit 1; }
rows=$(curl -sf "$collection/links.csv" | python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)')
[ "$rows" = "$links" ] || { echo "the CSV has $rows links, not $links" >&2; exit 1; }
page_bytes=$(curl -sf -o /dev/null -H 'Accept: text/html' -w '%{size_download}' "$collection")
json_bytes=$(curl -sf -o /dev/null -H 'Accept: application/json' -w '%{size_download}' "$collection")
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
printf '%-40s %10s\n' "collection page size (HTML, JSON)" "$page_bytes, $json_bytes bytes"
for bytes in "$page_bytes" "$json_bytes"; do
    [ "$bytes" -lt 2000000 ] || { echo "a page is $bytes bytes (limit 2 MB)" >&2; exit 1; }
done

# Another owner's page while 4 connections read the whole collection over and over.
loops=()
for _ in 1 2 3 4; do
    (while :; do curl -sf -o /dev/null "$collection/links.csv" || true; done) &
    loops+=("$!")
done
sleep 1
crowded_ms=$(median "$one" text/html)
kill "${loops[@]}" 2>/dev/null || true
wait "${loops[@]}" 2>/dev/null || true
printf '%-40s %10s\n' "admin page beside 4 looping CSV reads" "$crowded_ms"
python3 -c "import sys; sys.exit(0 if $crowded_ms < 50 else 1)" ||
    { echo "another owner's page took $crowded_ms ms beside the reads (limit 50)" >&2; exit 1; }
