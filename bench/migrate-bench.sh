#!/usr/bin/env bash
# Benchmark of diun-migrate against the raw `sqlite3 -csv | psql \copy` pipe, on the same data, in
# one run. Generates a realistic DiunDashboard SQLite database (100k updates, 1M events, ~1.15M rows;
# BENCH_COPY_UPDATES=10000 makes one ten times smaller for a quick run), then times:
#   1. diun-migrate SQLite -> PostgreSQL (copy phase and whole run, verification included)
#   2. diun-migrate PostgreSQL -> SQLite (same)
#   3. the baseline: sqlite3 -csv | psql \copy into a freshly migrated PostgreSQL database
# and prints rows/s for each and the ratios, the last line machine-readable for bench/ingest.sh
# ("COPY rows=... ratio_copy=... ratio_whole=..."). Needs sqlite3, psql and a PostgreSQL server:
#   PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) [PGPASSWORD]; BENCH_DIR (a temp folder);
#   MIGRATE_JAR (target/diun-migrate.jar): the build of the tool to time, e.g. an older one to compare.
# Run from the repository root after ./mvnw -DskipTests package (it builds the jar when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
JAR="${MIGRATE_JAR:-target/diun-migrate.jar}"
DIR="${BENCH_DIR:-$(mktemp -d)}"
SUFFIX="$(date +%s)_$$"
DB_COPY="diun_bench_copy_$SUFFIX"
DB_BASE="diun_bench_base_$SUFFIX"
SRC="$DIR/source.db"
# Updates in the generated database; ten events per update, audit entries a fifth of it.
UPDATES="${BENCH_COPY_UPDATES:-100000}"
case $UPDATES in '' | *[!0-9]*) echo "bench: BENCH_COPY_UPDATES must be a number" >&2; exit 2 ;; esac
BACK="$DIR/back.db"

[ -f "$JAR" ] || ./mvnw -q -DskipTests package
for tool in sqlite3 psql java; do command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }; done

cleanup() {
    psql -d postgres -qc "DROP DATABASE IF EXISTS $DB_COPY WITH (FORCE)" 2>/dev/null || true
    psql -d postgres -qc "DROP DATABASE IF EXISTS $DB_BASE WITH (FORCE)" 2>/dev/null || true
    [ -n "${BENCH_DIR:-}" ] || rm -rf "$DIR"
}
trap cleanup EXIT

pg_url() { echo "postgres://$PGUSER${PGPASSWORD:+:$PGPASSWORD}@$PGHOST:$PGPORT/$1"; }
jdbc_url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1?user=$PGUSER${PGPASSWORD:+&password=$PGPASSWORD}"; }
now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
field() { sed -n "s/^$1: .* in \([0-9.]*\) s.*/\1/p" "$2" | tail -1; }

echo "bench: generating $SRC ($UPDATES updates, $((UPDATES * 10)) events)"
rm -f "$SRC" "$SRC"-* "$BACK" "$BACK"-*
java -cp "$JAR" bench/CreateSchema.java "$SRC" 2>/dev/null
t0=$(now)
# The script's sizes are those of the default; each line is substituted at most once ("t").
sed -e "s/i < 1000000)/i < $((UPDATES * 10)))/;t" -e "s/i < 100000)/i < $UPDATES)/;t" \
    -e "s/i < 20000)/i < $((UPDATES / 5)))/;t" -e "s/id > 19990;/id > $((UPDATES / 5 - 10));/" bench/generate.sql \
    | sqlite3 "$SRC" >/dev/null
