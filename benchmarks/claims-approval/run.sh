#!/usr/bin/env bash
# Claims approval benchmark (not a test): starts the server jar against a fresh database on the local PostgreSQL,
# drives claim submit → approve over HTTP with bearer tokens from CLIENTS threads for DURATION seconds, then runs pgbench
# (TPC-B-like, same client count and duration) on a scratch database of the same server, and prints the ratio.
# Talks to 127.0.0.1 only, cleans up after itself and stops by itself.
#
#   benchmarks/claims-approval/run.sh            # CLIENTS=8 DURATION=20
#   CLIENTS=4 DURATION=10 benchmarks/claims-approval/run.sh
#   JAR=/tmp/other/grants-api.jar benchmarks/claims-approval/run.sh   # another build (compare.sh alternates two)
#
# Needs java 17+, psql, createdb/dropdb and pgbench on the PATH, and PostgreSQL at 127.0.0.1:5432 that PGUSER (default
# the current user; root on CI machines) may create databases on without a password. Builds the jar if it is missing.
set -euo pipefail

CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-20}
# enough draft claims that no client runs out in DURATION seconds at about 500 approvals/s; the driver warns if one does
CLAIMS_PER_CLIENT=${CLAIMS_PER_CLIENT:-1600}
export PGHOST=127.0.0.1 PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-$(id -un)}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=${JAR:-"$ROOT/grants-api/target/grants-api.jar"}
RUN_ID=$(date +%s)_$$
APP_DB="grants_bench_$RUN_ID"
PGBENCH_DB="pgbench_scratch_$RUN_ID"
LOG=$(mktemp -t grants-bench-server.XXXXXX.log)
# the server's working directory: what demo mode keeps under ./data (the audit signing key, evidence) goes there
WORK_DIR=$(mktemp -d -t grants-bench-work.XXXXXX)
SERVER_PID=""

cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    dropdb --if-exists --force "$APP_DB" 2>/dev/null || true
    dropdb --if-exists --force "$PGBENCH_DB" 2>/dev/null || true
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if [[ ! -f "$JAR" && "$JAR" == "$ROOT/grants-api/target/grants-api.jar" ]]; then
    echo "building $JAR ..."
    (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
fi

createdb "$APP_DB"
PORT=$(free_port)
ADMIN_PORT=$(free_port)
echo "server: http://127.0.0.1:$PORT (database $APP_DB, log $LOG)"
cd "$WORK_DIR"
GRANTS_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/$APP_DB" GRANTS_DATABASE_USER="$PGUSER" \
    GRANTS_PORT="$PORT" GRANTS_ADMIN_PORT="$ADMIN_PORT" \
    timeout $((DURATION + 600)) java -Xmx512m -jar "$JAR" server "$HERE/benchmark.yml" >"$LOG" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 180); do
    if curl -fs -o /dev/null "http://127.0.0.1:$ADMIN_PORT/healthcheck" 2>/dev/null \
        || curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/organisations" 2>/dev/null | grep -q 401; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "the server stopped; its log:" >&2
        tail -50 "$LOG" >&2
        exit 1
    fi
    sleep 1
done

DRIVER_OUT=$(mktemp -t grants-bench-driver.XXXXXX.log)
timeout $((DURATION + 600)) java "$HERE/ClaimsApprovalBenchmark.java" "http://127.0.0.1:$PORT" "$CLIENTS" \
    "$DURATION" "$CLAIMS_PER_CLIENT" | tee "$DRIVER_OUT"
APPROVALS=$(sed -n 's/^approvals_per_second=//p' "$DRIVER_OUT")

kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

echo "pgbench: TPC-B-like, scale 1, $CLIENTS clients, $DURATION s, database $PGBENCH_DB"
createdb "$PGBENCH_DB"
pgbench -i -s 1 -q "$PGBENCH_DB" >/dev/null 2>&1
PGBENCH_OUT=$(pgbench -c "$CLIENTS" -j 2 -T "$DURATION" "$PGBENCH_DB" 2>&1)
echo "$PGBENCH_OUT" | grep -E '^(latency average|tps)'
TPS=$(echo "$PGBENCH_OUT" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p')

echo "----"
echo "approvals/s          $APPROVALS"
echo "pgbench tps          $TPS"
awk -v a="$APPROVALS" -v t="$TPS" 'BEGIN { printf "ratio approvals/tps  %.2f\n", a / t }'
