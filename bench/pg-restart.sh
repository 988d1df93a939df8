#!/usr/bin/env bash
# PostgreSQL restarted under load: the portal runs on PostgreSQL with the
# demo program, wrk keeps 16 connections busy on the signed-in dashboard and
# a probe requests it every 50 ms; PostgreSQL is stopped for DOWN seconds and
# started again. While it is down requests must fail with 503 (never 500, and
# the server must not exit); afterwards they must succeed again on their own.
# Needs root (it drives the machine's PostgreSQL with pg_ctlcluster).
#
#   bench/pg-restart.sh                  (DOWN=5 seconds)
#   BIN=path/to/server bench/pg-restart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bench/release-site.sh
DOWN=${DOWN:-5}
PORT=${PORT:-3400}
BIN="${BIN:-${CARGO_TARGET_DIR:-target}/release/server}"
CLUSTER=${CLUSTER:-$(pg_lsclusters -h 2>/dev/null | awk '$4 == "online" {print $1" "$2; exit}')}
[ -x "$BIN" ] || { echo "no server build at $BIN: run make run (or set BIN)" >&2; exit 1; }
[ -n "$CLUSTER" ] || { echo "no running PostgreSQL cluster found (pg_lsclusters)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
DIR=$(mktemp -d /tmp/prm-pgrestart-XXXX)
URL="http://127.0.0.1:$PORT"
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS prm_pgrestart" -c "CREATE DATABASE prm_pgrestart"
PRM_DATA_DIR="$DIR" PRM_ADDR="127.0.0.1:$PORT" RUST_LOG=warn \
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/prm_pgrestart \
  LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=prm LEPTOS_SITE_PKG_DIR=pkg \
  "$BIN" >"$DIR/server.log" 2>&1 &
PID=$!
# Errexit holds inside the trap too: each step tolerates its target being
# gone already (the server is stopped after a passing run).
trap 'kill $PID 2>/dev/null || true; pg_ctlcluster $CLUSTER start 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "$URL/healthz" >/dev/null && break; sleep 0.1; done
cookie=$(curl -s -i -H 'Accept: application/json' --data 'email=admin%40acme.example&password=partner-demo-2026' \
  "$URL/api/sign_in" | grep -io 'prm_session=[^;]*' | head -1)
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }

# The probe: one line per request, "<seconds since start> <status>".
t0=$(date +%s.%N)
( end=$(( $(date +%s) + DOWN + 14 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Cookie: $cookie" "$URL/" || true)
    echo "$(echo "$(date +%s.%N) - $t0" | bc) $code"
    sleep 0.05
  done ) > "$DIR/probe.txt" &
PROBE=$!
wrk -t2 -c16 -d"$((DOWN + 14))s" -H "Cookie: $cookie" "$URL/" > "$DIR/wrk.txt" &
WRK=$!
sleep 4
stop_at=$(echo "$(date +%s.%N) - $t0" | bc)
pg_ctlcluster $CLUSTER stop -m fast
sleep "$DOWN"
pg_ctlcluster $CLUSTER start
start_at=$(echo "$(date +%s.%N) - $t0" | bc)
wait $PROBE $WRK || true
kill -0 $PID 2>/dev/null && alive=yes || alive=no

awk -v stop="$stop_at" -v start="$start_at" -v alive="$alive" '
  { n[$2]++; total++ }
  $1 > stop && $2 != 200 && first_bad == "" { first_bad = $1 }
  $1 > start && $2 == 200 && back == "" { back = $1 }
  END {
    printf "PostgreSQL stopped at %.1f s, started at %.1f s\n", stop, start
    for (c in n) printf "  probe HTTP %s: %d\n", c, n[c]
    printf "  first failure %.2f s after the stop; first success %.2f s after the start\n", first_bad - stop, back - start
    printf "  server still running: %s\n", alive
  }' "$DIR/probe.txt"
grep -E "Requests/sec|Non-2xx|requests in" "$DIR/wrk.txt" | sed 's/^/  wrk: /'
errors=$(sed 's/\x1b\[[0-9;]*m//g' "$DIR/server.log" | grep -c 'Status code: 5[0-9][0-9]' || true)
internal=$(sed 's/\x1b\[[0-9;]*m//g' "$DIR/server.log" | grep -c 'Status code: 500' || true)
echo "  server log: $errors responses with 5xx, of which $internal were 500"
bad=$(( $(awk '$2 != 200 && $2 != 503' "$DIR/probe.txt" | wc -l) + internal ))
tail_ok=$(tail -20 "$DIR/probe.txt" | awk '$2 != 200' | wc -l)
if [ "$alive" = yes ] && [ "$bad" = 0 ] && [ "$tail_ok" = 0 ]; then
  echo "OK: only 503 while PostgreSQL was down, recovered on its own"
  kill $PID; psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS prm_pgrestart" || true; rm -rf "$DIR"
else
  echo "FAILED ($bad probes neither 200 nor 503; $tail_ok failures at the end): see $DIR" >&2; exit 1
fi
