#!/usr/bin/env bash
# Schemathesis against the JSON API (bench/openapi.yaml) on the release binary:
# generated and hostile requests on every route; any 5xx or off-spec answer fails.
# Usage: bench/fuzz-api.sh [max examples per operation = 200]
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-200}

command -v st >/dev/null || python3 -m pip install -q schemathesis
source bench/common.sh
start_app "$work"

# bench/schemathesis.toml says which checks are left out, and why.
st --config-file bench/schemathesis.toml run bench/openapi.yaml --url "http://127.0.0.1:$app_port" \
    --header 'Accept: application/json' \
    --max-examples "$examples" --phases examples,coverage,fuzzing \
    --no-color
