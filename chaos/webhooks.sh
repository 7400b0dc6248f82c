#!/usr/bin/env bash
# Webhooks through kill -9: credits and customer creations under load, a receiver that answers 500 to 30 % of the
# requests, the app killed with -9 twice and restarted. Afterwards every public event of the organization must have
# reached the receiver at least once with a valid signature (and none with an invalid one).
#   chaos/webhooks.sh      (KILLS=2 SECONDS_LOADED=60 THREADS=4 WALLETS=8 FAIL_SHARE=0.3; local PostgreSQL
#                           127.0.0.1:5432, user postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=billfold_chaos_webhooks PGPORT_APP=5432 PORT=${PORT:-18193} KEY=chaos-admin-key LOG=/tmp/billfold-chaos-webhooks.log
KILLS=${KILLS:-2} SECONDS_LOADED=${SECONDS_LOADED:-60} THREADS=${THREADS:-4} FAIL_SHARE=${FAIL_SHARE:-0.3}
RECEIVER_PORT=${RECEIVER_PORT:-18194}
# The receiver is on the loopback. Retries come sooner than in production (0.2 s doubling, at most 20 attempts) so
# that a run ends in minutes; the lease of a delivery in flight when the app dies is 15 s, so the receiver's answer
# must come within 5 s (a delivery is sent only while its lease outlasts two timeouts).
APP_ARGS="--billfold.webhooks.allow-private-networks=true --billfold.webhooks.first-retry-delay=200ms \
  --billfold.webhooks.retry-factor=2 --billfold.webhooks.max-attempts=20 --billfold.webhooks.lease=15s \
  --billfold.webhooks.timeout=5s"
source chaos/lib.sh
ACKS=/tmp/billfold-chaos-webhooks.acks RECEIVED=/tmp/billfold-chaos-webhooks.received
[ -f app/target/billfold.jar ] || ./mvnw -q -o -DskipTests package
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB" -c "create database $DB" postgres
: > "$LOG"; : > "$ACKS"; : > "$RECEIVED"
start_app
RECEIVER=
trap 'kill $APP 2>/dev/null || true; [ -n "$RECEIVER" ] && kill $RECEIVER 2>/dev/null || true' EXIT
SECRET=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d "{\"url\": \"http://127.0.0.1:$RECEIVER_PORT/hooks\", \"event_types\": [\"*\"]}" "$BASE/v1/webhook-endpoints" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
java chaos/WebhookReceiver.java "$RECEIVER_PORT" "$SECRET" "$FAIL_SHARE" "$RECEIVED" &
RECEIVER=$!
WALLET_IDS=$(create_wallets)

java chaos/WriteLoad.java "$BASE" $KEY "$WALLET_IDS" "$THREADS" "$SECONDS_LOADED" "$ACKS" > /tmp/billfold-chaos-webhooks.load &
LOAD=$!
for k in $(seq 1 "$KILLS"); do
  sleep $(( SECONDS_LOADED / (KILLS + 1) ))
  echo "kill -9 of the app ($(wc -l < "$ACKS") acknowledged so far, $(grep -c accepted "$RECEIVED") deliveries accepted), restart"
  kill -9 $APP; wait $APP 2>/dev/null || true
  start_app
done
wait $LOAD
echo "load client outcomes:"; cat /tmp/billfold-chaos-webhooks.load
await_read_models

sql() { psql -h 127.0.0.1 -p "$PGPORT_APP" -U postgres -Atc "$1" "$DB"; }
ORG=$(sql "select id from organization where name = 'default'")
missing() {
  sql "select event_id from public_event where organization_id = '$ORG' order by position" \
    | sort > /tmp/billfold-chaos-webhooks.expected
  awk '$3 == "accepted" {print $1}' "$RECEIVED" | sort -u > /tmp/billfold-chaos-webhooks.accepted
  comm -23 /tmp/billfold-chaos-webhooks.expected /tmp/billfold-chaos-webhooks.accepted | wc -l
}
for _ in $(seq 1 180); do [ "$(missing)" = 0 ] && break; sleep 1; done
EVENTS=$(wc -l < /tmp/billfold-chaos-webhooks.expected)
ACCEPTED=$(wc -l < /tmp/billfold-chaos-webhooks.accepted)
echo "public events of the organization: $EVENTS; acknowledged writes: $(wc -l < "$ACKS")"
echo "requests received: $(wc -l < "$RECEIVED") ($(grep -c rejected "$RECEIVED") answered 500 on purpose); distinct events accepted: $ACCEPTED"
echo "checks (each must be 0):"
echo "  events never accepted by the receiver: $(missing)"
echo "  requests with an invalid signature: $(grep -c invalid "$RECEIVED" || true)"
echo "  acknowledged credits without their public event: $(sql "select count(*) from domain_event_entry e
  where payload_type like '%WalletCreditedEvent' and not exists (select 1 from public_event p where p.position = e.global_index)")"
echo "  deliveries failed for good: $(sql "select count(*) from webhook_delivery where status = 'failed'")"
[ "$(missing)" = 0 ] && ! grep -q invalid "$RECEIVED" \
  && [ "$(sql "select count(*) from webhook_delivery where status = 'failed'")" = 0 ] && echo PASS || { echo FAIL; exit 1; }
