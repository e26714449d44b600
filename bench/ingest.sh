#!/usr/bin/env bash
# Benchmark of ingest "at the speed of the database". One run measures, interleaved so that
# the machine's noise hits every figure alike, and prints as ratios against same-run baselines:
#   - the platform ceiling: a hello-world JAX-RS POST endpoint (bench/ceiling/, built here into a WAR
#     of its own) on the same Payara Micro, started the same way, under the same load;
#   - the app's webhook ingest on PostgreSQL and on SQLite at 8, 32, 100 and 500 concurrent clients
#     (bench/Load.java: req/s, p50/p95/p99, errors by kind, 10 s timeouts like Diun);
#   - pgbench running the app's exact transaction, and raw single-writer sqlite-jdbc (synchronous=FULL);
#   - the group-commit writer alone, without HTTP, when bench/WriterAlone.java exists: run as
#     `WriterAlone <postgresql|sqlite> <jdbc-url> <seconds> <batch>` on a scratch database migrated by
#     Flyway, with batches of 32 (what 32 clients make) and 256 (the writer's largest, under a burst);
#     it prints one line "WRITER rows_per_s=<n> batches=<n> avg_batch=<x>";
#   - the list (GET /api/updates) and summary (GET /api/summary) over 10,000 updates, after the load,
#     and the same paths on the ceiling WAR answering constant JSON of the same shape (the floor);
#   - RSS at ready and after the load; CPU per request of the app, PostgreSQL and the load generator;
#   - the copy tool against the raw sqlite3 | psql \copy pipe (bench/migrate-bench.sh).
# The apps start once each, as shipped (docker/run.sh with PORT and DB_PATH or DATABASE_URL); then
# every round runs, for each client count, the load against each app in a rotated order, then the
# baselines and the reads. Each figure is reported as its median over the rounds with min..max.
#
#   bench/ingest.sh                    # about 13-15 minutes on a quiet 2-core machine
#   BENCH_SECONDS=3 BENCH_ROUNDS=1 BENCH_COPY_UPDATES=10000 bench/ingest.sh     # a quick check
#
# Environment:
#   BENCH_PG                libpq URI of a PostgreSQL where scratch databases may be created
#                           (default postgresql://postgres@127.0.0.1:5432/postgres); needs psql, pgbench
#   BENCH_ROUNDS            rounds (default 2)
#   BENCH_SECONDS           measured seconds per load phase (default 10)
#   BENCH_WARMUP            seconds of the same load before each, not measured (default 3)
#   BENCH_CLIENTS           concurrent clients (default "8 32 100 500"; the ratios are taken at 32)
#   BENCH_PGBENCH_CLIENTS   pgbench clients (default 32; capped by the server's free connections)
#   BENCH_JAVA_OPTS         JAVA_OPTS for docker/run.sh (default none: the shipped sizing); other
#                           settings of the app (DB_POOL_MAX, DIUN_MEMORY_MB, ...) pass through
#   BENCH_COPY=0            leaves out the copy tool; BENCH_COPY_UPDATES its database size (default
#                           100000 updates, 1.15M rows)
#   BENCH_JFR=1             JFR CPU profile of each app over the rounds, summarised at the end and
#                           kept in target/bench/
#   BENCH_SKIP_BUILD=1      uses target/ as it is; MAVEN_ARGS=-o builds offline
# The results (one line per round and figure) are kept in target/bench/ingest-results.tsv; the
# summary is printed again with: java -cp <classes> Load report target/bench/ingest-results.tsv
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PG=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432/postgres}
ROUNDS=${BENCH_ROUNDS:-2}
SECS=${BENCH_SECONDS:-10}
export BENCH_WARMUP=${BENCH_WARMUP:-3}
CLIENTS=${BENCH_CLIENTS:-8 32 100 500}
PGB_CLIENTS=${BENCH_PGBENCH_CLIENTS:-32}
TARGETS=(ceiling postgresql sqlite)
SEED=10000
READS=500 # measured requests per read phase, after 500 unmeasured ones
for tool in java javac jar curl psql pgbench; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done

WORK=$(mktemp -d)
DB=diun_bench_app_$$
WDB=diun_bench_writer_$$
RESULTS=$WORK/results.tsv
ROUND=0
declare -A PID=() PORT=()
CREATED_DBS=()

