#!/usr/bin/env bash
# deploy/build-image.sh [TAG]: the container image (default tag localhost/shortener:latest),
# built with no container registry: cargo compiles the static binary (musl, release
# profile) here, it is staged in deploy/out/ with this machine's CA roots, and the
# Containerfile copies them onto an empty base. Uses podman, else docker. Prints the
# image's size and the time the build took.
#
# Needs rustup's x86_64-unknown-linux-musl target and musl-gcc (Debian: musl-tools),
# for the C code some crates compile (SQLite, ring).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 1 ] || [[ ${1:-} == -* ]]; then
    echo "usage: $0 [TAG]" >&2
    exit 2
fi
tag=${1:-localhost/shortener:latest}

if command -v podman >/dev/null; then
    engine=podman
elif command -v docker >/dev/null; then
    engine=docker
else
    echo "neither podman nor docker is installed" >&2
    exit 1
fi

started=$(date +%s)
source deploy/static-binary.sh

out=deploy/out
rm -rf "$out/data"
mkdir -p "$out/data"
roots=${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}
if [ ! -s "$roots" ]; then
    echo "no CA roots at $roots (Debian: ca-certificates); set SSL_CERT_FILE" >&2
    exit 1
fi
cp "$roots" "$out/ca-certificates.crt"

# The docker format keeps HEALTHCHECK (podman's default, OCI, drops it).
format=()
[ "$engine" = podman ] && format=(--format docker)
"$engine" build "${format[@]}" --file Containerfile --tag "$tag" .

size=$("$engine" image inspect --format '{{.Size}}' "$tag")
echo "image $tag: $size bytes ($((size / 1024 / 1024)) MiB), built in $(($(date +%s) - started)) s"
