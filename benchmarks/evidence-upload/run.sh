#!/usr/bin/env bash
# Uploads a 1 GB file as a recipient to a server started with -Xmx256m and compares the upload speed with
# sha256sum on the same file (the hashing every upload must do anyway). Samples the server's heap while it runs.
# Needs: java 17, curl, psql, jstat, python3 and a PostgreSQL at 127.0.0.1:5432 (user root, trust auth; override
# with BENCH_PG_USER / BENCH_PG_PORT). Everything listens on 127.0.0.1 only; all it creates is removed at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/grants-api/target/grants-api.jar"
SIZE_MB="${BENCH_SIZE_MB:-1024}"
PG_USER="${BENCH_PG_USER:-root}"
PG_PORT="${BENCH_PG_PORT:-5432}"
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
PORT="${BENCH_PORT:-$(free_port)}"
ADMIN_PORT="${BENCH_ADMIN_PORT:-$(free_port)}"
DATABASE="grants_bench_$(date +%s)_$$"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/evidence-bench.XXXXXX")"
SERVER_PID=""
SAMPLER_PID=""

cleanup() {
    if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" \
        >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ! -f "$JAR" ]]; then
    echo "Building $JAR ..."
    (cd "$ROOT" && mvn -B -ntp -q -DskipTests package)
fi

psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE $DATABASE" >/dev/null

cat > "$WORK/config.yml" <<YAML
mode: DEMO
database:
  driverClass: org.postgresql.Driver
  url: jdbc:postgresql://127.0.0.1:$PG_PORT/$DATABASE
  user: $PG_USER
  password: ""
evidence:
  storageDirectory: $WORK/evidence
  maxUploadSize: 2GiB
server:
  registerDefaultExceptionMappers: false
  applicationConnectors:
    - type: http
      bindHost: 127.0.0.1
      port: $PORT
  adminConnectors:
    - type: http
      bindHost: 127.0.0.1
      port: $ADMIN_PORT
  requestLog:
    appenders: []
logging:
  level: WARN
YAML

echo "Creating a ${SIZE_MB} MB file ..."
FILE="$WORK/benchmark.pdf"
# a PDF header so the content check accepts it; random bytes so nothing compresses or deduplicates
printf '%%PDF-1.7\n' > "$FILE"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >> "$FILE"
BYTES=$(stat -c %s "$FILE")
cat "$FILE" > /dev/null   # warm the page cache for both measurements alike

echo "Timing sha256sum ..."
START=$(date +%s.%N)
EXPECTED=$(sha256sum "$FILE" | cut -d' ' -f1)
END=$(date +%s.%N)
SHA_SECONDS=$(python3 -c "print($END - $START)")

echo "Starting the server with -Xmx256m ..."
java -Xmx256m -jar "$JAR" server "$WORK/config.yml" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
    if grep -q "is running at" "$WORK/server.log" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log"; exit 1; fi
    sleep 1
done

AWARD=$(curl -sf -u cardiff:demo-password "http://127.0.0.1:$PORT/api/v1/awards?status=ACTIVE" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

# heap used (KB) = survivor 0 + survivor 1 + eden + old, sampled every 200 ms
jstat -gc "$SERVER_PID" 200 > "$WORK/heap.txt" 2>/dev/null &
SAMPLER_PID=$!
sleep 1

echo "Uploading ..."
RESULT=$(curl -sS -u cardiff:demo-password -o "$WORK/response.json" -w '%{http_code} %{time_total}' \
    -F title="Benchmark upload" -F "file=@$FILE;type=application/pdf" \
    "http://127.0.0.1:$PORT/api/v1/awards/$AWARD/evidence")
sleep 1
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
STATUS=${RESULT%% *}
UPLOAD_SECONDS=${RESULT##* }
if [[ "$STATUS" != "201" ]]; then
    echo "Upload failed with $STATUS:"; cat "$WORK/response.json"; echo; tail -20 "$WORK/server.log"; exit 1
fi
STORED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$WORK/response.json")
[[ "$STORED" == "$EXPECTED" ]] || { echo "SHA-256 mismatch: $STORED != $EXPECTED"; exit 1; }

python3 - "$BYTES" "$SHA_SECONDS" "$UPLOAD_SECONDS" "$WORK/heap.txt" <<'PY'
import sys
size, sha_seconds, upload_seconds, heap_file = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
mb = size / 1_000_000
sha = mb / sha_seconds
upload = mb / upload_seconds
print(f"file:       {size} bytes ({mb:.0f} MB)")
print(f"sha256sum:  {sha_seconds:.2f} s  {sha:.0f} MB/s")
print(f"upload:     {upload_seconds:.2f} s  {upload:.0f} MB/s  (curl multipart -> stored, hashed, fsynced, recorded)")
print(f"ratio:      {upload / sha:.2f} x sha256sum")
lines = [line.split() for line in open(heap_file) if line.strip()]
header = lines[0]
rows = [row for row in lines[1:] if row[0] != header[0]]
index = {name: position for position, name in enumerate(header)}
used = [sum(float(row[index[column]]) for column in ("S0U", "S1U", "EU", "OU")) / 1024 for row in rows]
old = [float(row[index["OU"]]) / 1024 for row in rows]
if used:
    print(f"heap used:  min {min(used):.0f} MB, max {max(used):.0f} MB over {len(used)} samples (-Xmx256m); "
          f"old generation {min(old):.0f}..{max(old):.0f} MB")
PY
echo "SHA-256 of the stored file matches sha256sum: $EXPECTED"
