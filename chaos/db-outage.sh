#!/usr/bin/env bash
# PostgreSQL unavailable for OUTAGE seconds under steady write load. A PostgreSQL of its own (pg_ctl, temporary data
# directory, port 55432) is stopped and started again; the system one is never touched. During the outage requests
# must fail fast with 503 problem+json; afterwards the app must recover by itself and nothing acknowledged be lost.
#   chaos/db-outage.sh     (OUTAGE=10 SECONDS_LOADED=40 THREADS=8 WALLETS=8)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=billfold_chaos_outage PGPORT_APP=55432 PORT=${PORT:-18191} KEY=chaos-admin-key LOG=/tmp/billfold-chaos-outage.log
OUTAGE=${OUTAGE:-10} SECONDS_LOADED=${SECONDS_LOADED:-40} THREADS=${THREADS:-8}
source chaos/lib.sh
ACKS=/tmp/billfold-chaos-outage.acks
DATA=$(mktemp -d /tmp/billfold-chaos-pg.XXXXXX)
chown postgres "$DATA"
as_postgres() { runuser -u postgres -- "$@"; }
as_postgres $PGBIN/initdb -D "$DATA/data" -U postgres --auth=trust > /dev/null
as_postgres $PGBIN/pg_ctl -D "$DATA/data" -o "-p $PGPORT_APP -k /tmp -c fsync=on" -l "$DATA/server.log" -w start > /dev/null
cleanup() {
  kill $APP 2>/dev/null || true
  as_postgres $PGBIN/pg_ctl -D "$DATA/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT
[ -f app/target/billfold.jar ] || ./mvnw -q -o -DskipTests package
psql -h 127.0.0.1 -p $PGPORT_APP -U postgres -q -c "create database $DB" postgres
: > "$LOG"; : > "$ACKS"
start_app
WALLET_IDS=$(create_wallets)

java chaos/WriteLoad.java "$BASE" $KEY "$WALLET_IDS" "$THREADS" "$SECONDS_LOADED" "$ACKS" > /tmp/billfold-chaos-outage.load &
LOAD=$!
sleep $(( (SECONDS_LOADED - OUTAGE) / 2 ))
echo "stopping PostgreSQL for $OUTAGE s ($(wc -l < "$ACKS") acknowledged so far)"
as_postgres $PGBIN/pg_ctl -D "$DATA/data" -m fast -w stop > /dev/null
sleep 1
DURING=$(curl -s -o /tmp/billfold-chaos-outage.body -w '%{http_code} %{content_type} %{time_total}s' \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"customer_name": "During the outage"}' \
  "$BASE/v1/customers")
echo "a request during the outage: $DURING $(cat /tmp/billfold-chaos-outage.body)"
echo "readiness during the outage: $(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/readiness")"
sleep $(( OUTAGE - 1 ))
as_postgres $PGBIN/pg_ctl -D "$DATA/data" -o "-p $PGPORT_APP -k /tmp" -l "$DATA/server.log" -w start > /dev/null
RESTARTED=$(date +%s%N)
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$BASE/v1/customers?limit=1")" = 200 ] && break
  sleep 0.1
done
echo "PostgreSQL back; the app answered again after $(( ($(date +%s%N) - RESTARTED) / 1000000 )) ms"
wait $LOAD
echo "load client outcomes:"; cat /tmp/billfold-chaos-outage.load
if grep -qE "after 5(0[0-24-9]|[1-9][0-9])" /tmp/billfold-chaos-outage.load; then echo "FAIL: a 5xx other than 503"; exit 1; fi
await_read_models
echo "readiness after recovery: $(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/readiness")"
echo "checks (each must be 0):"
STATUS=$(echo "$DURING" | cut -d' ' -f1); TYPE=$(echo "$DURING" | cut -d' ' -f2)
SECONDS_TAKEN=$(echo "$DURING" | cut -d' ' -f3 | tr -d s)
verify "$ACKS" && replay_matches_live || { echo FAIL; exit 1; }
if [ "$STATUS" = 503 ] && [[ $TYPE == application/problem+json* ]] && awk -v t="$SECONDS_TAKEN" 'BEGIN {exit !(t < 5)}'; then
  echo PASS
else
  echo "FAIL: a request during the outage got $DURING (want 503 problem+json in under 5 s)"; exit 1
fi
