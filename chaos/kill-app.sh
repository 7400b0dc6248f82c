#!/usr/bin/env bash
# kill -9 of the app under steady write load (credits and customer creations), then a restart. Afterwards every
# acknowledged (2xx) request must be in the event store exactly once and in the read models, no Idempotency-Key applied
# twice, and the read models must agree with the event store.
#   chaos/kill-app.sh      (KILLS=2 SECONDS_LOADED=90 THREADS=8 WALLETS=8; local PostgreSQL 127.0.0.1:5432, user postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=billfold_chaos_kill PGPORT_APP=5432 PORT=${PORT:-18190} KEY=chaos-admin-key LOG=/tmp/billfold-chaos-kill.log
KILLS=${KILLS:-2} SECONDS_LOADED=${SECONDS_LOADED:-90} THREADS=${THREADS:-8}
source chaos/lib.sh
ACKS=/tmp/billfold-chaos-kill.acks
[ -f app/target/billfold.jar ] || ./mvnw -q -o -DskipTests package
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB" -c "create database $DB" postgres
: > "$LOG"; : > "$ACKS"
start_app
trap 'kill $APP 2>/dev/null || true' EXIT
WALLET_IDS=$(create_wallets)

java chaos/WriteLoad.java "$BASE" $KEY "$WALLET_IDS" "$THREADS" "$SECONDS_LOADED" "$ACKS" > /tmp/billfold-chaos-kill.load &
LOAD=$!
for k in $(seq 1 "$KILLS"); do
  sleep $(( SECONDS_LOADED / (KILLS + 1) ))
  echo "kill -9 of the app ($(wc -l < "$ACKS") acknowledged so far), restart"
  kill -9 $APP; wait $APP 2>/dev/null || true
  start_app
done
wait $LOAD
echo "load client outcomes:"; cat /tmp/billfold-chaos-kill.load
if grep -qE "after 5(0[0-24-9]|[1-9][0-9])" /tmp/billfold-chaos-kill.load; then echo "FAIL: a 5xx other than 503"; exit 1; fi
await_read_models
echo "checks (each must be 0):"
verify "$ACKS" && replay_matches_live && echo PASS || { echo FAIL; exit 1; }
