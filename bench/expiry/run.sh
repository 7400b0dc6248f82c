#!/usr/bin/env bash
# GRANTS (default 100,000) grants on WALLETS wallets (default 1,000) expiring within one minute, through the whole app
# (billfold.jar, -Xmx512m) on its own database of the local PostgreSQL, while CLIENTS (default 4) clients keep crediting
# wallets of their own. Target: every expiry recorded within 60 s of its grant's expires_at, credits p99 <= 100 ms.
#   bench/expiry/run.sh   (GRANTS=100000 WALLETS=1000 LEAD_SECONDS=600 SEED_CLIENTS=16 CLIENTS=4 APP_ARGS= JAVA_OPTS=)
set -euo pipefail
cd "$(dirname "$0")/../.."
GRANTS=${GRANTS:-100000} WALLETS=${WALLETS:-1000} LEAD_SECONDS=${LEAD_SECONDS:-600}
SEED_CLIENTS=${SEED_CLIENTS:-16} CLIENTS=${CLIENTS:-4} PORT=${PORT:-18183}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=billfold_bench_expiry
KEY=bench-admin-key
LOG=/tmp/billfold-bench-expiry.log
STOP=/tmp/billfold-bench-expiry.stop
EXPIRED="select count(*) from domain_event_entry where payload_type = 'io.billfold.api.wallet.WalletGrantExpiredEvent'"

[ -f app/target/billfold.jar ] || ./mvnw -q -o -DskipTests package
psql -q -c "drop database if exists $DB" -c "create database $DB" postgres
rm -f $STOP

SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  BILLFOLD_BOOTSTRAP_ADMIN_KEY=$KEY SERVER_PORT=$PORT \
  java -Xmx512m ${JAVA_OPTS:-} -jar app/target/billfold.jar ${APP_ARGS:-} > "$LOG" 2>&1 &
APP=$!
trap 'touch $STOP; kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/actuator/health" > /dev/null && break; sleep 1; done

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(psql -Atc 'show server_version' postgres)"
SEED_START=$(date +%s)
MINUTE=$(java bench/expiry/ExpiryLoad.java seed "$PORT" $KEY "$GRANTS" "$WALLETS" "$LEAD_SECONDS" "$SEED_CLIENTS")
echo "seeded $GRANTS grants on $WALLETS wallets in $(( $(date +%s) - SEED_START )) s; they expire from $MINUTE over one minute"
if [ "$(date +%s)" -ge "$(date -d "$MINUTE" +%s)" ]; then
  echo "seeding ran past the expiry minute: raise LEAD_SECONDS"; exit 1
fi
java bench/expiry/ExpiryLoad.java credits "$PORT" $KEY "$CLIENTS" $STOP > /tmp/billfold-bench-expiry.credits &
LOAD=$!
LIMIT=$(( $(date -d "$MINUTE" +%s) + 60 + 240 ))
while [ "$(psql -Atc "$EXPIRED" $DB)" -lt "$GRANTS" ] && [ "$(date +%s)" -lt "$LIMIT" ]; do sleep 1; done
touch $STOP
wait $LOAD
read -r COUNT P50 P99 MAX ERRORS < /tmp/billfold-bench-expiry.credits
# Fresh statistics, or the planner joins the two scans below by a nested loop that parses JSON for every pair.
psql -q -c "analyze domain_event_entry" $DB
read -r RECORDED LATE_P50 LATE_P99 LATE_MAX < <(psql -Atc "
  with expiries as (
         select convert_from(payload, 'UTF8')::jsonb ->> 'grantId' as grant_id, time_stamp::timestamptz as at
           from domain_event_entry where payload_type = 'io.billfold.api.wallet.WalletGrantExpiredEvent'),
       grants as (
         select convert_from(payload, 'UTF8')::jsonb ->> 'transactionId' as grant_id,
                (convert_from(payload, 'UTF8')::jsonb ->> 'expiresAt')::timestamptz as expires_at
           from domain_event_entry where payload_type = 'io.billfold.api.wallet.WalletCreditedEvent')
  select count(*),
         round(extract(epoch from percentile_cont(0.5) within group (order by at - expires_at))::numeric, 1),
         round(extract(epoch from percentile_cont(0.99) within group (order by at - expires_at))::numeric, 1),
         round(extract(epoch from max(at - expires_at))::numeric, 1)
    from expiries join grants using (grant_id)" -F ' ' $DB)
kill $APP; wait $APP 2>/dev/null || true

echo "expiries recorded: $RECORDED of $GRANTS; after expires_at: p50 $LATE_P50 s, p99 $LATE_P99 s, max $LATE_MAX s"
echo "credits meanwhile ($CLIENTS clients): $COUNT, $ERRORS errors; latency p50 $P50 ms, p99 $P99 ms, max $MAX ms"
echo "target: every expiry within 60 s of its expires_at, credits p99 <= 100 ms"
if awk -v r="$RECORDED" -v g="$GRANTS" -v l="${LATE_MAX:-999}" -v p="$P99" -v e="$ERRORS" \
     'BEGIN {exit !(r == g && l <= 60 && p <= 100 && e == 0)}'; then
  echo "PASS"
else
  echo "MISS"
  exit 1
fi
