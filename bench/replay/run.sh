#!/usr/bin/env bash
# Replay benchmark: rebuild every projection from EVENTS events while the app keeps serving, heap capped at 512 MB.
# Seeds real events (customers created through the API, then cloned in SQL; wallet credits written as the app
# writes them), waits for the live projections, then replays customers and wallets at once and reports events/s.
#   bench/replay/run.sh            (EVENTS=1000000 CUSTOMERS=100000 PGHOST=127.0.0.1 PGUSER=postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-1000000}
CUSTOMERS=${CUSTOMERS:-100000}
WALLETS=${WALLETS:-1000}
TARGET=${TARGET:-25000}
PORT=${PORT:-18183}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=billfold_bench_replay
KEY=bench-admin-key
OPERATOR=bench-operator-key
BASE="http://localhost:$PORT"

[ -f app/target/billfold.jar ] || ./mvnw -q -DskipTests package
psql -q -c "drop database if exists $DB" -c "create database $DB" postgres

SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  BILLFOLD_BOOTSTRAP_ADMIN_KEY=$KEY BILLFOLD_OPERATOR_KEY=$OPERATOR SERVER_PORT=$PORT \
  java -Xmx512m ${JAVA_OPTS:-} -jar app/target/billfold.jar ${APP_ARGS:-} > /tmp/billfold-bench-replay.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health" > /dev/null && break; sleep 1; done

post() { curl -sf -X POST "$BASE$1" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$2"; }
TEMPLATE=$(post /v1/customers '{"customer_name":"Template Customer","email":"template@bench.example","external_id":"tmpl-0","address":{"line1":"1 Main St","city":"Springfield","country":"US"},"custom_data":{"tier":"gold"}}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
CUSTOMER=$(post /v1/customers '{"customer_name":"Wallet Owner"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
WALLET_IDS=()
for i in $(seq 1 "$WALLETS"); do
  OWNER=$(post /v1/customers "{\"customer_name\":\"Owner $i\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  WALLET_IDS+=("$(post "/v1/customers/$OWNER/wallets" '{"currency":"USD"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')")
done
CREDITS=$(( EVENTS - CUSTOMERS - 3 * WALLETS ))
echo "Seeding $CUSTOMERS customers (cloned from $TEMPLATE) and $CREDITS credits over $WALLETS wallets..."
printf '%s\n' "${WALLET_IDS[@]}" > /tmp/billfold-bench-wallets.txt
psql -q -v ON_ERROR_STOP=1 $DB <<SQL
create temp table bench_wallet (slot serial, wallet_id text);
\copy bench_wallet (wallet_id) from '/tmp/billfold-bench-wallets.txt'
insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
    meta_data, payload, payload_revision, payload_type, time_stamp)
select nextval('domain_event_entry_seq'), 'cus_bench_' || n, 0, e.type, gen_random_uuid()::text, e.meta_data,
       convert_to(replace(replace(replace(convert_from(e.payload, 'UTF8'), '$TEMPLATE', 'cus_bench_' || n),
           'template@bench.example', 'c' || n || '@bench.example'), 'tmpl-0', 'ext-' || n), 'UTF8'),
       e.payload_revision, e.payload_type, e.time_stamp
  from domain_event_entry e, generate_series(1, $CUSTOMERS) n
 where e.aggregate_identifier = '$TEMPLATE' and e.sequence_number = 0;
-- Each clone gets its own data key row (the template's key, wrapped as it is): its personal fields are encrypted.
insert into personal_data_key (subject_id, wrapped_key, master_key_id)
select 'cus_bench_' || n, k.wrapped_key, k.master_key_id
  from personal_data_key k, generate_series(1, $CUSTOMERS) n
 where k.subject_id = '$TEMPLATE';
insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
    meta_data, payload, payload_revision, payload_type, time_stamp)
select nextval('domain_event_entry_seq'), w.wallet_id, 1 + (n - 1) / $WALLETS, 'Wallet', gen_random_uuid()::text,
       convert_to('{"actor_id":"key_seed","actor_name":"seed"}', 'UTF8'),
       convert_to(json_build_object('walletId', w.wallet_id, 'customerId', '$CUSTOMER',
           'transactionId', 'txn_seed_' || n, 'currency', 'USD', 'amountMinor', 100, 'reason', 'migration',
           'description', null, 'reference', null, 'metadata', '{}'::json,
           'balanceAfterMinor', (1 + (n - 1) / $WALLETS) * 100)::text, 'UTF8'),
       '1', 'io.billfold.api.wallet.WalletCreditedEvent',
       to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  from generate_series(1, $CREDITS) n join bench_wallet w on w.slot = 1 + (n - 1) % $WALLETS;
SQL
TOTAL=$(psql -Atc "select count(*) from domain_event_entry" $DB)
echo "Event store: $TOTAL events. Waiting for the live projections to process them..."

lag() { curl -sf "$BASE/v1/admin/projections" -H "Authorization: Bearer $OPERATOR" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; print(max(p["lag"] for p in d), int(any(p["replaying"] for p in d)), sum(p["dead_letters"] for p in d))'; }
START=$(date +%s.%N)
until [ "$(lag | cut -d' ' -f1)" = 0 ]; do sleep 1; done
LIVE=$(python3 -c "print(f'{$TOTAL / ($(date +%s.%N) - $START):.0f}')")
echo "Live projections caught up at $LIVE events/s (one event at a time, as commands arrive)"

# CPU seconds (user + system) of a list of processes, from /proc (clock ticks of 1/100 s).
cpu_seconds() { local total=0 fields; for pid in "$@"; do
  read -r -a fields < "/proc/$pid/stat" 2>/dev/null || continue; total=$(( total + fields[13] + fields[14] )); done
  python3 -c "print($total / 100)"; }
echo "Replaying customers and wallets from the first event..."
APP_CPU=$(cpu_seconds $APP) DB_CPU=$(cpu_seconds $(pgrep -x postgres))
START=$(date +%s.%N)
for name in customers wallets; do
  curl -sf -X POST "$BASE/v1/admin/projections/$name/replay" -H "Authorization: Bearer $OPERATOR" > /dev/null
done
while :; do read -r LAG REPLAYING DEAD < <(lag); [ "$REPLAYING" = 0 ] && break; sleep 0.5; done
ELAPSED=$(python3 -c "print($(date +%s.%N) - $START)")
APP_CPU=$(python3 -c "print(f'{$(cpu_seconds $APP) - $APP_CPU:.1f}')")
DB_CPU=$(python3 -c "print(f'{$(cpu_seconds $(pgrep -x postgres)) - $DB_CPU:.1f}')")
RATE=$(python3 -c "print(f'{$TOTAL / $ELAPSED:.0f}')")
PEAK=$(grep -o 'replay[^ ]* events/s' /tmp/billfold-bench-replay.log | tail -1 || true)
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(psql -Atc 'show server_version' postgres); heap -Xmx512m"
echo "Replay of $TOTAL events (both projections, swapped in): $(printf '%.1f' "$ELAPSED") s, $RATE events/s (target >= $TARGET); dead letters: $DEAD"
echo "CPU during the replay: app $APP_CPU s, PostgreSQL $DB_CPU s (of $(python3 -c "print(f'{$ELAPSED * $(nproc):.0f}')") s on $(nproc) cores)"
grep 'Replay of projection' /tmp/billfold-bench-replay.log | sed 's/.*ProjectionReplays *: /  /'
[ "$RATE" -ge "$TARGET" ]
