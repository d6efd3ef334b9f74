# shellcheck shell=bash
# Sourced by build-image.sh and build-release.sh: compiles the release binary for
# x86_64-unknown-linux-musl (fully static: no libc, no NSS needed where it runs) and
# puts a copy without symbols at deploy/out/shortener.

target=x86_64-unknown-linux-musl
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    rustup target add "$target"
fi
if ! command -v musl-gcc >/dev/null; then
    echo "musl-gcc is needed for the C code in the build (Debian: apt-get install musl-tools)" >&2
    exit 1
fi
# cc-rs would look for x86_64-linux-musl-gcc, which Debian does not ship.
export CC_x86_64_unknown_linux_musl=musl-gcc
cargo build --locked --release --target "$target"

mkdir -p deploy/out
strip --strip-all -o deploy/out/shortener "target/$target/release/shortener"
# A dynamically linked binary asks for a program interpreter (ld.so); a static one does not.
if readelf --program-headers deploy/out/shortener | grep -q 'program interpreter'; then
    echo "deploy/out/shortener is dynamically linked; a static binary was expected" >&2
    exit 1
fi