# stop_app NAME: stops an app's JVM (run.sh execs java, so the pid is the JVM's).
stop_app() {
    local pid=${PID[$1]:-}
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "PID[$1]"
}
cleanup() {
    local t d
    for t in "${!PID[@]}"; do stop_app "$t"; done
    for d in "${CREATED_DBS[@]}"; do psql -q "$PG" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# rec FIGURE VALUE: one line of the results file, for the current round (0: measured once).
rec() { printf '%s\t%s\t%s\n' "$ROUND" "$1" "$(tr '\t\n' '  ' <<<"$2" | sed 's/ *$//')" >>"$RESULTS"; }
# field NAME LINE: the value of NAME=value in a RESULT line.
field() { sed -nE "s/.* $1=([^ ]*).*/\\1/p" <<<"$2"; }
# with_db URI NAME: the libpq URI with another database.
with_db() { sed -E "s#/[^/?]*(\\?|$)#/$2\\1#" <<<"$1"; }

echo "== build"
[ "${BENCH_SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="$ROOT/target/classes:$(cat "$WORK/cp.txt")"
javac -nowarn -cp "$CP" -d "$WORK/bench" bench/Load.java bench/CreateSchema.java
load() { java -cp "$WORK/bench:$CP" Load "$@"; }
schema() { java -cp "$WORK/bench:$CP" CreateSchema "$1" 2>"$WORK/schema.log" || { cat "$WORK/schema.log"; return 1; }; }

# The ceiling: a WAR of two classes compiled against the Jakarta EE API the app builds against.
API=$(tr ':' '\n' <"$WORK/cp.txt" | awk '/\/jakarta\.jakartaee-api-[^\/]*\.jar$/ && !found { print; found = 1 }')
mkdir -p "$WORK/ceiling/WEB-INF/classes"
javac --release 17 -nowarn -cp "$API" -d "$WORK/ceiling/WEB-INF/classes" bench/ceiling/*.java
jar cf "$WORK/ceiling.war" -C "$WORK/ceiling" WEB-INF

# The writer alone, when bench/WriterAlone.java exists and compiles against this build.
WRITER=
if [ ! -f bench/WriterAlone.java ]; then
    WRITER_NOTE="bench/WriterAlone.java does not exist"
elif javac -nowarn -cp "$WORK/bench:$CP" -d "$WORK/bench" bench/WriterAlone.java 2>"$WORK/writer-javac.log"; then
    WRITER=1
else
    WRITER_NOTE="bench/WriterAlone.java does not compile against this build"
    echo "$WRITER_NOTE:"; head -20 "$WORK/writer-javac.log"
fi
[ -n "$WRITER" ] || { echo "writer alone: skipped ($WRITER_NOTE)"; rec writer/note "$WRITER_NOTE"; }

for d in $DB $WDB; do psql -q "$PG" -c "CREATE DATABASE $d" >/dev/null; CREATED_DBS+=("$d"); done
PG_DB=$(with_db "$PG" "$DB")
PG_WDB=$(with_db "$PG" "$WDB")
MACHINE="$(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB, $(java -version 2>&1 | head -1), PostgreSQL $(psql -tA "$PG" -c 'SHOW server_version')"
echo "machine: $MACHINE; load average $(cut -d' ' -f1-3 /proc/loadavg)"
rec meta/machine "$MACHINE"
rec meta/seconds "$SECS"
rec meta/warmup "$BENCH_WARMUP"
rec meta/clients "$CLIENTS"
rec meta/targets "${TARGETS[*]}"

# CPU accounting from /proc, in clock ticks: the app's JVM, PostgreSQL's processes (less the sessions
# of other databases: the server may be shared), the machine. The load generator measures its own.
HZ=$(getconf CLK_TCK)
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_snapshot() {
    local skip p
    skip=" $(psql -tAq "$PG" -c "SELECT pid FROM pg_stat_activity WHERE datname IS NOT NULL
        AND datname NOT IN ('$DB', '$WDB')" 2>/dev/null | tr '\n' ' ') "
    for p in $(pgrep -u postgres 2>/dev/null || true); do
        [[ $skip == *" $p "* ]] || echo "$p $(ticks_of "$p")"
    done
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
# cpu_start NAME / cpu_end NAME REQUESTS PREFIX: records PREFIX/app_cpu_ms, db_cpu_ms (ms per request) and busy_pct.
cpu_start() {
    C_APP=$(ticks_of "${PID[$1]}")
    pg_snapshot >"$WORK/pg-before"
    read -r C_BUSY C_ALL < <(machine_ticks)
}
cpu_end() {
    local app db busy all
    app=$(( $(ticks_of "${PID[$1]}") - C_APP ))
    db=$(pg_snapshot | awk 'NR == FNR {t[$1] = $2; next} {s += $2 - ($1 in t ? t[$1] : 0)} END {print s + 0}' "$WORK/pg-before" -)
    read -r busy all < <(machine_ticks)
    [ "${2:-0}" -gt 0 ] || return 0
    rec "$3/app_cpu_ms" "$(awk -v t="$app" -v n="$2" -v hz="$HZ" 'BEGIN {printf "%.3f", t * 1000 / hz / n}')"
    rec "$3/db_cpu_ms" "$(awk -v t="$db" -v n="$2" -v hz="$HZ" 'BEGIN {printf "%.3f", t * 1000 / hz / n}')"
    rec "$3/busy_pct" "$(awk -v b=$(( busy - C_BUSY )) -v t=$(( all - C_ALL )) 'BEGIN {printf "%.0f", t ? 100 * b / t : 0}')"
}

free_port() {
    local p
    while :; do
        p=$(( 20000 + RANDOM % 20000 ))
        [[ " ${PORT[*]} " == *" $p "* ]] && continue
        (: <"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}

# start_app NAME WAR ENV...: the WAR on Payara Micro through docker/run.sh, as the image runs it.
start_app() {
    local name=$1 war=$2 dir="$WORK/app-$1" port t0 ready
    shift 2
    mkdir -p "$dir"
    ln -s "$ROOT/docker/run.sh" "$dir/run.sh"
    ln -s "$ROOT/target/payara-micro.jar" "$dir/payara-micro.jar"
    ln -s "$ROOT/server-config/http-listener.asadmin" "$dir/http-listener.asadmin"
    ln -s "$war" "$dir/diun-dashboard.war"
    port=$(free_port)
    PORT[$name]=$port
    local envs=(PORT="$port")
    [ -z "${BENCH_JAVA_OPTS:-}" ] || envs+=(JAVA_OPTS="$BENCH_JAVA_OPTS")
    t0=$(date +%s%N)
    env -u DATABASE_URL -u DB_PATH -u JAVA_OPTS "${envs[@]}" "$@" sh "$dir/run.sh" >"$WORK/$name.log" 2>&1 &
    PID[$name]=$!
    for _ in $(seq 1 1500); do
        curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$port/health/ready" && break
        kill -0 "${PID[$name]}" 2>/dev/null || { echo "$name: the server exited"; tail -30 "$WORK/$name.log"; exit 1; }
        sleep 0.2
    done
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$port/health/ready" \
        || { echo "$name: not ready after 5 minutes"; tail -30 "$WORK/$name.log"; exit 1; }
    ready=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
    ROUND=0 rec "app/$name/ready_s" "$ready"
    ROUND=0 rec "app/$name/rss_ready_mb" "$(( $(awk '/^VmRSS/ {print $2}' "/proc/${PID[$name]}/status") / 1024 ))"
    echo "$name: port $port, ready in $ready s; $(grep -m1 '^run.sh:' "$WORK/$name.log" || true)"
}

echo "== start the apps (one after another)"
start_app ceiling "$WORK/ceiling.war"
start_app postgresql "$ROOT/target/diun-dashboard.war" DATABASE_URL="$(sed 's#^postgresql://#postgres://#' <<<"$PG_DB")"
mkdir -p "$WORK/sqlite"
start_app sqlite "$ROOT/target/diun-dashboard.war" DB_PATH="$WORK/sqlite/diun.db"

echo "== seed $SEED updates into each backend (the load then sends to the same $SEED (host, image) pairs)"
load seed "http://127.0.0.1:${PORT[postgresql]}" "$SEED" >"$WORK/seed-postgresql" &
s1=$!
load seed "http://127.0.0.1:${PORT[sqlite]}" "$SEED" >"$WORK/seed-sqlite" &
s2=$!
wait "$s1" "$s2"
for b in postgresql sqlite; do echo "$b: $(cat "$WORK/seed-$b")"; done

if [ "${BENCH_JFR:-}" = 1 ]; then
    for t in "${TARGETS[@]}"; do jcmd "${PID[$t]}" JFR.start name=bench settings=profile >/dev/null; done
fi

# Baselines' scratch state: pgbench on the PostgreSQL app's database; the writer on its own.
load pgbench-script >"$WORK/ingest.pgbench"
if [ -n "$WRITER" ]; then
    schema "$(load jdbc-url "$PG_WDB")"
    mkdir -p "$WORK/writer"
    schema "$WORK/writer/diun.db"
    WRITER_URL_postgresql=$(load jdbc-url "$PG_WDB")
    WRITER_URL_sqlite=$(load jdbc-url "$WORK/writer/diun.db")
fi

# ingest_phase TARGET CLIENTS
ingest_phase() {
    local t=$1 c=$2 line k="ingest/$1/$2" f
    cpu_start "$t"
    line=$(load ingest "http://127.0.0.1:${PORT[$t]}" "$c" "$SECS" | grep '^RESULT') \
        || { echo "round $ROUND $t: the load generator failed"; return 0; }
    cpu_end "$t" "$(field sent "$line")" "$k"
    echo "round $ROUND $t: $line"
    for f in rps p50 p95 p99 errors error_kinds load_cpu_ms; do rec "$k/$f" "$(field "$f" "$line")"; done
}

# pgbench_phase CLIENTS: the app's transaction, measured like the load: after the warm-up, for SECS.
pgbench_phase() {
    local c=$1 pc maxc out from tps p95 ok
    maxc=$(( $(psql -tA "$PG" -c 'SHOW max_connections') - $(psql -tA "$PG" -c 'SELECT count(*) FROM pg_stat_activity') - 5 ))
    pc=$(( c < maxc ? c : maxc ))
    rm -rf "$WORK/pgbench" && mkdir -p "$WORK/pgbench"
    # pgbench runs the app's transaction without the data version's triggers (migration V2): the app
    # pays them once per statement of a batch, pgbench would pay them in every transaction, so leaving
    # them off keeps the baseline at its fastest. The app is idle meanwhile and gets them back at once.
    psql -q "$PG_DB" -c "ALTER TABLE updates DISABLE TRIGGER data_version_updates" \
        -c "ALTER TABLE events DISABLE TRIGGER data_version_events" >/dev/null
    ok=1
    out=$(cd "$WORK/pgbench" && pgbench -n -M prepared -f "$WORK/ingest.pgbench" -c "$pc" -j "$(( pc < 2 ? 1 : 2 ))" \
        -T "$(( BENCH_WARMUP + SECS ))" -l "$PG_DB" 2>&1) || ok=0
    psql -q "$PG_DB" -c "ALTER TABLE updates ENABLE TRIGGER data_version_updates" \
        -c "ALTER TABLE events ENABLE TRIGGER data_version_events" >/dev/null
    [ "$ok" = 1 ] || { echo "pgbench failed:"; tail -5 <<<"$out"; return 0; }
    # Log lines: client, transaction, latency (us), script, end time (epoch s, us). The window starts
    # BENCH_WARMUP seconds after the first transaction ended.
    cat "$WORK"/pgbench/pgbench_log.* >"$WORK/pgbench.log"
    from=$(awk '{t = $5 + $6 / 1e6; if (NR == 1 || t < m) m = t} END {printf "%.6f", m + w}' w="$BENCH_WARMUP" "$WORK/pgbench.log")
    read -r tps p95 < <(awk -v from="$from" -v to="$(awk -v f="$from" -v s="$SECS" 'BEGIN {printf "%.6f", f + s}')" \
        '{t = $5 + $6 / 1e6; if (t >= from && t < to) print $3}' "$WORK/pgbench.log" | sort -n \
        | awk -v s="$SECS" '{l[NR] = $1} END {k = int(NR * 0.95 + 0.999); if (k < 1) k = 1
                                            printf "%.0f %.2f\n", NR / s, NR ? l[k] / 1000 : 0}')
    echo "round $ROUND pgbench: clients=$pc tps=$tps p95=$p95 ms"
    rec "pgbench/$c/tps" "$tps"
    rec "pgbench/$c/p95" "$p95"
    rec "pgbench/$c/clients" "$pc"
}

# get_phase BACKEND NAME PATH: one client, one request after another.
get_phase() {
    local b=$1 k="get/$1/$2" line f
    cpu_start "$b"
    line=$(load get "http://127.0.0.1:${PORT[$b]}" "$3" "$READS" | grep '^RESULT') \
        || { echo "round $ROUND $b: $2 failed"; return 0; }
    cpu_end "$b" "$(field sent "$line")" "$k"
    echo "round $ROUND $b: $line"
    for f in p50 p95 p99 errors total; do rec "$k/$f" "$(field "$f" "$line")"; done
}

for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    echo "== round $ROUND of $ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    i=0
    for c in $CLIENTS; do
        for k in 0 1 2; do ingest_phase "${TARGETS[$(( (ROUND - 1 + i + k) % 3 ))]}" "$c"; done
        i=$(( i + 1 ))
    done
    for c in $PGB_CLIENTS; do pgbench_phase "$c"; done
    if line=$(load sqlite-raw "$WORK/raw.db" "$SECS" 2>"$WORK/raw.err" | grep '^RESULT'); then
        echo "round $ROUND $line"
        rec raw/sqlite/tps "$(field tps "$line")"
    else
        echo "round $ROUND sqlite-raw failed:"; tail -5 "$WORK/raw.err"
    fi
    if [ -n "$WRITER" ]; then
        for b in postgresql sqlite; do
            url=WRITER_URL_$b
            for n in 32 256; do
                if line=$(java -cp "$WORK/bench:$CP" WriterAlone "$b" "${!url}" "$SECS" "$n" 2>"$WORK/writer.err" | grep '^WRITER'); then
                    echo "round $ROUND writer alone $b, batches of $n: $line"
                    for f in rows_per_s batches; do rec "writer/$b/$n/$f" "$(field "$f" "$line")"; done
                else
                    echo "round $ROUND writer alone $b, batches of $n: failed"; tail -5 "$WORK/writer.err"
                fi
            done
        done
    fi
    # The reads, on the 10,000 updates the load has been rewriting.
    for b in $( ((ROUND % 2)) && echo ceiling postgresql sqlite || echo sqlite postgresql ceiling); do
        get_phase "$b" list /api/updates
        get_phase "$b" summary /api/summary
    done
done
ROUND=0

echo "== after the load"
mkdir -p target/bench
for t in "${TARGETS[@]}"; do
    rec "app/$t/rss_after_mb" "$(( $(awk '/^VmRSS/ {print $2}' "/proc/${PID[$t]}/status") / 1024 ))"
    rec "app/$t/rss_peak_mb" "$(( $(awk '/^VmHWM/ {print $2}' "/proc/${PID[$t]}/status") / 1024 ))"
    if [ "${BENCH_JFR:-}" = 1 ]; then
        jcmd "${PID[$t]}" JFR.dump name=bench filename="$WORK/$t.jfr" >/dev/null 2>&1 || true
    fi
    stop_app "$t"
    if [ "${BENCH_JFR:-}" = 1 ] && [ -f "$WORK/$t.jfr" ]; then
        echo "$t: CPU profile over the rounds (JFR execution samples; target/bench/$t.jfr)"
        load jfr-top "$WORK/$t.jfr" 12
        cp "$WORK/$t.jfr" target/bench/
    fi
done

if [ "${BENCH_COPY:-1}" != 0 ]; then
    echo "== copy tool against the raw pipe (bench/migrate-bench.sh)"
    # migrate-bench.sh takes the server from the libpq variables.
    if [[ $PG =~ ^postgres(ql)?://([^:@/]*)(:([^@/]*))?@([^:/?]+)(:([0-9]+))? ]]; then
        export PGUSER=${BASH_REMATCH[2]:-postgres} PGHOST=${BASH_REMATCH[5]} PGPORT=${BASH_REMATCH[7]:-5432}
        [ -z "${BASH_REMATCH[4]}" ] || export PGPASSWORD=${BASH_REMATCH[4]}
    fi
    mkdir -p "$WORK/copy"
    if BENCH_DIR="$WORK/copy" bench/migrate-bench.sh 2>&1 | tee "$WORK/copy.log" | while IFS= read -r l; do echo "copy: $l"; done; then
        rec copy/identical "verified identical both ways"
    else
        rec copy/identical "VERIFICATION FAILED (see the output above)"
    fi
    line=$(grep '^COPY' "$WORK/copy.log" || true)
    if [ -n "$line" ]; then
        for f in rows ratio_copy ratio_whole; do rec "copy/$f" "$(field "$f" "$line")"; done
    else
        rec copy/note "bench/migrate-bench.sh failed"
    fi
else
    rec copy/note "BENCH_COPY=0"
fi

cp "$RESULTS" target/bench/ingest-results.tsv
load report "$RESULTS"
