#!/usr/bin/env bash
# Two server builds on the claims approval benchmark, alternated (A B A B ...) so that the noise of a shared machine
# falls on both alike: prints each run, the mean approvals/s of each, and B's mean as a share of A's.
#
#   benchmarks/claims-approval/compare.sh BEFORE.jar AFTER.jar            # ROUNDS=2 CLIENTS=8 DURATION=15
#   ROUNDS=3 DURATION=20 benchmarks/claims-approval/compare.sh a.jar b.jar
#
# Each run is benchmarks/claims-approval/run.sh with JAR set (its own database, its own pgbench for reference).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 JAR_A JAR_B" >&2
    exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
JAR_A=$(realpath "$1")
JAR_B=$(realpath "$2")
ROUNDS=${ROUNDS:-2}
export CLIENTS=${CLIENTS:-8} DURATION=${DURATION:-15}

declare -a A_RUNS=() B_RUNS=()
run() {
    local jar=$1 out
    out=$(JAR="$jar" "$HERE/run.sh" 2>&1)
    approvals=$(echo "$out" | sed -n 's/^approvals\/s *//p')
    tps=$(echo "$out" | sed -n 's/^pgbench tps *//p')
    if [[ -z "$approvals" ]]; then
        echo "run failed for $jar:" >&2
        echo "$out" | tail -30 >&2
        exit 1
    fi
}
for round in $(seq 1 "$ROUNDS"); do
    run "$JAR_A"; A_RUNS+=("$approvals")
    echo "round $round  A  approvals/s $approvals  (pgbench tps $tps)"
    run "$JAR_B"; B_RUNS+=("$approvals")
    echo "round $round  B  approvals/s $approvals  (pgbench tps $tps)"
done
echo "----"
echo "A = $JAR_A"
echo "B = $JAR_B"
printf '%s\n' "${A_RUNS[@]}" | awk '{ s += $1 } END { printf "A mean approvals/s  %.1f\n", s / NR }'
printf '%s\n' "${B_RUNS[@]}" | awk '{ s += $1 } END { printf "B mean approvals/s  %.1f\n", s / NR }'
{ printf 'A %s\n' "${A_RUNS[@]}"; printf 'B %s\n' "${B_RUNS[@]}"; } | awk '
    $1 == "A" { a += $2; na++ } $1 == "B" { b += $2; nb++ }
    END { printf "B / A               %.3f\n", (b / nb) / (a / na) }'
