#!/usr/bin/env bash
# Webhook deliveries to a local receiver that answers at once, with wallet credits committed at RATE per second
# (default 500) for SECONDS_MEASURED. The credits are appended by pgbench as the event store appends them (one per
# transaction, the transaction id taken before the global index, NOTIFY billfold_events at commit), so the rate does
# not depend on what the command side of this machine can take; each becomes a wallet.transaction.created that the
# projections, the feed's frontier, the fan-out and the sender carry to the receiver. Target: every credit delivered
# while they keep coming (deliveries/s keep up with the rate) and p99 from commit to delivery <= 1 s. The same load runs
# for WARMUP_SECONDS first, and is delivered, before the measured credits (a cold JVM's first seconds are not measured;
# a minute after start its JIT still takes a quarter of a core, docs/performance.md). pgbench prepares its statements: it
# stands for the command side, whose cost is not what is measured here. With track_commit_timestamp = on, the time of
# each stage is printed too.
#   bench/webhooks/run.sh      (RATE=500 SECONDS_MEASURED=30 WARMUP_SECONDS=30 WALLETS=8 PGHOST=127.0.0.1 PGUSER=postgres
#                               APP_ARGS=)
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-500} SECONDS_MEASURED=${SECONDS_MEASURED:-30} WARMUP_SECONDS=${WARMUP_SECONDS:-30} WALLETS=${WALLETS:-8}
PORT=${PORT:-18195} RECEIVER_PORT=${RECEIVER_PORT:-18196}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=billfold_bench_webhooks KEY=bench-admin-key LOG=/tmp/billfold-bench-webhooks.log
RECEIVED=/tmp/billfold-bench-webhooks.received
BASE="http://localhost:$PORT"

[ -f app/target/billfold.jar ] || ./mvnw -q -o -DskipTests package
psql -q -c "drop database if exists $DB" -c "create database $DB" postgres
: > "$RECEIVED"
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  BILLFOLD_BOOTSTRAP_ADMIN_KEY=$KEY SERVER_PORT=$PORT BILLFOLD_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true \
  java -Xmx512m ${JAVA_OPTS:-} -jar app/target/billfold.jar ${APP_ARGS:-} > "$LOG" 2>&1 &
APP=$!
RECEIVER=
trap 'kill $APP 2>/dev/null || true; [ -n "$RECEIVER" ] && kill $RECEIVER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "$BASE/actuator/health" > /dev/null && break; sleep 1; done

