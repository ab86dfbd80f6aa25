#!/usr/bin/env bash
# Checks "nothing lost, nothing half-stored" across a crash: kills the server with SIGKILL in the middle of a slow
# upload, restarts it, and shows that the partial upload is gone, no row was written, and every row has its file.
# Also plants a stored file without a row (what a crash between the move into storage and the commit leaves) and
# shows the start-up sweep removing it. Same prerequisites as run.sh; 127.0.0.1 only; cleans up after itself.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/grants-api/target/grants-api.jar"
PG_USER="${BENCH_PG_USER:-root}"
PG_PORT="${BENCH_PG_PORT:-5432}"
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
PORT="$(free_port)"
ADMIN_PORT="$(free_port)"
DATABASE="grants_kill9_$(date +%s)_$$"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/evidence-kill9.XXXXXX")"
SERVER_PID=""

cleanup() {
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" \
        >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -ntp -q -DskipTests package)
psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE $DATABASE" >/dev/null
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$DATABASE" -Atc "$1"; }
cat > "$WORK/config.yml" <<YAML
mode: DEMO
database: {driverClass: org.postgresql.Driver, url: "jdbc:postgresql://127.0.0.1:$PG_PORT/$DATABASE", user: $PG_USER, password: ""}
evidence: {storageDirectory: $WORK/evidence, maxUploadSize: 1GiB}
server:
  registerDefaultExceptionMappers: false
  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: $PORT}]
  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: $ADMIN_PORT}]
  requestLog: {appenders: []}
logging: {level: WARN}
YAML
start() {
    java -Xmx256m -jar "$JAR" server "$WORK/config.yml" > "$WORK/$1.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        grep -q "is running at" "$WORK/$1.log" 2>/dev/null && return
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$1.log"; exit 1; }
        sleep 1
    done
}
state() {
    local files
    files=$(find "$WORK/evidence" -type f -not -path "$WORK/evidence/tmp/*" | wc -l)
    echo "  $1: evidence rows $(sql 'SELECT count(*) FROM evidence'), stored files $files, temporary files $(ls "$WORK/evidence/tmp" | wc -l)"
}

start first
AWARD=$(curl -sf -u cardiff:demo-password "http://127.0.0.1:$PORT/api/v1/awards?status=ACTIVE" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
printf '%%PDF-1.7\nkept\n' > "$WORK/kept.pdf"
curl -sf -u cardiff:demo-password -o /dev/null -F title=Kept -F "file=@$WORK/kept.pdf" \
    "http://127.0.0.1:$PORT/api/v1/awards/$AWARD/evidence"
state "after one good upload"

(printf '%%PDF-1.7\n'; head -c $((300 * 1024 * 1024)) /dev/urandom) > "$WORK/slow.pdf"
curl -s -u cardiff:demo-password --limit-rate 20M -o /dev/null -F title=Killed -F "file=@$WORK/slow.pdf" \
    "http://127.0.0.1:$PORT/api/v1/awards/$AWARD/evidence" > /dev/null 2>&1 &
CURL_PID=$!
for _ in $(seq 1 50); do [[ -n "$(ls -A "$WORK/evidence/tmp")" ]] && break; sleep 0.2; done
sleep 2
state "mid-upload"
kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
wait "$CURL_PID" 2>/dev/null || true
state "after kill -9"

ORPHAN=$(printf 'left between the move and the commit' | sha256sum | cut -d' ' -f1)
mkdir -p "$WORK/evidence/${ORPHAN:0:2}/${ORPHAN:2:2}"
printf 'left between the move and the commit' > "$WORK/evidence/${ORPHAN:0:2}/${ORPHAN:2:2}/$ORPHAN"
state "with a planted unrecorded file"

start second
grep "Evidence storage" "$WORK/second.log" | sed 's/^/  server: /' || true
state "after restart"
MISSING=0
for sha in $(sql 'SELECT DISTINCT sha256 FROM evidence'); do
    [[ -f "$WORK/evidence/${sha:0:2}/${sha:2:2}/$sha" ]] || MISSING=$((MISSING + 1))
done
UNRECORDED=0
for file in $(find "$WORK/evidence" -type f -not -path "$WORK/evidence/tmp/*"); do
    [[ "$(sql "SELECT count(*) FROM evidence WHERE sha256 = '$(basename "$file")'")" != "0" ]] || UNRECORDED=$((UNRECORDED + 1))
done
echo "  rows without their file: $MISSING; stored files without a row: $UNRECORDED"
[[ "$MISSING" == 0 && "$UNRECORDED" == 0 && -z "$(ls -A "$WORK/evidence/tmp")" ]] && echo "OK" || { echo "FAILED"; exit 1; }
