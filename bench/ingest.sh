#!/usr/bin/env bash
# Benchmark: webhook ingest and the list API on PostgreSQL and SQLite, against same-run baselines
# (pgbench running the app's own upsert-plus-event transaction; raw single-writer sqlite-jdbc with the
# app's pragmas). Prints every figure and the ratios against the targets of issue 7.
#
#   bench/ingest.sh                 # needs a PostgreSQL (BENCH_PG, default the local one) and pgbench
#   BENCH_SECONDS=20 BENCH_JFR=1 bench/ingest.sh   # longer runs; JFR CPU profile of each app run
#
# Environment: BENCH_PG (libpq URI of a server where a scratch database may be created),
# BENCH_SECONDS (measured seconds per run, default 10, after 2 s of warm-up), BENCH_PORT,
# BENCH_JAVA_OPTS (the app's JVM options, default -Xmx256m), BENCH_JFR=1.
set -euo pipefail
cd "$(dirname "$0")/.."
PG=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432/postgres}
SECS=${BENCH_SECONDS:-10}
PORT=${BENCH_PORT:-18991}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}
CLIENTS="8 32 100"
WORK=$(mktemp -d)
DB=diun_bench_$$
APP_PID=
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    psql -q "$PG" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build"
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="target/classes:$(cat "$WORK/cp.txt")"
javac -cp "$CP" -d "$WORK/bench" bench/Load.java
load() { java -cp "$WORK/bench:$CP" Load "$@"; }
psql -q "$PG" -c "CREATE DATABASE $DB" >/dev/null
PG_DB=$(echo "$PG" | sed -E "s#/[^/?]*(\\?|$)#/$DB\\1#")
echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB; $(java -version 2>&1 | head -1); PostgreSQL $(psql -tA "$PG" -c 'SHOW server_version')"

# start_app NAME ENV...: starts Payara Micro with the WAR, measures the time to ready.
start_app() {
    local name=$1; shift
    local t0; t0=$(date +%s%N)
    env "$@" java $JAVA_OPTS -jar target/payara-micro.jar --nohazelcast --port "$PORT" \
        --prebootcommandfile server-config/http-listener.asadmin --contextroot / \
        --deploy target/diun-dashboard.war >"$WORK/$name.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 1200); do
        curl -sf -o /dev/null "localhost:$PORT/health/ready" && break
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/$name.log"; exit 1; }
        sleep 0.1
    done
    READY_S=$(echo "scale=1; ($(date +%s%N) - $t0) / 1000000000" | bc)
    READY_RSS=$(( $(ps -o rss= -p "$APP_PID") / 1024 ))
    echo "$name: ready in ${READY_S} s, RSS ${READY_RSS} MB"
}

