#!/usr/bin/env bash
# Reliability under mixed load: serves a generated program from the release
# build and keeps 64 connections busy for 60 s, each cycling through
# signed-in pages, server-function reads and writes (likes, forum replies,
# new contacts; see bench/mixed.lua). Prints every response status with its
# count, then checks the server log for panics. Fails on any 5xx.
#
#   bench/mixed.sh [PARTNERS]                   (default 1000)
#   DATABASE=postgres bench/mixed.sh            (PostgreSQL at 127.0.0.1)
#   DURATION=60s CONNECTIONS=64 bench/mixed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bench/release-site.sh
PARTNERS=${1:-1000}
DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-3250}
BIN="${CARGO_TARGET_DIR:-target}/release/server"
HOST=scale.portal.test
command -v wrk >/dev/null || { echo "wrk is missing: make bench-deps" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no release build at $BIN: run make run (or cargo leptos build --release) first" >&2; exit 1; }

dir=$(mktemp -d /tmp/prm-mixed-XXXX)
env=(PRM_DATA_DIR="$dir" PRM_ADDR="127.0.0.1:$PORT" PRM_SEED_DEMO=false RUST_LOG=warn
     LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}" LEPTOS_OUTPUT_NAME=prm LEPTOS_SITE_PKG_DIR=pkg)
if [ "${DATABASE:-sqlite}" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS prm_mixed" -c "CREATE DATABASE prm_mixed"
  env+=(DATABASE_URL=postgres://postgres@127.0.0.1:5432/prm_mixed)
fi
env "${env[@]}" "$BIN" seed --scale "$PARTNERS" >/dev/null 2>&1
env "${env[@]}" "$BIN" >"$dir/server.log" 2>&1 & pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
cookie=$(curl -s -i -H "Host: $HOST" -H "Origin: http://$HOST" -H 'Accept: application/json' \
  --data 'email=user7%40partner7.example&password=partner-demo-2026' \
  "http://127.0.0.1:$PORT/api/sign_in" | grep -io 'prm_session=[^;]*' | head -1)
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }

echo "== mixed load: ${DATABASE:-sqlite}, $PARTNERS partners, $CONNECTIONS connections, $DURATION =="
out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/mixed.lua -H "Host: $HOST" \
  "http://127.0.0.1:$PORT/" -- "$cookie" "http://$HOST")
echo "$out" | sed -n '/HTTP [0-9]/,$p'
panics=$(grep -c "panicked" "$dir/server.log" || true)
logged=$(grep -c "ERROR" "$dir/server.log" || true)
echo "  server log: $panics panic(s), $logged error line(s), RSS $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
grep -E "panicked|ERROR" "$dir/server.log" | sed 's/\x1b\[[0-9;]*m//g' | sort | uniq -c | sort -rn | head -5 || true
errors=$(echo "$out" | awk '/5xx:/ {print $2}')
[ "${errors:-1}" = 0 ] || { echo "FAILED: $errors responses with 5xx" >&2; exit 1; }
