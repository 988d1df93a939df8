#!/usr/bin/env bash
# Reliability run for fund approvals: the vendor admin of a generated
# program approves every submitted claim, eight at a time, while the server
# is killed with SIGKILL (KILLS times) and restarted; then `server verify`
# checks the books: every allocation's counter equals its ledger, nothing is
# negative, no claim is approved twice or without its ledger entry.
#
#   bench/kill-approvals.sh [PARTNERS] [KILLS]   (defaults 300 → 600 claims, 3)
#   BIN=path/to/server bench/kill-approvals.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bench/release-site.sh
PARTNERS=${1:-300}
KILLS=${2:-3}
PORT=${PORT:-3500}
BIN="${BIN:-${CARGO_TARGET_DIR:-target}/release/server}"
HOST=scale.portal.test
[ -x "$BIN" ] || { echo "no server build at $BIN: run make run (or set BIN)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
DIR=$(mktemp -d /tmp/prm-approvals-XXXX)
DB="$DIR/prm.sqlite3"
URL="http://127.0.0.1:$PORT"
ENV=(PRM_DATA_DIR="$DIR" PRM_ADDR="127.0.0.1:$PORT" PRM_SEED_DEMO=false RUST_LOG=warn
     LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=prm LEPTOS_SITE_PKG_DIR=pkg)
PID= LOOP=
trap '[ -n "$PID" ] && kill -9 $PID 2>/dev/null; [ -n "$LOOP" ] && kill $LOOP 2>/dev/null; true' EXIT
q() { sqlite3 "$DB" "$1"; }

start() {
  env "${ENV[@]}" "$BIN" >>"$DIR/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do curl -fs "$URL/healthz" >/dev/null && return; sleep 0.1; done
  echo "server did not start; see $DIR/server.log" >&2; exit 1
}
approve_all() { # approves every still-submitted claim, 8 in parallel
  local cookie
  cookie=$(curl -s -i -H "Host: $HOST" -H 'Accept: application/json' \
    --data 'email=admin%40scale.example&password=partner-demo-2026' "$URL/api/sign_in" \
    | grep -io 'prm_session=[^;]*' | head -1)
  q "SELECT request_id || ' ' || version FROM fund_claims WHERE status = 'submitted'" \
    | xargs -P 8 -L 1 sh -c 'curl -s -o /dev/null -w "%{http_code}\n" -H "Host: '"$HOST"'" \
        -H "Accept: application/json" -H "Cookie: '"$cookie"'" \
        --data "id=$0&version=$1&decision=approve" "'"$URL"'/api/review_claim"' >>"$DIR/codes.txt" || true
}

env "${ENV[@]}" "$BIN" seed --scale "$PARTNERS" >"$DIR/seed.log" 2>&1
total=$(q "SELECT count(*) FROM fund_claims WHERE status = 'submitted'")
echo "claims submitted: $total"
start
for k in $(seq "$KILLS"); do
  approve_all & LOOP=$!
  target=$(( total * k / (KILLS + 1) ))
  while [ "$(q "SELECT count(*) FROM fund_claims WHERE status = 'approved'")" -lt "$target" ]; do sleep 0.05; done
  kill -9 "$PID"; wait "$PID" 2>/dev/null || true
  kill "$LOOP" 2>/dev/null || true; wait "$LOOP" 2>/dev/null || true; LOOP=
  echo "kill -9 #$k with $(q "SELECT count(*) FROM fund_claims WHERE status = 'approved'") claims approved"
  start
done
approve_all
approved=$(q "SELECT count(*) FROM fund_claims WHERE status = 'approved'")
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
echo "approved $approved of $total; HTTP answers: $(sort "$DIR/codes.txt" | uniq -c | tr '\n' ' ')"
if env "${ENV[@]}" RUST_LOG=info "$BIN" verify 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -E "ledger checked|ERROR" ; then :; fi
if [ "$approved" = "$total" ] && env "${ENV[@]}" "$BIN" verify >/dev/null 2>&1; then
  echo "OK: every claim approved once, ledger and counters agree"; rm -rf "$DIR"
else
  echo "FAILED: see $DIR" >&2; exit 1
fi
