#!/usr/bin/env bash
# Prints every statement PostgreSQL runs for one wallet credit: the whole app on its own database of the local
# PostgreSQL, a warm-up credit, then one credit with log_min_duration_statement = 0 for that database (read from the
# server's log; the projections' own statements are left out). Needs read access to the PostgreSQL server log.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
PORT=${PORT:-18191}
DB=billfold_bench_statements
SERVER_LOG=${SERVER_LOG:-/var/log/postgresql/postgresql-15-main.log}
[ -f app/target/billfold.jar ] || ./mvnw -q -o -DskipTests package
psql -q -c "drop database if exists $DB" -c "create database $DB" -c "alter database $DB set log_min_duration_statement = 0" postgres
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  BILLFOLD_BOOTSTRAP_ADMIN_KEY=bench-admin-key SERVER_PORT=$PORT java -Xmx512m -jar app/target/billfold.jar \
  > /tmp/billfold-bench-statements.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; psql -q -c "alter database $DB reset log_min_duration_statement" postgres' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/actuator/health" > /dev/null && break; sleep 1; done
post() { curl -s -X POST "localhost:$PORT$1" -H 'Authorization: Bearer bench-admin-key' -H 'Content-Type: application/json' -d "$2"; }
customer=$(post /v1/customers '{"customer_name": "Statements"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
wallet=$(post "/v1/customers/$customer/wallets" '{"currency": "USD"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
post "/v1/wallets/$wallet/credits" '{"amount": "1.00", "reason": "promotional"}' > /dev/null
sleep 2
from=$(wc -l < "$SERVER_LOG")
post "/v1/wallets/$wallet/credits" '{"amount": "1.00", "reason": "promotional"}' > /dev/null
sleep 1
echo "Statements of one credit, in order (the authentication's connection, then the command's; BEGIN travels with the"
echo "first statement of a transaction):"
tail -n +$((from + 1)) "$SERVER_LOG" | python3 -c '
import re, sys
lines = [(m.group(1), m.group(3)) for m in (re.search(r"\[(\d+)\].*?(statement|execute [^:]*): (.*)", l) for l in sys.stdin) if m]
auth = next(i for i, (pid, sql) in enumerate(lines) if "from api_key" in sql)
lock = next(i for i, (pid, sql) in enumerate(lines) if "lock_aggregates" in sql)
command = lines[lock][0]
begin = max(i for i in range(lock) if lines[i] == (command, "BEGIN"))
print(f"1. {lines[auth][1][:140]}")
n = 1
for pid, sql in lines[begin + 1:]:
    if pid == command:
        n += 1
        print(f"{n}. {sql[:140]}")
        if sql == "COMMIT":
            break
'
