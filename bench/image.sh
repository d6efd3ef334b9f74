#!/usr/bin/env bash
# The container image, end to end, with podman: build it (deploy/build-image.sh), check
# its size (at most 25 MB) and user (not root); run it on a named volume, create a link
# and follow it, pass its health check, stop it (SIGTERM) and time that, start a new
# container on the same volume and find the link with its clicks; resolve a host name
# and reach an HTTPS host from inside; then compose.yaml with podman-compose (up,
# create, down, up, still there); and deploy/shortener.service through
# `systemd-analyze verify` where that exists. Everything it starts is removed at exit.
#
# Podman here runs containers with runc and cgroupfs, without default ulimits: a
# containers.conf of this script's own says so (CONTAINERS_CONF), nothing in /etc changes.
set -euo pipefail
cd "$(dirname "$0")/.."

tag=localhost/shortener:latest
max_bytes=25000000
run_id=shortener-test-$$
work=$(mktemp -d)
containers=()
volume=$run_id-data
volumes=("$volume" "$run_id-checked")
compose_started=false
compose_project=${run_id//-/_}

cat > "$work/containers.conf" <<'EOF'
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
EOF
export CONTAINERS_CONF=$work/containers.conf

cleanup() {
    set +e
    if $compose_started; then
        compose down -v >/dev/null 2>&1
        podman volume rm -f "${compose_project}_data" >/dev/null 2>&1
    fi
    # podman-compose 1.0 leaves the project's network behind.
    podman network rm -f "${compose_project}_default" >/dev/null 2>&1
    for c in "${containers[@]}"; do podman rm -f "$c" >/dev/null 2>&1; done
    for v in "${volumes[@]}"; do podman volume rm -f "$v" >/dev/null 2>&1; done
    [ -n "${pg_schema:-}" ] && psql "$SHORTENER_TEST_POSTGRES" -qc "drop schema if exists $pg_schema cascade" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_healthy PORT NAME: until /health answers 200, for up to 20 s.
wait_healthy() {
    for _ in $(seq 200); do
        curl -fs "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    podman logs "$2" >&2 || true
    fail "$2 did not answer /health on port $1"
}

# run_container NAME PORT VOLUME [podman run options...]: starts the image with the
# named volume at /data, and waits until it is healthy.
run_container() {
    local name=$1 port=$2 data=$3
    shift 3
    containers+=("$name")
    quiet podman run -d --name "$name" -v "$data:/data" -p "127.0.0.1:$port:8000" \
        -e ROCKET_BASE_URL="http://127.0.0.1:$port" "$@" "$tag"
    wait_healthy "$port" "$name"
}

# quiet COMMAND...: runs it with its output kept aside, shown only if it fails. (Podman
# without systemd says at every start and stop that it cannot set up the health check's
# timer; `podman healthcheck run` works all the same.)
quiet() {
    "$@" >"$work/quiet.log" 2>&1 || {
        cat "$work/quiet.log" >&2
        fail "$*"
    }
}

# create PORT TARGET: prints "key secret" of a new link.
create() {
    curl -fsS -H 'Content-Type: application/json' -d "{\"target_url\": \"$2\"}" \
        "http://127.0.0.1:$1/url" |
        python3 -c 'import json,sys; i=json.load(sys.stdin); print(i["url"].rsplit("/",1)[1], i["admin_url"].rsplit("/",1)[1])'
}

# follow PORT KEY TARGET: one visit, which must be a 307 to TARGET.
follow() {
    local got
    got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$1/$2")
    [ "$got" = "307 $3" ] || fail "GET /$2 answered '$got', not a 307 to $3"
}

# clicks PORT SECRET: the link's target and click count, from its owner's JSON view.
clicks() {
    curl -fsS -H 'Accept: application/json' "http://127.0.0.1:$1/admin/$2" |
        python3 -c 'import json,sys; i=json.load(sys.stdin); print(i["target_url"], i["clicks"])'
}

for tool in podman runc curl python3; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (Debian: podman runc)"
done

echo "== build"
started=$(date +%s)
deploy/build-image.sh "$tag"
build_seconds=$(($(date +%s) - started))

size=$(podman image inspect --format '{{.Size}}' "$tag")
[ "$size" -le "$max_bytes" ] || fail "the image is $size bytes, over $max_bytes"
user=$(podman image inspect --format '{{.Config.User}}' "$tag")
case ${user%%:*} in
    "" | 0 | root) fail "the image runs as root (User: '$user')" ;;
esac
health=$(podman image inspect --format '{{json .HealthCheck}}' "$tag")
[[ $health == *healthcheck* ]] || fail "the image has no HEALTHCHECK ($health)"
echo "image: $size bytes, user $user, health check $health"

echo "== run, create, follow"
port=$(free_port)
run_container "$run_id-1" "$port" "$volume"
target=https://example.com/packaged
read -r key secret < <(create "$port" "$target")
podman healthcheck run "$run_id-1" >/dev/null || fail "podman healthcheck run failed"
echo "health check: passes"

echo "== stop (SIGTERM) right after 3 visits, then a new container on the same volume"
# No pause between the visits and the stop: clicks still in memory must be written on the way out.
for _ in 1 2 3; do follow "$port" "$key" "$target"; done
stop_started=$(date +%s.%N)
quiet podman stop --time 10 "$run_id-1"
stop_seconds=$(python3 -c "print(f'{$(date +%s.%N) - $stop_started:.2f}')")
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$run_id-1")
[ "$exit_code" = 0 ] || fail "the server exited $exit_code on SIGTERM (137: it had to be killed)"
python3 -c "import sys; sys.exit(0 if $stop_seconds < 5 else 1)" ||
    fail "podman stop took $stop_seconds s"
echo "stop: ${stop_seconds} s, exit 0"

mount=$(podman volume inspect --format '{{.Mountpoint}}' "$volume")
owner=$(stat -c '%u %a' "$mount/shortener.db")
[ "$owner" = "10001 600" ] || fail "shortener.db in the volume is '$owner' (uid, mode), not '10001 600'"

port=$(free_port)
run_container "$run_id-2" "$port" "$volume"
got=$(clicks "$port" "$secret")
[ "$got" = "$target 3" ] || fail "after a restart the link is '$got', not '$target 3'"
follow "$port" "$key" "$target"
echo "restart: the link and its 3 clicks are there"
quiet podman stop "$run_id-2"

echo "== names and TLS inside the container"
# /etc/hosts (a compose service named db): migrate a PostgreSQL schema through the name db.
if [ -n "${SHORTENER_TEST_POSTGRES:-}" ] && command -v psql >/dev/null; then
    pg_schema=image_test_$$
    psql "$SHORTENER_TEST_POSTGRES" -qc "create schema $pg_schema" >/dev/null
    url=$(python3 - "$SHORTENER_TEST_POSTGRES" "$pg_schema" <<'EOF'
import sys, urllib.parse as u
url, schema = u.urlsplit(sys.argv[1]), sys.argv[2]
netloc = url.netloc.rsplit("@", 1)
host = "db" + (f":{url.port}" if url.port else "")
netloc = f"{netloc[0]}@{host}" if len(netloc) == 2 else host
query = f"options=-c%20search_path%3D{schema}"
print(u.urlunsplit((url.scheme, netloc, url.path, query, "")))
EOF
)
    pg_ip=$(python3 -c "import urllib.parse as u, socket; print(socket.gethostbyname(u.urlsplit('$SHORTENER_TEST_POSTGRES').hostname))")
    out=$(podman run --rm --network host --add-host "db:$pg_ip" \
        -e ROCKET_DATABASES="{links={url=\"$url\"}}" "$tag" migrate 2>&1) ||
        fail "migrate on postgres://...@db/ failed: $out"
    [[ $out == *"migrations applied"* ]] || fail "migrate said: $out"
    echo "host name db (from /etc/hosts) reached PostgreSQL"
else
    echo "skipped: the host name check needs SHORTENER_TEST_POSTGRES and psql"
fi

# DNS (resolv.conf) and TLS: a checked target on a public HTTPS host. The checker
# connects only to globally routable addresses, so this needs a machine whose resolver
# gives the host's real address (not one behind an egress proxy, as in some sandboxes).
https_host=static.crates.io
address=$(python3 -c "import socket; print(socket.gethostbyname('$https_host'))" 2>/dev/null || true)
if [ -n "$address" ] && python3 -c "import ipaddress, sys; sys.exit(0 if ipaddress.ip_address('$address').is_global else 1)" &&
    curl -fsS -o /dev/null --max-time 10 "https://$https_host/" 2>/dev/null; then
    port=$(free_port)
    run_container "$run_id-3" "$port" "$run_id-checked"
    status=$(curl -s -o "$work/checked.json" -w '%{http_code}' -H 'Content-Type: application/json' \
        -d "{\"target_url\": \"https://$https_host/\", \"check_target\": true}" "http://127.0.0.1:$port/url")
    [ "$status" = 201 ] || fail "a checked HTTPS target from inside answered $status: $(cat "$work/checked.json")"
    echo "checked target https://$https_host/: resolved and reached over TLS from inside"
    quiet podman stop "$run_id-3"
else
    echo "skipped: the DNS and TLS check from inside needs https://$https_host/ on a global address" \
        "(here: ${address:-no address}), which the target checker requires"
fi

echo "== compose.yaml with podman-compose: up, create, down, up, still there"
if command -v podman-compose >/dev/null; then
    compose_port=$(free_port)
    compose() {
        ROCKET_BASE_URL="http://127.0.0.1:$compose_port" SHORTENER_PORT="127.0.0.1:$compose_port" \
            podman-compose -p "$compose_project" -f compose.yaml "$@"
    }
    compose_started=true
    compose up -d >"$work/compose.log" 2>&1 || { cat "$work/compose.log" >&2; fail "podman-compose up"; }
    container=$(podman ps --filter "label=io.podman.compose.project=$compose_project" --format '{{.Names}}')
    wait_healthy "$compose_port" "$container"
    read -r key secret < <(create "$compose_port" "$target")
    follow "$compose_port" "$key" "$target"
    compose down >>"$work/compose.log" 2>&1 || { cat "$work/compose.log" >&2; fail "podman-compose down"; }
    compose up -d >>"$work/compose.log" 2>&1 || { cat "$work/compose.log" >&2; fail "podman-compose up again"; }
    container=$(podman ps --filter "label=io.podman.compose.project=$compose_project" --format '{{.Names}}')
    wait_healthy "$compose_port" "$container"
    got=$(clicks "$compose_port" "$secret")
    [ "$got" = "$target 1" ] || fail "after down and up the link is '$got', not '$target 1'"
    health=$(podman inspect --format '{{json .Config.Healthcheck.Test}}' "$container")
    [ "$health" = '["CMD","/shortener","healthcheck"]' ] || fail "the compose service's health check is $health"
    podman healthcheck run "$container" >/dev/null || fail "the compose service's health check failed"
    compose down -v >>"$work/compose.log" 2>&1 || { cat "$work/compose.log" >&2; fail "podman-compose down -v"; }
    compose_started=false
    echo "compose: the link and its click survived down and up"
else
    fail "podman-compose is not installed (Debian: podman-compose)"
fi

echo "== deploy/shortener.service"
if command -v systemd-analyze >/dev/null; then
    # The unit as it will be installed, but naming the binary where it is here.
    sed "s#/usr/local/bin/shortener#$PWD/deploy/out/shortener#" deploy/shortener.service \
        >"$work/shortener.service"
    said=$(systemd-analyze verify "$work/shortener.service" 2>&1) || fail "systemd-analyze verify: $said"
    [ -z "$said" ] || fail "systemd-analyze verify: $said"
    exposure=$(systemd-analyze security --offline=yes "$work/shortener.service" 2>/dev/null |
        sed -n 's/.*Overall exposure level for [^:]*: //p' || true)
    echo "systemd-analyze verify: clean; exposure ${exposure:-not rated}"
else
    echo "skipped: systemd-analyze is not installed, so the unit file was not verified"
fi

echo "== the release archive"
deploy/build-release.sh >"$work/release.log" 2>&1 || { cat "$work/release.log" >&2; fail "deploy/build-release.sh"; }
archive=$(ls deploy/out/shortener-*-x86_64-linux-musl.tar.gz)
tar -xzf "$archive" -C "$work"
for file in shortener README.md LICENSE shortener.service; do
    [ -s "$work/$(basename "$archive" .tar.gz)/$file" ] || fail "$archive has no $file"
done
"$work/$(basename "$archive" .tar.gz)/shortener" --version >/dev/null || fail "the archive's binary does not run"
echo "$archive: $(stat -c %s "$archive") bytes"

echo "== figures"
echo "image size: $size bytes ($(python3 -c "print(f'{$size / 1e6:.1f}')") MB, limit 25 MB)"
echo "build (deploy/build-image.sh): ${build_seconds} s"
echo "podman stop (SIGTERM to exit): ${stop_seconds} s"
