#!/usr/bin/env bash
# Reliability run for campaign sending: a partner sends one campaign e-mail
# to N contacts, the server is killed with SIGKILL while the queue is
# sending (several times), restarted, and when the queue is empty every
# contact must have exactly one e-mail in the outbox and one delivered
# record: nothing lost, nothing doubled. SQLite, file outbox.
#
#   bench/kill-sends.sh [CONTACTS] [KILLS]    (defaults 3000, 3)
#   BIN=path/to/server bench/kill-sends.sh    (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bench/release-site.sh
N=${1:-3000}
KILLS=${2:-3}
PORT=${PORT:-3300}
BIN="${BIN:-${CARGO_TARGET_DIR:-target}/release/server}"
[ -x "$BIN" ] || { echo "no server build at $BIN: run make run (or set BIN)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
DIR=$(mktemp -d /tmp/prm-kill-XXXX)
DB="$DIR/prm.sqlite3"
URL="http://127.0.0.1:$PORT"
PID=
trap '[ -n "$PID" ] && kill -9 $PID 2>/dev/null; true' EXIT

start() {
  PRM_DATA_DIR="$DIR" PRM_ADDR="127.0.0.1:$PORT" RUST_LOG=warn PRM_CAMPAIGN_RATE=1000000 \
    LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=prm LEPTOS_SITE_PKG_DIR=pkg \
    "$BIN" >>"$DIR/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do curl -fs "$URL/healthz" >/dev/null && return; sleep 0.1; done
  echo "server did not start; see $DIR/server.log" >&2; exit 1
}
sign_in() {
  curl -s -i -H 'Accept: application/json' --data-urlencode "email=$1" \
    --data 'password=partner-demo-2026' "$URL/api/sign_in" | grep -io 'prm_session=[^;]*' | head -1
}
call() { # cookie endpoint curl-args...
  local cookie=$1 fn=$2; shift 2
  curl -s -o /dev/null -w '%{http_code}' -H 'Accept: application/json' -H "Cookie: $cookie" "$@" "$URL/api/$fn"
}
q() { sqlite3 "$DB" "$1"; }
sent_files() { find "$DIR/outbox" -name 'campaign-*.eml' 2>/dev/null | wc -l; }

start
maya=$(sign_in maya.lin@acme.example)
olivia=$(sign_in olivia@northwind.example)
email=$(q "SELECT id FROM cobrand_templates WHERE kind = 'email' LIMIT 1")
call "$maya" save_campaign --data 'name=Kill run' --data 'goal=Reliability' \
  --data 'starts_on=2026-01-01' --data 'ends_on=2099-12-31' \
  --data "email_template_id=$email" --data 'email_subject=Kill run' >/dev/null
campaign=$(q "SELECT max(id) FROM campaigns")
call "$maya" change_campaign_status --data "id=$campaign" --data action=publish >/dev/null
call "$olivia" join_campaign --data "id=$campaign" >/dev/null
{ echo "email,name,consent"; for i in $(seq "$N"); do echo "c$i@kill.example,Contact $i,yes"; done; } > "$DIR/contacts.csv"
call "$olivia" import_contacts --data-urlencode "csv@$DIR/contacts.csv" --data commit=1 >/dev/null
echo "contacts imported: $(q "SELECT count(*) FROM contacts")"
code=$(call "$olivia" send_campaign --data "id=$campaign")
echo "send: HTTP $code, $(q "SELECT count(*) FROM campaign_messages") messages queued"

for k in $(seq "$KILLS"); do
  # Let the worker get going, then kill it mid-send.
  target=$(( N * k / (KILLS + 1) ))
  while [ "$(sent_files)" -lt "$target" ]; do sleep 0.05; done
  kill -9 "$PID"; wait "$PID" 2>/dev/null || true
  echo "kill -9 #$k after $(sent_files) e-mails written; $(q "SELECT count(*) FROM campaign_messages WHERE status = 'delivered'") recorded"
  start
done

started=$(date +%s.%N)
while [ "$(q "SELECT count(*) FROM campaign_messages WHERE status = 'queued'")" != 0 ]; do sleep 0.2; done
ended=$(date +%s.%N)
delivered=$(q "SELECT count(*) FROM campaign_messages WHERE status = 'delivered'")
files=$(sent_files)
recipients=$(grep -h '^To: ' "$DIR"/outbox/campaign-*.eml | sort | uniq | wc -l)
duplicates=$(grep -h '^To: ' "$DIR"/outbox/campaign-*.eml | sort | uniq -d | wc -l)
partial=$(find "$DIR/outbox" -name '.*partial' | wc -l)
awk -v a="$started" -v b="$ended" 'BEGIN {printf "queue emptied %.1f s after the last restart\n", b - a}'
echo "messages $N · delivered $delivered · outbox files $files · distinct recipients $recipients · duplicates $duplicates · partial files $partial"
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
if [ "$delivered" = "$N" ] && [ "$files" = "$N" ] && [ "$recipients" = "$N" ] && [ "$duplicates" = 0 ]; then
  echo "OK: nothing lost, nothing sent twice"; rm -rf "$DIR"
else
  echo "FAILED: see $DIR" >&2; exit 1
fi
