#!/usr/bin/env bash
# HTTP load test: seeds a small and a large program with `server seed
# --scale`, serves each from the release build and runs wrk (64 connections)
# signed in as a partner user against the dashboard, the forum topic page
# with 50 replies, the topic list, the funds page with the company's
# requests and claims, the product catalogue, and a server function
# (POST /api/get_forum); signed in as the vendor admin (paths written
# ADMIN:/…), the partner directory filtered by where partners work and the
# revenue ledger with its period totals; and,
# signed in as a distributor's admin (DIST:/…), its three-level channel and
# its notifications (a history of 500).
# Prints requests/s, p50/p99 latency and the server's resident memory.
#
#   bench/http.sh [LARGE_PARTNERS] [SMALL_PARTNERS]   (defaults 100000, 100; 0: no large run)
#   SITE_ROOT=target/site-islands BIN=… bench/http.sh  (another release build)
#   DATABASE=postgres bench/http.sh                    (PostgreSQL at 127.0.0.1)
#   PAGES="/forum/topics/1 /forum" bench/http.sh       (only these pages)
#   PAGES="ADMIN:/partners" bench/http.sh              (as the vendor admin)
#   PAGES="DIST:/partners" bench/http.sh               (as a distributor's admin)
#   ENCODING=zstd bench/http.sh                        (ask for compressed answers, as
#                                                       browsers do: zstd, br or gzip)
set -euo pipefail
cd "$(dirname "$0")/.."
bench/release-site.sh
LARGE=${1:-100000}
SMALL=${2:-100}
DURATION=${DURATION:-10s}
PORT=${PORT:-3200}
BIN="${BIN:-${CARGO_TARGET_DIR:-target}/release/server}"
HOST=scale.portal.test
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no release build at $BIN: run make run (or cargo leptos build --release) first" >&2; exit 1; }

# The session cookie of a member of the scale program (email URL-encoded).
session_of() {
  curl -s -i -H "Host: $HOST" -H "Origin: http://$HOST" -H 'Accept: application/json' \
    --data "email=$1&password=partner-demo-2026" \
    "http://127.0.0.1:$PORT/api/sign_in" | grep -io 'prm_session=[^;]*' | head -1
}

# The server of the run under way, stopped however the script ends (a
# failed sign-in or wrk error must not leave it holding the port).
SERVER_PID=
stop_server() {
  [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; }
  SERVER_PID=
}
trap stop_server EXIT

run_one() {
  local partners=$1 dir
  dir=$(mktemp -d /tmp/prm-bench-XXXX)
  local env=(PRM_DATA_DIR="$dir" PRM_ADDR="127.0.0.1:$PORT" PRM_SEED_DEMO=false RUST_LOG=warn
             LEPTOS_SITE_ROOT="${SITE_ROOT:-target/site}" LEPTOS_OUTPUT_NAME=prm LEPTOS_SITE_PKG_DIR=pkg)
  if [ "${DATABASE:-sqlite}" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS prm_bench" -c "CREATE DATABASE prm_bench"
    env+=(DATABASE_URL=postgres://postgres@127.0.0.1:5432/prm_bench)
  fi
  local start end
  start=$(date +%s.%N)
  env "${env[@]}" RUST_LOG=info "$BIN" seed --scale "$partners" 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g' | grep -o 'partners=.*seconds' || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" -v n="$partners" 'BEGIN {printf "seed --scale %s: %.1f s\n", n, b - a}'
  env "${env[@]}" "$BIN" & SERVER_PID=$!
  local pid=$SERVER_PID
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  local partner_cookie admin_cookie distributor_cookie cookie
  partner_cookie=$(session_of "user7%40partner7.example")
  admin_cookie=$(session_of "admin%40scale.example")
  # Partner 4 heads a channel of 29 partners (seed/scale.rs, CHANNEL).
  distributor_cookie=$(session_of "admin4%40partner4.example")
  [ -n "$partner_cookie" ] && [ -n "$admin_cookie" ] && [ -n "$distributor_cookie" ] \
    || { echo "sign-in failed" >&2; exit 1; }
  local accept=()
  [ -z "${ENCODING:-}" ] || accept=(-H "Accept-Encoding: $ENCODING")
  for path in ${PAGES:-/ /forum/topics/1 /forum /funds /products POST:/api/get_forum ADMIN:/ ADMIN:/partners?country=DE\&postcode=80331 ADMIN:/revenue /deals ADMIN:/deals?status=submitted DIST:/deals /leads ADMIN:/leads?status=queued DIST:/leads DIST:/partners DIST:/notifications}; do
    cookie=$partner_cookie
    if [[ $path == ADMIN:* ]]; then
      path=${path#ADMIN:}
      cookie=$admin_cookie
    elif [[ $path == DIST:* ]]; then
      path=${path#DIST:}
      cookie=$distributor_cookie
    fi
    # A server function is a form POST; wrk sends it through a Lua script.
    local script=()
    if [[ $path == POST:* ]]; then
      path=${path#POST:}
      printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.headers["Accept"] = "application/json"\nwrk.body = ""\n' > "$dir/post.lua"
      script=(-s "$dir/post.lua")
    fi
    # Warm up, then measure.
    wrk -t2 -c64 -d2s "${script[@]}" "${accept[@]}" -H "Host: $HOST" -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path" >/dev/null
    wrk -t2 -c64 -d"$DURATION" --latency "${script[@]}" "${accept[@]}" -H "Host: $HOST" -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path" \
      | awk -v p="$path" '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF}
          # "N requests in 10.00s, 941.50MB read": bytes per answer, headers included.
          /requests in/ {n=$1; r=$5; u=substr(r, length(r)-1); r+=0
            r*=(u=="GB"?2^30:u=="MB"?2^20:u=="KB"?2^10:1)}
          END {printf "  %-18s %8s req/s  p50 %-8s p99 %-8s %6.1f KB each  non-2xx %s\n",
               p, rps, p50, p99, r/n/1024, (bad==""?0:bad)}'
  done
  echo "  RSS $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
  stop_server
  rm -rf "$dir"
}

echo "== small program ($SMALL partners) =="
run_one "$SMALL"
if [ "$LARGE" != 0 ]; then
  echo "== large program ($LARGE partners) =="
  run_one "$LARGE"
fi
