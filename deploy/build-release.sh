#!/usr/bin/env bash
# deploy/build-release.sh: the release archive for installing without containers,
# deploy/out/shortener-<version>-x86_64-linux-musl.tar.gz: the same static binary as the
# image (it runs on any x86-64 Linux), README.md, LICENSE, CHANGELOG.md and the systemd
# unit, in one directory. Needs what build-image.sh needs, minus podman.
set -euo pipefail
cd "$(dirname "$0")/.."

source deploy/static-binary.sh

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
name=shortener-$version-x86_64-linux-musl
stage=deploy/out/$name
rm -rf "$stage"
mkdir -p "$stage"
cp deploy/out/shortener README.md LICENSE deploy/shortener.service "$stage/"
[ -f CHANGELOG.md ] && cp CHANGELOG.md "$stage/"
chmod 0755 "$stage/shortener"
chmod 0644 "$stage"/*.md "$stage/LICENSE" "$stage/shortener.service"

# The same archive from the same commit: fixed owner, order and time.
when=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar --create --gzip --file "deploy/out/$name.tar.gz" --directory deploy/out \
    --owner=0 --group=0 --numeric-owner --sort=name --mtime="@$when" "$name"
rm -rf "$stage"
echo "deploy/out/$name.tar.gz: $(stat -c %s "deploy/out/$name.tar.gz") bytes"
