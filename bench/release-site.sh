#!/usr/bin/env bash
# Refuses to bench a site that is not the release build. `make test`'s debug
# build writes target/site-debug, so target/site holds only what
# `cargo leptos build --release --precompress` wrote; a release build
# precompresses every asset, so a main wasm without its .br twin (a site
# from an older checkout's debug build, or none at all) is refused.
# SITE_ROOT names another release site (the islands build: make bench-islands).
set -euo pipefail
cd "$(dirname "$0")/.."
site=${SITE_ROOT:-target/site}
wasm=$site/pkg/prm.wasm
if [ ! -f "$wasm" ] || [ ! -f "$wasm.br" ] || [ "$wasm.br" -ot "$wasm" ]; then
  echo "$site is not a release build: run make run (or cargo leptos build --release --precompress) first" >&2
  exit 1
fi
