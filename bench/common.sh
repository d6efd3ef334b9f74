# Sourced by the bench scripts: the release binary, a scratch directory, and app
# servers on free loopback ports, all stopped when the script exits.

cargo build --release --locked --quiet
bin=$PWD/target/release/shortener
work=$(mktemp -d)
pids=()

cleanup() {
    # TERM first: nginx's master then takes its worker down with it.
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    [ ${#pids[@]} -gt 0 ] && sleep 0.5
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_app DIR [CPU]: serves DIR/shortener.db (or the database at $app_db, if set) with
# rate limiting off, pinned to CPU if given, and waits until it answers; sets app_pid
# and app_port.
start_app() {
    local dir=$1 pin=() env=()
    [ -n "${2:-}" ] && pin=(taskset -c "$2")
    app_port=$(free_port)
    env=(ROCKET_PORT="$app_port" ROCKET_RATE_LIMIT='{per_minute=0}')
    [ -n "${app_db:-}" ] && env+=("ROCKET_DATABASES={links={url=\"$app_db\"}}")
    (cd "$dir" && exec env "${env[@]}" "${pin[@]}" "$bin" > server.log 2>&1) &
    app_pid=$!
    pids+=("$app_pid")
    wait_for "http://127.0.0.1:$app_port/health" && return 0
    echo "the server did not start:" >&2
    cat "$dir/server.log" >&2
    return 1
}

# wait_for URL: until it answers 2xx, for up to 10 s.
wait_for() {
    for _ in $(seq 2000); do
        curl -fs "$1" >/dev/null 2>&1 && return 0
        sleep 0.005
    done
    return 1
}

# stop_app: SIGTERM and wait; the exit status is the server's.
stop_app() {
    kill -TERM "$app_pid"
    wait "$app_pid"
}
