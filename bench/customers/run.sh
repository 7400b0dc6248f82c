#!/usr/bin/env bash
# Customer creations (name, unique email and external_id) through HTTP from 32 concurrent clients against the whole
# app on the local PostgreSQL, compared with pgbench single-row inserts. Target: >= 2,000 creations/s, p99 <= 50 ms.
#   bench/customers/run.sh    (CLIENTS=32 SECONDS_MEASURED=30 PGHOST=127.0.0.1 PGUSER=postgres APP_ARGS= JAVA_OPTS=)
exec "$(dirname "$0")/../common/throughput.sh" customers 800 50
