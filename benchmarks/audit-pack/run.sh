#!/usr/bin/env bash
# Audit pack benchmark (not a test): in one JVM at -Xmx64m, writes a 1,000-page PDF/A-3b claims table (43 rows of
# 6 columns of 8 pt per page, bookmarks, Page X of Y) with the wales.gov.grants.pdf engine and with a bare, tuned
# PDFBox loop writing the same rows, warm-up runs first, then alternating measured runs; prints pages/s of both,
# their ratio and heap figures. The target is an engine at 0.8x the bare loop or better within 64 MB of heap.
#
#   benchmarks/audit-pack/run.sh                 # PAGES=1000 RUNS=5 HEAP=64m
#   PAGES=200 RUNS=3 benchmarks/audit-pack/run.sh
#
# Needs java 17+ and maven; builds grants-core (without tests) if its classes or the classpath file are missing.
set -euo pipefail

PAGES=${PAGES:-1000}
RUNS=${RUNS:-5}
HEAP=${HEAP:-64m}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLASSES="$ROOT/grants-core/target/classes"
CLASSPATH_FILE="$ROOT/grants-core/target/benchmark.classpath"

if [[ ! -f "$CLASSES/wales/gov/grants/pdf/DocumentWriter.class" || ! -f "$CLASSPATH_FILE" ]]; then
    echo "building grants-core ..."
    (cd "$ROOT" && mvn -B -ntp -q -pl grants-core -am compile dependency:build-classpath \
        -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime)
fi

exec java -Xmx"$HEAP" -Dlogback.configurationFile="$HERE/logback.xml" -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" \
    "$HERE/AuditPackBenchmark.java" "$PAGES" "$RUNS"