echo "bench: generated in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s, $(du -h "$SRC" | cut -f1)"
ROWS=$(sqlite3 "$SRC" "SELECT (SELECT count(*) FROM tags) + (SELECT count(*) FROM updates)
    + (SELECT count(*) FROM tag_assignments) + (SELECT count(*) FROM events)
    + (SELECT count(*) FROM webhook_tokens) + (SELECT count(*) FROM audit_log)")
echo "bench: $ROWS rows"

psql -d postgres -qc "CREATE DATABASE $DB_COPY"
psql -d postgres -qc "CREATE DATABASE $DB_BASE"

echo "bench: diun-migrate SQLite -> PostgreSQL"
t0=$(now)
java -jar "$JAR" --from "$SRC" --to "$(pg_url "$DB_COPY")" > "$DIR/to-pg.log" 2>/dev/null
TO_PG_ALL=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')
TO_PG_COPY=$(field "copy phase" "$DIR/to-pg.log")
grep -E "^(copied|indexes|copy phase|verification|result)" "$DIR/to-pg.log" | sed 's/^/  /'

echo "bench: diun-migrate PostgreSQL -> SQLite"
t0=$(now)
java -jar "$JAR" --from "$(pg_url "$DB_COPY")" --to "$BACK" > "$DIR/to-sqlite.log" 2>/dev/null
TO_SQLITE_ALL=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')
TO_SQLITE_COPY=$(field "copy phase" "$DIR/to-sqlite.log")
grep -E "^(copied|indexes|copy phase|verification|result)" "$DIR/to-sqlite.log" | sed 's/^/  /'

echo "bench: baseline sqlite3 -csv | psql \\copy (no verification) into a migrated database"
java -cp "$JAR" bench/CreateSchema.java "$(jdbc_url "$DB_BASE")" 2>/dev/null
declare -A COLUMNS=(
    [tags]="id, name, created_at"
    [updates]="id, hostname, image, status, provider, hub_link, mime_type, digest, created, platform, metadata, diun_version, first_seen, last_seen, seen_count, acknowledged_at"
    [tag_assignments]="update_id, tag_id"
    [events]="id, update_id, received_at, status, digest, payload"
    [webhook_tokens]="id, name, token_hash, created_at, expires_at, last_used_at, revoked_at"
    [audit_log]="id, at, actor, action, target, details"
)
t0=$(now)
for table in tags updates tag_assignments events webhook_tokens audit_log; do
    sqlite3 -csv "$SRC" "SELECT ${COLUMNS[$table]} FROM $table ORDER BY 1" \
        | psql -d "$DB_BASE" -v ON_ERROR_STOP=1 -qc "\\copy $table (${COLUMNS[$table]}) FROM STDIN WITH (FORMAT csv)"
done
BASE=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')

printf '\n%-52s %10s %12s\n' "run ($ROWS rows, $(nproc) cores)" "seconds" "rows/s"
printf '%-52s %10.2f %12s\n' "baseline: sqlite3 -csv | psql \\copy" "$BASE" "$(rate "$ROWS" "$BASE")"
printf '%-52s %10.2f %12s\n' "diun-migrate SQLite -> PostgreSQL, copy phase" "$TO_PG_COPY" "$(rate "$ROWS" "$TO_PG_COPY")"
printf '%-52s %10.2f %12s\n' "diun-migrate SQLite -> PostgreSQL, whole run" "$TO_PG_ALL" "$(rate "$ROWS" "$TO_PG_ALL")"
printf '%-52s %10.2f %12s\n' "diun-migrate PostgreSQL -> SQLite, copy phase" "$TO_SQLITE_COPY" "$(rate "$ROWS" "$TO_SQLITE_COPY")"
printf '%-52s %10.2f %12s\n' "diun-migrate PostgreSQL -> SQLite, whole run" "$TO_SQLITE_ALL" "$(rate "$ROWS" "$TO_SQLITE_ALL")"
awk -v b="$BASE" -v c="$TO_PG_COPY" -v a="$TO_PG_ALL" 'BEGIN {
    printf "ratio diun-migrate copy phase rows/s / baseline rows/s: %.2f\n", b / c
    printf "ratio diun-migrate whole run (verification included) rows/s / baseline rows/s: %.2f\n", b / a
}'
printf 'load average during the run: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
identical=yes
grep -q "result: identical" "$DIR/to-pg.log" && grep -q "result: identical" "$DIR/to-sqlite.log" || identical=no
awk -v r="$ROWS" -v b="$BASE" -v c="$TO_PG_COPY" -v a="$TO_PG_ALL" -v i="$identical" \
    'BEGIN { printf "COPY rows=%d ratio_copy=%.3f ratio_whole=%.3f identical=%s\n", r, b / c, b / a, i }'
[ "$identical" = yes ]
