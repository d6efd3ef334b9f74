#!/usr/bin/env bash
# Schemathesis against the JSON API (bench/openapi.yaml) on the release binary:
# generated and hostile requests on every route; any 5xx or off-spec answer fails.
# Usage: bench/fuzz-api.sh [max examples per operation = 200]
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-200}

command -v st >/dev/null || python3 -m pip install -q schemathesis
cargo build --release --locked --quiet
bin=$PWD/target/release/shortener

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
    if [ -n "${pid:-}" ]; then kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

(cd "$work" && ROCKET_PORT=$port ROCKET_RATE_LIMIT='{per_minute=0}' exec "$bin" > server.log 2>&1) &
pid=$!
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.1
done

# bench/schemathesis.toml says which checks are left out, and why.
st --config-file bench/schemathesis.toml run bench/openapi.yaml --url "http://127.0.0.1:$port" \
    --header 'Accept: application/json' \
    --max-examples "$examples" --phases examples,coverage,fuzzing \
    --no-color
