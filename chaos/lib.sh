# Shared by the chaos scripts (sourced). Needs DB, PGPORT_APP (the PostgreSQL port the app uses), PORT, KEY, LOG.
PGBIN=/usr/lib/postgresql/15/bin
BASE="http://localhost:$PORT"
OPERATOR=chaos-operator-key
READ_MODEL_TABLES="customer_view customer_history customer_contact customer_recipient wallet_view wallet_transaction"

start_app() {
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PGPORT_APP/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    BILLFOLD_BOOTSTRAP_ADMIN_KEY=$KEY BILLFOLD_OPERATOR_KEY=$OPERATOR SERVER_PORT=$PORT \
    java -Xmx512m -jar app/target/billfold.jar ${APP_ARGS:-} >> "$LOG" 2>&1 &
  APP=$!
  for _ in $(seq 1 180); do curl -sf "$BASE/actuator/health" > /dev/null && return; sleep 1; done
  echo "the app did not start, see $LOG" >&2; exit 1
}

# Prints WALLETS customers' USD wallet ids, comma separated.
create_wallets() {
  local ids=() customer
  for i in $(seq 1 "${WALLETS:-8}"); do
    customer=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d "{\"customer_name\": \"Chaos wallet owner $i\"}" "$BASE/v1/customers" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
    ids+=("$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"currency": "USD"}' \
      "$BASE/v1/customers/$customer/wallets" | sed -E 's/^\{"id":"([^"]+)".*/\1/')")
  done
  (IFS=,; echo "${ids[*]}")
}

# Waits until the read models have processed every stored event (Billfold-Await-Position on the store's head).
await_read_models() {
  local head
  head=$(psql -h 127.0.0.1 -p "$PGPORT_APP" -U postgres -Atc "select coalesce(max(global_index), 0) from domain_event_entry" "$DB")
  for _ in $(seq 1 60); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" -H "Billfold-Await-Position: $head" \
      "$BASE/v1/customers?limit=1")" = 200 ] && return
  done
  echo "the read models did not catch up with position $head" >&2; exit 1
}

# Loads the acknowledgements into the database and runs chaos/verify.sql; fails unless every count is 0.
verify() {
  local acks=$1 output
  output=$(psql -h 127.0.0.1 -p "$PGPORT_APP" -U postgres -q -At -v ON_ERROR_STOP=1 "$DB" <<SQL
create temporary table ack (kind text, idem text, id text);
\copy ack from '$acks' with (format text, delimiter ' ')
\echo 'acknowledged requests:'
select count(*) from ack;
\i chaos/verify.sql
SQL
)
  echo "$output" | paste - - | sed 's/^/  /'
  echo "$output" | paste - - | tail -n +2 | awk -F'\t' '$2 != 0 {bad = 1} END {exit bad}'
}

# One line per read-model table: its name, row count and an md5 over all its rows in a fixed order.
read_model_checksums() {
  for table in $READ_MODEL_TABLES; do
    psql -h 127.0.0.1 -p "$PGPORT_APP" -U postgres -Atc \
      "select '$table', count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from $table t" "$DB"
  done
}

# Replays every projection from the first event and fails unless the rebuilt read models equal the live ones, table
# by table (the checksums of read_model_checksums, taken before and after).
replay_matches_live() {
  local before after
  before=$(read_model_checksums)
  for projection in customers wallets; do
    curl -sf -X POST -H "Authorization: Bearer $OPERATOR" "$BASE/v1/admin/projections/$projection/replay" > /dev/null
  done
  for _ in $(seq 1 600); do
    curl -sf -H "Authorization: Bearer $OPERATOR" "$BASE/v1/admin/projections" \
      | python3 -c 'import json,sys; sys.exit(any(p["replaying"] for p in json.load(sys.stdin)["data"]))' && break
    sleep 0.5
  done
  after=$(read_model_checksums)
  echo "read models before and after a full replay of every projection (table|rows|md5):"
  paste -d' ' <(echo "$before") <(echo "$after") | sed 's/^/  /'
  [ "$before" = "$after" ]
}
