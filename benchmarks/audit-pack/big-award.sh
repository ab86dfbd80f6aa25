#!/usr/bin/env bash
# Audit pack scale benchmark (not a test): on a scratch database of the local PostgreSQL, migrated with the real
# Liquibase changelog, makes an award of CLAIMS claims (about 4.8 audit events each, evidence files for approved and
# paid claims) and a scheme like the St David's Day Fund of AWARDS local authorities' awards of CLAIMS_PER_AWARD
# claims, the claims inserted by SQL (wales.gov.grants.testing.BulkClaims says why and how); first it times
# SERVICE_SAMPLE claims made through the services, for comparison. Then, each in its own JVM at -Xmx$HEAP, builds
# the award's pack and the scheme's pack (English) RUNS times and prints time, pages, size and heap figures. The
# target: both succeed at -Xmx256m. Cleans up after itself unless KEEP=1.
#
#   benchmarks/audit-pack/big-award.sh             # CLAIMS=5000 AWARDS=22 CLAIMS_PER_AWARD=200 HEAP=256m RUNS=2
#   CLAIMS=1000 AWARDS=5 RUNS=1 benchmarks/audit-pack/big-award.sh
#   JFR=1 benchmarks/audit-pack/big-award.sh       # a flight recording of each pack JVM, kept in WORK_DIR
#
# Needs java 17+, maven, createdb/dropdb on the PATH and PostgreSQL at 127.0.0.1:5432 that PGUSER (default the
# current user) may create databases on without a password. Builds grants-core and its tests (without running them)
# if their classes or the classpath file are missing.
set -euo pipefail

CLAIMS=${CLAIMS:-5000}
AWARDS=${AWARDS:-22}
CLAIMS_PER_AWARD=${CLAIMS_PER_AWARD:-200}
SERVICE_SAMPLE=${SERVICE_SAMPLE:-100}
HEAP=${HEAP:-256m}
RUNS=${RUNS:-2}
export PGHOST=127.0.0.1 PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-$(id -un)}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLASSES="$ROOT/grants-core/target/classes"
TEST_CLASSES="$ROOT/grants-core/target/test-classes"
CLASSPATH_FILE="$ROOT/grants-core/target/benchmark-test.classpath"
DATABASE="grants_bench_pack_$(date +%s)_$$"
WORK_DIR=$(mktemp -d -t grants-bench-pack.XXXXXX)

cleanup() {
    if [[ "${KEEP:-0}" != 1 ]]; then
        dropdb --if-exists --force "$DATABASE" 2>/dev/null || true
        rm -rf "$WORK_DIR"
    else
        echo "kept database $DATABASE and $WORK_DIR"
    fi
}
trap cleanup EXIT

if [[ ! -f "$TEST_CLASSES/wales/gov/grants/testing/BulkClaims.class" || ! -f "$CLASSPATH_FILE" ]]; then
    echo "building grants-core and its tests ..."
    (cd "$ROOT" && mvn -B -ntp -q -pl grants-core -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test)
fi
CP="$CLASSES:$TEST_CLASSES:$(cat "$CLASSPATH_FILE")"
javac -d "$WORK_DIR/classes" -cp "$CP" "$HERE/BigAwardBenchmark.java"
CP="$WORK_DIR/classes:$CP"
LOGGING=-Dlogback.configurationFile="$HERE/logback.xml"

createdb "$DATABASE"
cd "$WORK_DIR"
echo "== data (database $DATABASE)"
java -Xmx1g "$LOGGING" -cp "$CP" BigAwardBenchmark generate "jdbc:postgresql://$PGHOST:$PGPORT/$DATABASE" \
    "$CLAIMS" "$AWARDS" "$CLAIMS_PER_AWARD" "$SERVICE_SAMPLE"
for kind in award scheme; do
    echo "== $kind pack"
    recording=()
    if [[ "${JFR:-0}" == 1 ]]; then
        recording=(-XX:StartFlightRecording=filename="$WORK_DIR/$kind.jfr",settings=profile)
    fi
    java -Xmx"$HEAP" "${recording[@]}" "$LOGGING" -cp "$CP" BigAwardBenchmark pack "$kind" "$RUNS"
done
