#!/usr/bin/env bash
# Installs cargo-leptos 0.3.11 when it is missing or a different version.
# Its published lockfile pulls cargo-util-schemas 0.14.2, which needs a newer
# rustc than ours, so we build it from the crate source (fetched by cargo) with
# that one dependency pinned back.
set -euo pipefail
VERSION=0.3.11
if cargo leptos --version 2>/dev/null | grep -q "$VERSION"; then
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/fetch/src"
cat > "$work/fetch/Cargo.toml" <<TOML
[package]
name = "fetch-cargo-leptos"
version = "0.0.0"
edition = "2021"
[dependencies]
cargo-leptos = "=$VERSION"
TOML
touch "$work/fetch/src/lib.rs"
(cd "$work/fetch" && cargo fetch -q)
src="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/cargo-leptos-$VERSION | head -n1)"
cp -r "$src" "$work/cargo-leptos"
cd "$work/cargo-leptos"
cargo update -p cargo-util-schemas --precise 0.14.1
cargo install --path . --locked
