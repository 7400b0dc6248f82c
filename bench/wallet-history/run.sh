#!/usr/bin/env bash
# Wallet history benchmark: a credit on a wallet with HISTORY prior transactions versus one on a fresh wallet.
# Runs the command side alone (no projections competing for the CPU) against the local PostgreSQL.
#   bench/wallet-history/run.sh            (HISTORY=100000 SAMPLES=500 PGHOST=127.0.0.1 PGUSER=postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
HISTORY=${HISTORY:-100000}
SAMPLES=${SAMPLES:-500}
PORT=${PORT:-18181}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=billfold_bench_wallet
KEY=bench-admin-key

[ -f command-side/target/billfold-command.jar ] || ./mvnw -q -DskipTests package
psql -q -c "drop database if exists $DB" -c "create database $DB" postgres

SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  BILLFOLD_BOOTSTRAP_ADMIN_KEY=$KEY SERVER_PORT=$PORT \
  java -Xmx512m -jar command-side/target/billfold-command.jar ${APP_ARGS:-} > /tmp/billfold-bench-wallet.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/actuator/health" > /dev/null && break; sleep 1; done

BASE="http://localhost:$PORT"
read -r _ FRESH < <(java bench/wallet-history/WalletHistoryBench.java "$BASE" $KEY fresh)
read -r CUSTOMER HISTORIC < <(java bench/wallet-history/WalletHistoryBench.java "$BASE" $KEY history)

echo "Seeding $HISTORY credits into $HISTORIC (events as the app writes them)..."
psql -q -v ON_ERROR_STOP=1 $DB <<SQL
insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
    meta_data, payload, payload_revision, payload_type, time_stamp)
select nextval('domain_event_entry_seq'), '$HISTORIC', n, 'Wallet', gen_random_uuid()::text,
       convert_to('{"actor_id":"key_seed","actor_name":"seed"}', 'UTF8'),
       convert_to(json_build_object('walletId', '$HISTORIC', 'customerId', '$CUSTOMER',
           'transactionId', 'txn_seed_' || n, 'currency', 'USD', 'amountMinor', 100, 'reason', 'migration',
           'description', null, 'reference', null, 'metadata', '{}'::json, 'balanceAfterMinor', n * 100)::text, 'UTF8'),
       '1', 'io.billfold.api.wallet.WalletCreditedEvent',
       to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  from generate_series(1, $HISTORY) n;
SQL
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(psql -Atc 'show server_version' postgres)"
java bench/wallet-history/WalletHistoryBench.java "$BASE" $KEY "$FRESH" "$HISTORIC" "$SAMPLES"
