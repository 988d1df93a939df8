#!/usr/bin/env bash
# Installs the build tools `make run` and `make test` need, only when missing:
# the wasm target, cargo-leptos and the wasm-bindgen CLI matching Cargo.lock.
set -euo pipefail

# install_pinned CRATE VERSION [DEP=VERSION ...]
# Builds a crate from its published source with its own lockfile, moving the
# named dependencies to the given versions first. cargo-leptos 0.3.11's lock
# wants cargo-util-schemas 0.14.2 (needs a newer rustc than ours), and
# wasm-bindgen-cli 0.2.130's wants a webpki-roots release the registry lacks.
install_pinned() {
  local crate="$1" version="$2"
  shift 2
  local work
  work="$(mktemp -d)"
  mkdir -p "$work/fetch/src"
  printf '[package]\nname = "fetch-%s"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n%s = "=%s"\n' \
    "$crate" "$crate" "$version" > "$work/fetch/Cargo.toml"
  touch "$work/fetch/src/lib.rs"
  (cd "$work/fetch" && cargo fetch -q)
  local src
  src="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$crate-$version" | head -n1)"
  cp -r "$src" "$work/src"
  (
    cd "$work/src"
    for pin in "$@"; do
      cargo update -q -p "${pin%%=*}" --precise "${pin#*=}"
    done
    cargo install --path . --locked
  )
  rm -rf "$work"
}

rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown

if ! cargo leptos --version 2>/dev/null | grep -q "0.3.11"; then
  install_pinned cargo-leptos 0.3.11 cargo-util-schemas=0.14.1
fi

# Must equal the wasm-bindgen version in Cargo.lock exactly.
if ! wasm-bindgen --version 2>/dev/null | grep -q "0.2.130"; then
  install_pinned wasm-bindgen-cli 0.2.130 webpki-roots=1.0.10
fi
