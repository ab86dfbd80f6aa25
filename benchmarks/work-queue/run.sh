#!/usr/bin/env bash
# Work-queue benchmark (not a test): CLAIMS submitted claims (default 5,000) made through the services over 88
# awards of four schemes, then the real server (demo mode, on the local PostgreSQL) is started and, signed in as the
# finance officer finance1, the queue of one scheme (about a quarter of the claims) is paged through, every page,
# ROUNDS times after a warm-up: the web page /claims?status=SUBMITTED&scheme=S&page=N and the JSON API's
# /api/v1/claims?status=SUBMITTED&schemeId=S&limit=20&offset=... back to back. Prints p50 and p99 of each (the
# client's time on 127.0.0.1, keep-alive: the server's time plus loopback) and their ratio, after checking that
# every page lists the same claims as the API.
#
#   benchmarks/work-queue/run.sh                       # CLAIMS=5000 ROUNDS=3
#   CLAIMS=1000 ROUNDS=1 benchmarks/work-queue/run.sh
#   DATABASE=grants_mine PORT=18121 ADMIN_PORT=18122 benchmarks/work-queue/run.sh
#   JAR=/tmp/other/grants-api.jar benchmarks/work-queue/run.sh   # another build, e.g. before a change
#   KEEP_DATABASE=1 DATABASE=grants_q benchmarks/work-queue/run.sh         # keep the generated claims, then
#   REUSE=1 DATABASE=grants_q JAR=/tmp/other.jar benchmarks/work-queue/run.sh  # time another build on them
#
# Needs java 17+, psql, createdb/dropdb and curl, and PostgreSQL at 127.0.0.1:5432 that PGUSER (default the current
# user; root on CI machines) may create databases on without a password. Builds the jar if it is missing. Cleans up
# (server, database, work directory) and stops by itself.
set -euo pipefail

CLAIMS=${CLAIMS:-5000}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
export PGHOST=127.0.0.1 PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-$(id -un)}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=${JAR:-"$ROOT/grants-api/target/grants-api.jar"}
DATABASE=${DATABASE:-grants_work_queue_bench_$(date +%s)_$$}
LOG=$(mktemp -t grants-queue-bench-server.XXXXXX.log)
WORK_DIR=$(mktemp -d -t grants-queue-bench-work.XXXXXX)
SERVER_PID=""

cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ "${KEEP_DATABASE:-0}" != 1 && "${REUSE:-0}" != 1 ]]; then
        dropdb --if-exists --force "$DATABASE" 2>/dev/null || true
    fi
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if [[ ! -f "$JAR" && "$JAR" == "$ROOT/grants-api/target/grants-api.jar" ]]; then
    echo "building $JAR ..."
    (cd "$ROOT" && mvn -B -ntp -q -pl grants-api -am package -DskipTests)
fi

if [[ "${REUSE:-0}" != 1 ]]; then
    createdb "$DATABASE"
fi
PORT=${PORT:-$(free_port)}
ADMIN_PORT=${ADMIN_PORT:-$(free_port)}
echo "server: http://127.0.0.1:$PORT (database $DATABASE, log $LOG)"
cd "$WORK_DIR"
GRANTS_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/$DATABASE" GRANTS_DATABASE_USER="$PGUSER" \
    GRANTS_PORT="$PORT" GRANTS_ADMIN_PORT="$ADMIN_PORT" \
    timeout 7200 java -Xmx512m -jar "$JAR" server "$HERE/benchmark.yml" >"$LOG" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 300); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/organisations" 2>/dev/null | grep -q 401; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "the server stopped; its log:" >&2
        tail -50 "$LOG" >&2
        exit 1
    fi
    sleep 1
done

if [[ "${REUSE:-0}" == 1 ]]; then
    read -r SCHEME SCHEME_CLAIMS < <(psql -X -q -t -A -F ' ' -d "$DATABASE" -c "SELECT schemes.id, count(claims.id)
        FROM schemes JOIN awards ON awards.scheme_id = schemes.id JOIN claims ON claims.award_id = awards.id
        WHERE schemes.code = 'QUEUE1' AND claims.status = 'SUBMITTED' GROUP BY schemes.id")
    echo "reusing $DATABASE: scheme QUEUE1 $SCHEME with $SCHEME_CLAIMS submitted claims"
else
    echo "generating $CLAIMS submitted claims through the services ($THREADS threads) ..."
    GENERATED=$(java -Xmx384m -Dlogback.configurationFile="$HERE/logback.xml" -cp "$JAR" "$HERE/GenerateClaims.java" \
        "jdbc:postgresql://127.0.0.1:$PGPORT/$DATABASE" "$PGUSER" "$WORK_DIR/generator-signing-key.pem" "$CLAIMS" \
        "$THREADS" | tee /dev/stderr)
    read -r _ _ SCHEME SCHEME_CLAIMS < <(echo "$GENERATED" | grep '^scheme QUEUE1 ')
fi
psql -X -q -d "$DATABASE" -c 'ANALYZE' >/dev/null

java "$HERE/QueueBenchmark.java" "http://127.0.0.1:$PORT" finance1 demo-password "$SCHEME" "$SCHEME_CLAIMS" "$ROUNDS"
