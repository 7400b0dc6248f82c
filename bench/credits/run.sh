#!/usr/bin/env bash
# Wallet credits through HTTP from 32 concurrent clients (one wallet each) against the whole app on the local
# PostgreSQL, compared with pgbench single-row inserts at the same concurrency. Target: >= 2,000 credits/s, p99 <= 50 ms.
#   bench/credits/run.sh      (CLIENTS=32 SECONDS_MEASURED=30 PGHOST=127.0.0.1 PGUSER=postgres APP_ARGS= JAVA_OPTS=)
exec "$(dirname "$0")/../common/throughput.sh" credits 1000 50 1.2 0.6
