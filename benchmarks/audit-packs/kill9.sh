#!/usr/bin/env bash
# Scale and fault check (not a test): AWARDS generated awards (default 2,000, each through the services with claims,
# a payment and its audit trail), audit-packs started in two processes on the same arguments, one of them killed
# with kill -9 once a quarter of the packs are done, a third started in its place; the survivors finish the run.
# Checks: both exit 0, every item done once, the manifest lists every award once and matches the files (SHA-256),
# no temporary file is left, a pack passes verify-pack, and a re-run changes nothing.
#
#   benchmarks/audit-packs/kill9.sh                  # AWARDS=2000
#   AWARDS=300 benchmarks/audit-packs/kill9.sh
#   KEEP_DATABASE=1 WORK=/tmp/bench benchmarks/audit-packs/kill9.sh     # keep (or reuse) the generated data
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/common.sh"
trap drop_database EXIT
prepare
OUT="$WORK/kill9-packs"
rm -rf "$OUT"

first_event=$(psql_bench "SELECT coalesce(max(id), 0) FROM audit_events")
started=$(date +%s.%N)
start_packs "$OUT" "$WORK/kill9-a.log"; A=$PID
start_packs "$OUT" "$WORK/kill9-b.log"; B=$PID
echo "started A (pid $A) and B (pid $B)"
quarter=$((AWARDS / 4))
until [[ "$(psql_bench "SELECT count(*) FROM batch_items WHERE status = 'DONE'" 2>/dev/null || echo 0)" -ge $quarter ]]; do
    if ! kill -0 "$A" 2>/dev/null; then echo "A ended before a quarter was done:"; cat "$WORK/kill9-a.log"; exit 1; fi
    sleep 0.5
done
picked=$(psql_bench "SELECT count(*) FROM scheduled_tasks WHERE picked AND picked_by LIKE '%:$A'")
kill -9 "$A"
echo "kill -9 A at $(psql_bench "SELECT count(*) FROM batch_items WHERE status = 'DONE'") packs done; it held $picked execution(s)"
start_packs "$OUT" "$WORK/kill9-c.log"; C=$PID
echo "started C (pid $C) in its place"
status=0
wait "$B" || { echo "B failed:"; cat "$WORK/kill9-b.log"; status=1; }
wait "$C" || { echo "C failed:"; cat "$WORK/kill9-c.log"; status=1; }
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
echo "B: $(grep -E '^(done|run) ' "$WORK/kill9-b.log" | tr '\n' ' ')"
echo "C: $(grep -E '^(done|run) ' "$WORK/kill9-c.log" | tr '\n' ' ')"
[[ $status == 0 ]] || exit 1

echo "run finished in ${elapsed%.*} s"
echo "items: $(psql_bench "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM batch_items GROUP BY status) s"), by worker: $(psql_bench "SELECT string_agg(worker || ' ' || n, ', ') FROM (SELECT worker, count(*) n FROM batch_items GROUP BY worker ORDER BY worker) s")"
echo "packs made by worker $A and recorded: $(psql_bench "SELECT count(*) FROM batch_items WHERE worker LIKE '%:$A'")"
twice=$(psql_bench "SELECT count(*) FROM (SELECT object_id FROM audit_events WHERE action = 'AUDIT_PACK_DOWNLOADED' AND id > $first_event GROUP BY object_id HAVING count(*) > 1) t")
echo "awards whose pack was made twice (A killed after making it, before recording it): $twice (at most the $picked A held)"
check_manifest "$OUT"
openssl pkey -in "$KEY" -pubout -out "$WORK/public.pem"
sample=$(find "$OUT" -name 'audit-pack-*.pdf' | sort | sed -n "$((AWARDS / 2))p")
java -jar "$JAR" verify-pack "$sample" --public-key "$WORK/public.pem"
events=$(psql_bench "SELECT count(*) FROM audit_events")
before=$(ls -l --time-style=full-iso "$OUT" | md5sum)
rerun=$(java -jar "$JAR" audit-packs "$CONFIG" --financial-year 2019-20 --out "$OUT" --as bench-auditor 2>&1)
echo "re-run: $(echo "$rerun" | tail -1)"
[[ "$(psql_bench "SELECT count(*) FROM audit_events")" == "$events" && "$(ls -l --time-style=full-iso "$OUT" | md5sum)" == "$before" ]] \
    || { echo "the re-run changed something"; exit 1; }
echo "re-run: no new audit event, no file touched"
[[ $twice -le $picked ]] || { echo "more packs made twice than A held"; exit 1; }
echo "PASS"
