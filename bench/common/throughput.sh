#!/usr/bin/env bash
# Shared by bench/credits and bench/customers: the whole app (billfold.jar, -Xmx512m) on its own database of the local
# PostgreSQL, CLIENTS concurrent keep-alive clients for SECONDS after a warm-up, then pgbench single-row inserts at the
# same concurrency as the yardstick.
# Usage: bench/common/throughput.sh <credits|customers> <min per s> <max p99 ms> [<max app CPU ms> <max PostgreSQL CPU ms>]
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=$1 TARGET_RATE=$2 TARGET_P99=$3 TARGET_CPU=${4:-} TARGET_DBCPU=${5:-}
CLIENTS=${CLIENTS:-32}
SECONDS_MEASURED=${SECONDS_MEASURED:-30}
PORT=${PORT:-18182}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=billfold_bench_$MODE
KEY=bench-admin-key
LOG=/tmp/billfold-bench-$MODE.log

[ -f app/target/billfold.jar ] || ./mvnw -q -o -DskipTests package
psql -q -c "drop database if exists $DB" -c "create database $DB" postgres

SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  BILLFOLD_BOOTSTRAP_ADMIN_KEY=$KEY SERVER_PORT=$PORT \
  java -Xmx512m ${JAVA_OPTS:-} -jar app/target/billfold.jar ${APP_ARGS:-} > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/actuator/health" > /dev/null && break; sleep 1; done

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(psql -Atc 'show server_version' postgres)"
read -r RATE P50 P99 MAX ERRORS COUNT CPU DBCPU < <(java bench/common/HttpLoad.java "$MODE" 127.0.0.1 "$PORT" $KEY "$CLIENTS" "$SECONDS_MEASURED" $APP)
kill $APP; wait $APP 2>/dev/null || true

psql -q -c "create table if not exists bench_scratch (id bigserial primary key, payload text not null, created_at timestamptz not null default now())" $DB
echo "insert into bench_scratch (payload) values ('one row');" > /tmp/billfold-bench-insert.sql
PGBENCH=$(pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_MEASURED" -f /tmp/billfold-bench-insert.sql $DB 2>&1 | awk '/^tps/ {print $3; exit}')

echo "$MODE: $RATE/s with $CLIENTS clients over ${SECONDS_MEASURED}s ($COUNT requests, $ERRORS errors); latency p50 $P50 ms, p99 $P99 ms, max $MAX ms"
echo "app CPU time per $MODE request: $CPU ms (user + system, all threads, projections included)"
echo "PostgreSQL CPU time per $MODE request: $DBCPU ms (every postgres process on the machine)"
echo "CPU the machine has per request at the target rate: $(awk -v c="$(nproc)" -v t="$TARGET_RATE" 'BEGIN {printf "%.2f", 1000 * c / t}') ms ($(nproc) cores / $TARGET_RATE per s)"
echo "pgbench single-row inserts, $CLIENTS clients: $PGBENCH/s; $MODE reach $(awk -v a="$RATE" -v b="$PGBENCH" 'BEGIN {printf "%.1f%%", 100 * a / b}') of it"
if [ -n "$TARGET_CPU" ]; then
  echo "target: >= $TARGET_RATE/s with p99 <= $TARGET_P99 ms and no errors; CPU per request: app <= $TARGET_CPU ms, PostgreSQL <= $TARGET_DBCPU ms"
else
  echo "target: >= $TARGET_RATE/s with p99 <= $TARGET_P99 ms and no errors"
fi
if awk -v r="$RATE" -v p="$P99" -v tr="$TARGET_RATE" -v tp="$TARGET_P99" -v e="$ERRORS" -v c="$CPU" -v dc="$DBCPU" \
     -v tc="${TARGET_CPU:-inf}" -v tdc="${TARGET_DBCPU:-inf}" \
     'BEGIN {exit !(r >= tr && p <= tp && e == 0 && (tc == "inf" || c <= tc) && (tdc == "inf" || dc <= tdc))}'; then
  echo "PASS"
else
  echo "MISS"
  exit 1
fi
