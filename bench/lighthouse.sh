#!/usr/bin/env bash
# Lighthouse mobile audits of sign-in, dashboard, forum topic, MDF claim form
# and co-branding editor against the release build on a fresh demo program
# (Debian's Chromium; Lighthouse from npm). Scores and timings are printed;
# HTML reports land in bench/lighthouse/reports/.
#
#   bench/lighthouse.sh            (after a release build: make run or make bench-lighthouse)
set -euo pipefail
cd "$(dirname "$0")/.."
bench/release-site.sh
PORT=${PORT:-3300}
BIN="${BIN:-${CARGO_TARGET_DIR:-target}/release/server}"
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no release build at $BIN: run make run (or cargo leptos build --release --precompress) first" >&2; exit 1; }
(cd bench/lighthouse && { [ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund; })

dir=$(mktemp -d /tmp/prm-lighthouse-XXXX)
PRM_DATA_DIR="$dir" PRM_ADDR="127.0.0.1:$PORT" RUST_LOG=warn \
  LEPTOS_SITE_ROOT="${SITE_ROOT:-target/site}" LEPTOS_OUTPUT_NAME=prm LEPTOS_SITE_PKG_DIR=pkg "$BIN" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT" node bench/lighthouse/run.mjs
