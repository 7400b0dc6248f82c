#!/usr/bin/env bash
# CSV import benchmark: ROWS customers in one file, uploaded to the whole application (app jar, -Xmx512m) against the
# local PostgreSQL, timed from the start of the upload until the import reports succeeded. Target: 100,000 rows in
# at most 60 s.
#   bench/csv-import/run.sh            (ROWS=100000 TARGET_SECONDS=60 PGHOST=127.0.0.1 PGUSER=postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-100000}
TARGET_SECONDS=${TARGET_SECONDS:-60}
PORT=${PORT:-18190}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=billfold_bench_import
KEY=bench-admin-key
FILE=/tmp/billfold-bench-import.csv
LOG=/tmp/billfold-bench-import.log

if curl -s "localhost:$PORT" > /dev/null; then echo "Port $PORT is in use; set PORT"; exit 1; fi
[ -f app/target/billfold.jar ] || ./mvnw -q -DskipTests package
psql -q -c "drop database if exists $DB" -c "create database $DB" postgres

echo "Generating $ROWS rows..."
{
  echo "customer_name,external_id,email,phone_number,address_line1,address_city,address_country,custom_data,auto_charge_enabled"
  seq 1 "$ROWS" | awk '{ printf "\"Customer %d, Ltd\",bench-%d,billing%d@bench.example,+1 415 555 %04d,%d Market St,San Francisco,US,\"{\"\"tier\"\": \"\"gold\"\", \"\"n\"\": %d}\",false\n", $1, $1, $1, $1 % 10000, $1, $1 }'
} > "$FILE"
echo "File: $(du -h "$FILE" | cut -f1), $(($(wc -l < "$FILE") - 1)) rows"

SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  BILLFOLD_BOOTSTRAP_ADMIN_KEY=$KEY SERVER_PORT=$PORT \
  java -Xmx512m ${JAVA_OPTS:-} -jar app/target/billfold.jar ${APP_ARGS:-} > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/actuator/health" > /dev/null && break; sleep 1; done

START=$(date +%s.%N)
ID=$(curl -sf -X POST "localhost:$PORT/v1/customers/imports" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: text/csv' --data-binary @"$FILE" | sed -E 's/.*"id":"([^"]+)".*/\1/')
UPLOADED=$(date +%s.%N)
echo "Uploaded as $ID in $(echo "$UPLOADED - $START" | bc) s"
while :; do
  STATUS=$(curl -sf "localhost:$PORT/v1/customers/imports/$ID" -H "Authorization: Bearer $KEY")
  case "$STATUS" in *'"status":"succeeded"'*|*'"status":"failed"'*) break ;; esac
  sleep 0.5
done
END=$(date +%s.%N)

echo "$STATUS" | sed -E 's/,"errors":.*//'
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(psql -Atc 'show server_version' postgres)"
ELAPSED=$(echo "$END - $START" | bc)
CREATED=$(echo "$STATUS" | sed -E 's/.*"created":([0-9]+).*/\1/')
printf 'Imported %d of %d rows in %.1f s: %.0f rows/s (target: %d rows in <= %d s, %.0f rows/s)\n' \
  "$CREATED" "$ROWS" "$ELAPSED" "$(echo "$ROWS / $ELAPSED" | bc -l)" "$ROWS" "$TARGET_SECONDS" \
  "$(echo "$ROWS / $TARGET_SECONDS" | bc -l)"
case "$STATUS" in *'"status":"succeeded"'*) ;; *) echo "FAIL: the import did not succeed"; exit 1 ;; esac
[ "$CREATED" -eq "$ROWS" ] || { echo "FAIL: not every row was created"; exit 1; }
if (( $(echo "$ELAPSED > $TARGET_SECONDS" | bc) )); then echo "FAIL: slower than the target"; exit 1; fi
echo "PASS"
