#!/usr/bin/env bash
# Memory on a small box: the release binary's resident memory (RSS) idle after start,
# after 10,000 links created through the API (POST /url, rate limiting off, 8
# clients at once), and after SECONDS of redirects over them at 64 connections
# (server on core 0, wrk on core 1): the peak (the kernel's high-water mark, VmHWM,
# over the whole run) and at the end; and the redirects per second. Exits 1 when the
# idle RSS is above IDLE_MAX_MB or the peak or end above LOAD_MAX_MB.
# Usage: bench/memory.sh [seconds=30] [links=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
links=${2:-10000}
IDLE_MAX_MB=${IDLE_MAX_MB:-15}
LOAD_MAX_MB=${LOAD_MAX_MB:-30}

command -v wrk >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}
source bench/common.sh

# mb PID FIELD: VmRSS or VmHWM of PID, in MB.
mb() { awk -v f="$2:" '$1 == f {printf "%.1f", $2/1024}' "/proc/$1/status"; }

dir=$work/app; mkdir -p "$dir"
start_app "$dir" 0
sleep 2
idle=$(mb "$app_pid" VmRSS)

t0=$(date +%s%N)
python3 - "$app_port" "$links" "$work/keys.txt" <<'PY'
import http.client, json, sys, threading
port, total, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
clients = 8
made, lock = [], threading.Lock()
def client(n):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    mine = []
    for i in range(n, total, clients):
        body = json.dumps({"target_url": f"https://example.com/page/{i}?from=memory"})
        conn.request("POST", "/url", body, {"Content-Type": "application/json"})
        reply = conn.getresponse()
        info = json.loads(reply.read())
        if reply.status != 201:
            sys.exit(f"create {i}: {reply.status} {info}")
        mine.append((info["url"].rsplit("/", 1)[1], info["admin_url"].rsplit("/", 1)[1]))
    with lock:
        made.extend(mine)
threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
if len(made) != total:
    sys.exit(f"{len(made)} of {total} links created")
with open(out, "w") as f:
    f.writelines(f"{key} {secret}\n" for key, secret in made)
PY
t1=$(date +%s%N)
sleep 2
created=$(mb "$app_pid" VmRSS)

result=$(BENCH_KEYS=$work/keys.txt BENCH_MODE=redirect BENCH_QUIET_AT=0 taskset -c 1 \
    wrk -t2 -c64 -d"${secs}s" -s bench/redirect.lua "http://127.0.0.1:$app_port" | grep '^RESULT')
rps=$(sed -nE 's/^RESULT .* 3xx=([0-9]+) .* duration_us=([0-9]+)$/\1 \2/p' <<<"$result" |
    awk '{printf "%.0f", $1 / ($2 / 1e6)}')
peak=$(mb "$app_pid" VmHWM)
sleep 2
end=$(mb "$app_pid" VmRSS)
parts="anonymous $(mb "$app_pid" RssAnon), file $(mb "$app_pid" RssFile), shared $(mb "$app_pid" RssShmem)"
threads=$(awk '$1 == "Threads:" {print $2}' "/proc/$app_pid/status")
stop_app

printf '| measure | value |\n|---|---|\n'
printf '| RSS idle after start | %s MB |\n' "$idle"
printf '| %s creates through the API | %.1f s |\n' "$links" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) / 1e9}')"
printf '| RSS after the creates | %s MB |\n' "$created"
printf '| redirects, %s s at 64 connections | %s req/s |\n' "$secs" "$rps"
printf '| RSS peak (whole run) | %s MB |\n' "$peak"
printf '| RSS at the end | %s MB (%s; %s threads) |\n' "$end" "$parts" "$threads"

python3 - "$idle" "$peak" "$end" "$IDLE_MAX_MB" "$LOAD_MAX_MB" <<'PY'
import sys
idle, peak, end, idle_max, load_max = map(float, sys.argv[1:])
over = []
if idle > idle_max: over.append(f"idle {idle} MB > {idle_max} MB")
if peak > load_max: over.append(f"peak {peak} MB > {load_max} MB")
if end > load_max: over.append(f"end {end} MB > {load_max} MB")
print("over the thresholds: " + "; ".join(over) if over else
      f"within the thresholds (idle <= {idle_max:g} MB, under load <= {load_max:g} MB)")
sys.exit(1 if over else 0)
PY
