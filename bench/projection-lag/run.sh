#!/usr/bin/env bash
# Projection lag across processes: a command node (billfold-command.jar) and a query node (billfold-query.jar), each
# -Xmx512m, on one database of the local PostgreSQL. Credits are offered at RATE per second (open loop); after each
# acknowledgement the client reads the wallet from the query node with Billfold-Await-Position, and the time from
# acknowledgement to that answer is the lag. Target: p99 lag <= 100 ms at 500 commands/s.
#   bench/projection-lag/run.sh      (RATE=500 SECONDS_MEASURED=30 PGHOST=127.0.0.1 PGUSER=postgres APP_ARGS= JAVA_OPTS=)
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-500}
SECONDS_MEASURED=${SECONDS_MEASURED:-30}
COMMAND_PORT=${COMMAND_PORT:-18194}
QUERY_PORT=${QUERY_PORT:-18195}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=billfold_bench_lag
KEY=bench-admin-key

for port in $COMMAND_PORT $QUERY_PORT; do
  if curl -s -o /dev/null "localhost:$port"; then echo "port $port is in use" >&2; exit 2; fi
done
[ -f command-side/target/billfold-command.jar ] && [ -f query-side/target/billfold-query.jar ] \
  || ./mvnw -q -o -DskipTests package
psql -q -c "drop database if exists $DB" -c "create database $DB" postgres

start() { # jar port log
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    BILLFOLD_BOOTSTRAP_ADMIN_KEY=$KEY SERVER_PORT=$2 \
    java -Xmx512m ${JAVA_OPTS:-} -jar "$1" ${APP_ARGS:-} > "$3" 2>&1 &
  echo $!
}
COMMAND=$(start command-side/target/billfold-command.jar "$COMMAND_PORT" /tmp/billfold-bench-lag-command.log)
for _ in $(seq 1 180); do curl -sf "localhost:$COMMAND_PORT/actuator/health" > /dev/null && break; sleep 1; done
QUERY=$(start query-side/target/billfold-query.jar "$QUERY_PORT" /tmp/billfold-bench-lag-query.log)
trap 'kill $COMMAND $QUERY 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$QUERY_PORT/actuator/health" > /dev/null && break; sleep 1; done

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(psql -Atc 'show server_version' postgres)"
read -r ACHIEVED CMD50 CMD99 LAG50 LAG99 LAGMAX LATE ERRORS < <(java bench/common/HttpLoad.java lag 127.0.0.1 \
  "$COMMAND_PORT" "$QUERY_PORT" $KEY "$RATE" "$SECONDS_MEASURED")
echo "offered $RATE credits/s for ${SECONDS_MEASURED}s, achieved $ACHIEVED/s; command p50 $CMD50 ms, p99 $CMD99 ms"
echo "lag (acknowledged on the command node -> visible on the query node): p50 $LAG50 ms, p99 $LAG99 ms, max $LAGMAX ms; not caught up within the wait limit: $LATE; errors: $ERRORS"
echo "target: p99 lag <= 100 ms at 500 credits/s achieved"
if awk -v a="$ACHIEVED" -v r="$RATE" -v p="$LAG99" -v e="$ERRORS" -v l="$LATE" \
     'BEGIN {exit !(a >= 0.98 * r && r >= 500 && p <= 100 && e == 0 && l == 0)}'; then
  echo "PASS"
else
  echo "MISS"
  exit 1
fi
