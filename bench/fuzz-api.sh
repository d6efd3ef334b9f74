#!/usr/bin/env bash
# Schemathesis, every check, against the API description the release binary serves
# (/openapi.json): examples, coverage, fuzzing and stateful phases, in both
# representations. Any 5xx or answer the document does not describe fails.
# The one check left out (unsupported_method), and the rotations left out of the stateful
# phase, have their reasons in bench/schemathesis.toml;
# bench/schemathesis_hooks.py
# fits the generators to the rules JSON Schema cannot state.
# Usage: bench/fuzz-api.sh [max examples per operation = 200]
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-200}

command -v st >/dev/null || python3 -m pip install -q 'schemathesis>=4,<5'
source bench/common.sh
# Link previews on, so their fields are exercised too (off, each is a 422).
export ROCKET_PREVIEWS=true
start_app "$work"

PYTHONPATH="$PWD/bench" SCHEMATHESIS_HOOKS=schemathesis_hooks \
    st --config-file bench/schemathesis.toml run "http://127.0.0.1:$app_port/openapi.json" \
    --checks all --exclude-checks unsupported_method --max-examples "$examples" \
    --phases examples,coverage,fuzzing,stateful --no-color