api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
SECRET=$(api -d "{\"url\": \"http://127.0.0.1:$RECEIVER_PORT/hooks\", \"event_types\": [\"wallet.transaction.created\"]}" \
  "$BASE/v1/webhook-endpoints" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
java chaos/WebhookReceiver.java "$RECEIVER_PORT" "$SECRET" 0 "$RECEIVED" &
RECEIVER=$!
psql -q -c "create table bench_wallet (n int primary key, wallet_id text, customer_id text, organization_id text)" $DB
# When each delivery row was inserted (the fan-out), for the per-stage split at the end.
psql -q $DB <<'SQL'
create table bench_fanned_out (event_id text primary key, at timestamptz not null);
create function bench_fanned_out() returns trigger language plpgsql as $$
begin insert into bench_fanned_out values (new.event_id, clock_timestamp()) on conflict do nothing; return null; end $$;
create trigger bench_fanned_out after insert on webhook_delivery for each row execute function bench_fanned_out();
SQL
for n in $(seq 0 $((WALLETS - 1))); do
  customer=$(api -d "{\"customer_name\": \"Webhook bench $n\"}" "$BASE/v1/customers" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
  wallet=$(api -d '{"currency": "USD"}' "$BASE/v1/customers/$customer/wallets" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
  psql -q -c "insert into bench_wallet select $n, '$wallet', '$customer', id from organization where name = 'default'" $DB
done

cat > /tmp/billfold-bench-webhooks.sql <<'SQL'
begin;
insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                payload, payload_revision, payload_type, time_stamp)
select case when pg_current_xact_id() is not null then nextval('domain_event_entry_seq') end, w.wallet_id,
       (select max(sequence_number) from domain_event_entry where aggregate_identifier = w.wallet_id) + 1, 'Wallet',
       gen_random_uuid()::text,
       convert_to(json_build_object('organization_id', w.organization_id, 'actor_id', 'key_bench',
                                    'actor_name', 'bench', 'request_id', 'req_bench')::text, 'UTF8'),
       convert_to(json_build_object('walletId', w.wallet_id, 'customerId', w.customer_id,
                                    'transactionId', 'txn_' || gen_random_uuid(), 'currency', 'USD', 'amountMinor', 100,
                                    'reason', 'promotional', 'description', null, 'reference', null,
                                    'metadata', '{}'::json, 'balanceAfterMinor', 100)::text, 'UTF8'),
       '1', 'io.billfold.api.wallet.WalletCreditedEvent',
       replace(to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24~MI~SS.MS"Z"'), '~', chr(58))
  from bench_wallet w where w.n = cast(:client_id as int);
select pg_notify('billfold_events', '');
end;
SQL
# Credits appended by one actor; deliveries the receiver accepted; waiting (at most a minute) until it accepted N.
credits_by() { psql -Atc "select count(*) from domain_event_entry where payload_type like '%WalletCreditedEvent'
  and convert_from(meta_data, 'UTF8') like '%$1%'" $DB; }
accepted() { awk '$3 == "accepted"' "$RECEIVED" | wc -l; }
await_accepted() { for _ in $(seq 1 120); do [ "$(accepted)" -ge "$1" ] && return; sleep 0.5; done; }
# Warm-up credits carry another actor, so that only the measured ones are counted as committed.
sed 's/key_bench/key_warmup/' /tmp/billfold-bench-webhooks.sql > /tmp/billfold-bench-webhooks-warmup.sql
pgbench -n -M prepared -c "$WALLETS" -j 2 -R "$RATE" -T "$WARMUP_SECONDS" -f /tmp/billfold-bench-webhooks-warmup.sql $DB > /dev/null 2>&1
WARMUP=$(credits_by key_warmup)
await_accepted "$WARMUP"
echo "Warm-up: $WARMUP credits over ${WARMUP_SECONDS}s, $(accepted) delivered before the measured load"
: > "$RECEIVED"
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(psql -Atc 'show server_version' postgres); $(date -u +%FT%TZ)"
PGBENCH=$(pgbench -n -M prepared -c "$WALLETS" -j 2 -R "$RATE" -T "$SECONDS_MEASURED" -f /tmp/billfold-bench-webhooks.sql $DB 2>&1)
# Where the credits are when the load ends: in the feed, fanned out to a delivery, delivered.
STAGES=$(psql -Atc "select (select count(*) from public_event where type = 'wallet.transaction.created') || ' in the feed, '
  || (select count(*) from webhook_delivery) || ' fanned out, '
  || (select count(*) from webhook_delivery where status = 'succeeded') || ' delivered (warm-up included)'" $DB)
COMMITTED=$(credits_by key_bench)
await_accepted "$COMMITTED"
read -r DELIVERED P50 P99 MAX < <(awk '$3 == "accepted" {print $2}' "$RECEIVED" | sort -n \
  | awk '{v[NR] = $1} END {printf "%d %d %d %d\n", NR, v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], v[NR]}')
echo "pgbench: $(echo "$PGBENCH" | awk '/^tps/ {print $3 " credits/s committed"}')"
echo "when the load ended: $STAGES"
SPAN=$(awk '$3 == "accepted" {if (min == "" || $4 < min) min = $4; if ($4 > max) max = $4} END {printf "%.1f", (max - min) / 1000}' "$RECEIVED")
echo "credits committed: $COMMITTED over ${SECONDS_MEASURED}s (offered $RATE/s); delivered: $DELIVERED, from the first to the last in ${SPAN}s ($(awk -v d="$DELIVERED" -v s="$SPAN" 'BEGIN {printf "%.1f", d / s}')/s)"
echo "commit to delivery: p50 $P50 ms, p99 $P99 ms, max $MAX ms; invalid signatures: $(grep -c invalid "$RECEIVED" || true)"
# Per stage, from commit times (only when the server keeps them: track_commit_timestamp = on, a restart to set).
if [ "$(psql -Atc 'show track_commit_timestamp' $DB)" = on ]; then
  psql -q -c "create table bench_received (event_id text, latency int, outcome text, arrived bigint)" $DB
  awk '$3 == "accepted" {print $1 "\t" $2 "\t" $3 "\t" $4}' "$RECEIVED" \
    | psql -q -c "copy bench_received from stdin" $DB
  psql -q $DB <<'SQL'
with times as (
  select extract(epoch from pg_xact_commit_timestamp(s.xmin)) * 1000 as stored,
         extract(epoch from pg_xact_commit_timestamp(p.xmin)) * 1000 as in_feed,
         extract(epoch from f.at) * 1000 as fanned_out, r.arrived
    from bench_received r join public_event p on p.event_id = r.event_id
    join domain_event_entry s on s.global_index = p.position join bench_fanned_out f on f.event_id = r.event_id),
stages (stage, ms) as (
  select '1 committed -> feed row committed', in_feed - stored from times
  union all select '2 feed row -> delivery created', fanned_out - in_feed from times
  union all select '3 delivery created -> received', arrived - fanned_out from times)
select stage, round(percentile_cont(0.5) within group (order by ms)) as p50_ms,
       round(percentile_cont(0.99) within group (order by ms)) as p99_ms, round(max(ms)) as max_ms
  from stages group by stage order by stage;
SQL
fi
echo "target: every credit delivered and p99 <= 1000 ms at $RATE/s"
if [ "$DELIVERED" -ge "$COMMITTED" ] && [ "$P99" -le 1000 ] && ! grep -q invalid "$RECEIVED"; then echo PASS; else echo MISS; exit 1; fi