stop_app() {
    local name=$1
    PEAK_RSS=$(( $(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status") / 1024 ))
    echo "$name: peak RSS ${PEAK_RSS} MB"
    if [ "${BENCH_JFR:-}" = 1 ]; then
        jcmd "$APP_PID" JFR.dump name=bench filename="$WORK/$name.jfr" >/dev/null 2>&1 || true
    fi
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
    if [ "${BENCH_JFR:-}" = 1 ] && [ -f "$WORK/$name.jfr" ]; then
        echo "$name: CPU profile (JFR execution samples)"; load jfr-top "$WORK/$name.jfr" 12
        mkdir -p target/bench && cp "$WORK/$name.jfr" target/bench/
    fi
}

# CPU accounting from /proc (clock ticks of 10 ms): the app's JVM, PostgreSQL's processes, the machine.
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local t=0 p; for p in $(pgrep -u postgres); do t=$(( t + $(ticks_of "$p") )); done; echo "$t"; }
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
cpu_start() { C_APP=$(ticks_of "$APP_PID"); C_PG=$(pg_ticks); read -r C_BUSY C_ALL < <(machine_ticks); }
# cpu_report REQUESTS: CPU per request of the app and of PostgreSQL, and how busy the machine was.
cpu_report() {
    local busy all; read -r busy all < <(machine_ticks)
    awk -v a=$(( $(ticks_of "$APP_PID") - C_APP )) -v p=$(( $(pg_ticks) - C_PG )) -v b=$(( busy - C_BUSY )) \
        -v t=$(( all - C_ALL )) -v n="$1" -v cores="$(nproc)" 'BEGIN {
        printf "cpu: app %.2f ms/request (ceiling on %d cores: %.0f req/s), PostgreSQL %.2f ms/request, machine busy %.0f%%\n",
            a * 10 / n, cores, n * 1000 * cores / (a * 10), p * 10 / n, 100 * b / t }'
}

# run_backend NAME ENV...: ingest at each concurrency, then the list API over 10,000 updates.
declare -A RPS P95 ERR
run_backend() {
    local name=$1; shift
    start_app "$name" "$@"
    eval "${name}_READY=$READY_S ${name}_RSS=$READY_RSS"
    load seed "http://localhost:$PORT" 10000 | sed "s/^/$name: /"
    # The profile covers the measured load only, not the start.
    [ "${BENCH_JFR:-}" = 1 ] && jcmd "$APP_PID" JFR.start name=bench settings=profile >/dev/null
    for c in $CLIENTS; do
        cpu_start
        line=$(load ingest "http://localhost:$PORT" "$c" "$SECS")
        echo "$name: $line"
        RPS[$name,$c]=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
        # The load also ran 2 s of warm-up at about the same rate.
        echo "$name: clients=$c $(cpu_report "$(( ${RPS[$name,$c]%.*} * (SECS + 2) ))")"
        P95[$name,$c]=$(sed -E 's/.* p95=([0-9.]+).*/\1/' <<<"$line")
        ERR[$name,$c]=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
    done
    cpu_start
    line=$(load list "http://localhost:$PORT" 500)
    echo "$name: $line"
    echo "$name: list (one client, 1,000 requests with warm-up) $(cpu_report 1000)"
    eval "${name}_LIST_P95=$(sed -E 's/.* p95=([0-9.]+).*/\1/' <<<"$line")"
    stop_app "$name"
    eval "${name}_PEAK=$PEAK_RSS"
}

echo "== PostgreSQL: the app"
run_backend postgresql DATABASE_URL="$(echo "$PG_DB" | sed 's#^postgresql://#postgres://#')"

echo "== PostgreSQL: baseline, pgbench with the app's transaction on the same server"
load pgbench-script >"$WORK/ingest.pgbench"
declare -A PGB_TPS PGB_P95
# pgbench needs one connection per client: stay under max_connections (100 by default).
MAXC=$(( $(psql -tA "$PG" -c 'SHOW max_connections') - $(psql -tA "$PG" -c 'SELECT count(*) FROM pg_stat_activity') - 5 ))
for c in 1 $CLIENTS; do
    rm -f "$WORK"/pgbench_log.*
    pc=$(( c < MAXC ? c : MAXC ))
    [ "$pc" != "$c" ] && echo "pgbench: $c clients capped to $pc (max_connections)"
    out=$(cd "$WORK" && pgbench -n -M prepared -f ingest.pgbench -c "$pc" -j "$(( pc < 2 ? 1 : 2 ))" -T "$SECS" -l "$PG_DB" 2>&1) \
        || { echo "$out" | tail -3; }
    tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$out" | head -1)
    p95=$(cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; printf "%.2f", a[i]/1000}')
    PGB_TPS[$c]=$tps; PGB_P95[$c]=$p95
    printf 'pgbench: clients=%d tps=%.0f p95=%s ms\n' "$c" "$tps" "$p95"
done

echo "== SQLite: the app"
run_backend sqlite DB_PATH="$WORK/sqlite/diun.db"

echo "== SQLite: baseline, raw sqlite-jdbc, one writer, WAL + synchronous=FULL, the app's transaction"
line=$(load sqlite-raw "$WORK/raw.db" "$SECS"); echo "$line"
RAW=$(sed -E 's/.* tps=([0-9.]+).*/\1/' <<<"$line")

ratio() { echo "scale=2; $1 / $2" | bc; }
verdict() { if [ "$(echo "$1" | bc)" = 1 ]; then echo "met"; else echo "MISSED"; fi; }
echo
echo "== Summary (same run; targets from issue 7)"
printf '%-10s %8s %10s %10s %8s\n' backend clients "req/s" "p95 ms" errors
for b in postgresql sqlite; do for c in $CLIENTS; do
    printf '%-10s %8s %10.0f %10s %8s\n' "$b" "$c" "${RPS[$b,$c]}" "${P95[$b,$c]}" "${ERR[$b,$c]}"
done; done
r=$(ratio "${RPS[postgresql,32]}" "${PGB_TPS[32]}")
echo "PostgreSQL ingest at 32 clients: ${RPS[postgresql,32]} req/s vs pgbench ${PGB_TPS[32]} tps = ${r}x (target >= 0.5): $(verdict "$r >= 0.5")"
echo "PostgreSQL p95 at 100 clients: ${P95[postgresql,100]} ms (target <= 25): $(verdict "${P95[postgresql,100]} <= 25")"
errs=$(( ${ERR[postgresql,8]} + ${ERR[postgresql,32]} + ${ERR[postgresql,100]} + ${ERR[sqlite,8]} + ${ERR[sqlite,32]} + ${ERR[sqlite,100]} ))
echo "Errors, all runs: $errs (target 0): $(verdict "$errs == 0")"
best=$(printf '%s\n' "${RPS[sqlite,8]}" "${RPS[sqlite,32]}" "${RPS[sqlite,100]}" | sort -n | tail -1)
r=$(ratio "$best" "$RAW")
echo "SQLite ingest (best of 8/32/100 clients): $best req/s vs raw single writer $RAW tps = ${r}x (target >= 0.5): $(verdict "$r >= 0.5")"
for b in postgresql sqlite; do
    p=${b}_LIST_P95; rd=${b}_READY; rs=${b}_RSS; pk=${b}_PEAK
    echo "$b list first page of 10,000: p95 ${!p} ms (target <= 10): $(verdict "${!p} <= 10")"
    echo "$b ready in ${!rd} s (target <= 15): $(verdict "${!rd} <= 15"); RSS at ready ${!rs} MB, peak ${!pk} MB (target <= 512): $(verdict "${!pk} <= 512")"
done
