#!/usr/bin/env bash
# Installs the build tools `make run` and `make test` need, only when missing:
# the wasm target, cargo-leptos, and the wasm-bindgen CLI matching Cargo.lock.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown
"$here/install-cargo-leptos.sh"
BINDGEN=0.2.130
if ! wasm-bindgen --version 2>/dev/null | grep -q "$BINDGEN"; then
  cargo install wasm-bindgen-cli --version "$BINDGEN" --locked
fi
