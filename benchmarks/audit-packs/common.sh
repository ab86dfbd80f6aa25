# Shared by kill9.sh and run.sh: a database of generated awards and a configuration for the batch jar.
# Needs java 17+, maven, psql and a PostgreSQL reachable as PGHOST/PGUSER (default 127.0.0.1, root, trust auth).
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=${JAR:-$ROOT/grants-batch/target/grants-batch.jar}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-root}
AWARDS=${AWARDS:-2000}
DATABASE=${DATABASE:-grants_audit_packs_bench}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/audit-packs-bench.XXXXXX")}
CONFIG="$WORK/batch.yml"
KEY="$WORK/audit-signing-key.pem"

if [[ ! -f "$JAR" ]]; then
    echo "building grants-batch ..."
    (cd "$ROOT" && mvn -B -ntp -q -pl grants-batch -am package -DskipTests)
fi

psql_bench() {
    psql -X -q -t -A -d "$DATABASE" -c "$1"
}

# A fresh database of $AWARDS awards (unless KEEP_DATABASE=1 and it exists), and the jobs' configuration for it.
prepare() {
    mkdir -p "$WORK"
    cat > "$CONFIG" <<YAML
database:
  driverClass: org.postgresql.Driver
  url: jdbc:postgresql://$PGHOST:5432/$DATABASE
  user: $PGUSER
  maxSize: 16
evidence:
  storageDirectory: $WORK/evidence
audit:
  signingKeyFile: $KEY
  packWorkDirectory: $WORK/pack-work
logging:
  level: WARN
YAML
    if [[ "${KEEP_DATABASE:-0}" == 1 && -f "$KEY" ]] && psql -X -q -t -A -d "$DATABASE" -c 'SELECT 1' >/dev/null 2>&1; then
        echo "reusing database $DATABASE"
        return
    fi
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)"
    psql -X -q -d postgres -c "CREATE DATABASE $DATABASE ENCODING 'UTF8' TEMPLATE template0"
    echo "generating $AWARDS awards with claims, payments and their audit trail ..."
    java -Xmx256m -Dlogback.configurationFile="$HERE/logback.xml" -cp "$JAR" "$HERE/GenerateAwards.java" "jdbc:postgresql://$PGHOST:5432/$DATABASE" "$PGUSER" \
        "$KEY" "$AWARDS" 2 | tail -1
}

drop_database() {
    if [[ "${KEEP_DATABASE:-0}" != 1 ]]; then
        psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)"
    fi
}

# audit-packs into $1 in the background, its output in $2; its pid in PID.
start_packs() {
    java -Xmx${HEAP:-256m} -jar "$JAR" audit-packs "$CONFIG" --financial-year 2019-20 --out "$1" \
        --as bench-auditor --workers "${WORKERS_PER_PROCESS:-1}" >"$2" 2>&1 &
    PID=$!
}

# Checks a finished output directory against its manifest: every file listed once, present, with its SHA-256;
# no other pack and no temporary file. Prints one line; returns non-zero if anything is wrong.
check_manifest() {
    python3 - "$1" "$AWARDS" <<'PY'
import hashlib, json, os, sys
out, expected = sys.argv[1], int(sys.argv[2])
manifest = json.load(open(os.path.join(out, "manifest.json")))
files = manifest["files"]
names = [f["file"] for f in files]
awards = [f["awardId"] + ":" + f["language"] for f in files]
problems = []
if len(files) != expected: problems.append(f"{len(files)} files listed, {expected} expected")
if len(set(names)) != len(names): problems.append("a file is listed twice")
if len(set(awards)) != len(awards): problems.append("an award is listed twice")
present = sorted(n for n in os.listdir(out) if n != "manifest.json")
if present != sorted(names): problems.append(f"{len(present)} files in the directory, not the {len(names)} listed: "
                                             + str(sorted(set(present) ^ set(names)))[:300])
for f in files:
    path = os.path.join(out, f["file"])
    if os.path.exists(path):
        digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
        if digest != f["sha256"]: problems.append(f"{f['file']}: sha256 {digest} is not the manifest's")
    if f["checkpoint"] is None: problems.append(f"{f['file']}: no signed checkpoint")
if problems:
    print("MANIFEST CHECK FAILED: " + "; ".join(problems[:10]))
    sys.exit(1)
print(f"manifest check: {len(files)} files, each listed once with its SHA-256 and checkpoint, "
      f"{manifest['pages']} pages, nothing else in {out}")
PY
}
