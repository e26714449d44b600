#!/usr/bin/env bash
# Benchmark: start time and memory of the application as shipped (docker/run.sh from the image's
# layout, with the class-data-sharing archive made by docker/cds-train.sh), on SQLite and on
# PostgreSQL, against a baseline measured in the same run: Payara Micro started by the same run.sh
# with the same options and its own archive, serving a hello-world WAR that this script builds.
# Starts are interleaved (sqlite, postgresql, baseline, sqlite, ...) and repeated; each prints the
# time from the start of run.sh to the first 200 from /health/ready (polled every 50 ms), the CPU
# time the JVM used until then, and its RSS then. Then one start per variant under a short load
# (webhooks from 16 clients and list reads from 4; the baseline gets the same number of GETs) with
# the RSS after it and the peak. Prints min / median / max, the app ÷ baseline ratios and the
# targets (ready <= 8 s, RSS <= 300 MB when ready, <= 400 MB under load).
#
#   bench/startup.sh                      # needs a PostgreSQL (BENCH_PG, default the local one)
#   BENCH_RUNS=3 BENCH_VARIANTS="sqlite sqlite-nocds baseline" bench/startup.sh
#
# Environment: BENCH_PG (libpq URI of a server where a scratch database may be created), BENCH_RUNS
# (measured starts per variant, default 5), BENCH_VARIANTS (default "sqlite postgresql baseline";
# sqlite-nocds is the app without the archive, DIUN_CDS=off), BENCH_LOAD (webhooks of the load
# step, default 500; 0 skips it), BENCH_PORT, BENCH_MEMORY_MB (the memory run.sh sizes the JVM for,
# DIUN_MEMORY_MB; default what run.sh finds, the machine's memory outside a container).
set -euo pipefail
cd "$(dirname "$0")/.."
PG=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432/postgres}
RUNS=${BENCH_RUNS:-5}
VARIANTS=${BENCH_VARIANTS:-sqlite postgresql baseline}
LOAD=${BENCH_LOAD:-500}
PORT=${BENCH_PORT:-18992}
WORK=$(mktemp -d)
DB=diun_startup_$$
APP_PID=
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    case " $VARIANTS " in *" postgresql "*) psql -q "$PG" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true ;; esac
    rm -rf "$WORK" "${TMPDIR:-/tmp}/diun-dashboard-$PORT"
}
trap cleanup EXIT
[ -n "${BENCH_MEMORY_MB:-}" ] && export DIUN_MEMORY_MB=$BENCH_MEMORY_MB

echo "== build: the image's /opt/diun layout (docker/build.sh) in $WORK/app"
sh docker/build.sh "$WORK/app" >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }

echo "== baseline: a hello-world WAR against jakarta.jakartaee-api, in the same layout"
API=$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api -name 'jakarta.jakartaee-api-10*.jar' | sort | tail -1)
[ -n "$API" ] || { echo "jakarta.jakartaee-api 10 not in ~/.m2 (the build above resolves it)"; exit 1; }
mkdir -p "$WORK/hello/src/hello" "$WORK/hello/war/WEB-INF/classes"
cat >"$WORK/hello/src/hello/Hello.java" <<'EOF'
package hello;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/api")
public class Hello extends Application {
    @Path("hello")
    public static class Resource {
        @GET
        public String hello() {
            return "hello";
        }
    }
}
EOF
javac -d "$WORK/hello/war/WEB-INF/classes" -cp "$API" "$WORK/hello/src/hello/Hello.java"
cp -r "$WORK/app" "$WORK/base"
# Deployed unpacked, in place, as the app is.
rm -rf "$WORK/base/diun-dashboard"
cp -r "$WORK/hello/war" "$WORK/base/diun-dashboard"

echo "== class-data-sharing archives (docker/cds-train.sh), app and baseline"
"$WORK/app/cds-train.sh" "$PORT"
"$WORK/base/cds-train.sh" "$PORT"
[ -f "$WORK/app/diun-dashboard.jsa" ] || echo "WARNING: no archive for the app; it starts without one"

case " $VARIANTS " in *" postgresql "*)
    psql -q "$PG" -c "CREATE DATABASE $DB" >/dev/null
    PG_DB=$(echo "$PG" | sed -E "s#/[^/?]*(\\?|$)#/$DB\\1#; s#^postgresql://#postgres://#") ;;
esac
echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"

# start VARIANT: starts run.sh for the variant and waits for ready; sets READY_MS, CPU_S, RSS_MB.
start() {
    local dir=$WORK/app
    local -a env=(PORT="$PORT" DB_PATH="$WORK/data-$1/diun.db" DATABASE_URL=)
    case $1 in
    postgresql) env+=(DATABASE_URL="$PG_DB") ;;
    sqlite-nocds) env+=(DIUN_CDS=off) ;;
    baseline) dir=$WORK/base ;;
    esac
    local t0; t0=$(date +%s%N)
    env "${env[@]}" "$dir/run.sh" >"$WORK/$1.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 6000); do
        curl -sf -o /dev/null "localhost:$PORT/health/ready" && break
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/$1.log"; exit 1; }
        sleep 0.05
    done
    READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
    CPU_S=$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$APP_PID/stat")
    RSS_MB=$(( $(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status") / 1024 ))
}
stop() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }

post() { # PORT N
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$1/webhook" \
        --data "{\"diun_version\":\"4.29.0\",\"hostname\":\"host-$(($2 % 20))\",\"status\":\"update\",\"provider\":\"docker\",\"image\":\"bench/img$2:latest\",\"digest\":\"sha256:$(printf '%064x' "$2")\"}" \
        || echo "curl-exit-$?"
}
get() { curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$1$2" || echo "curl-exit-$?"; }
export -f post get

declare -A READY CPU RSS
echo "== one unmeasured start per variant (migrates the schema, warms the page cache)"
for v in $VARIANTS; do start "$v"; stop; done
echo "== $RUNS measured starts per variant, interleaved"
for r in $(seq 1 "$RUNS"); do
    for v in $VARIANTS; do
        start "$v"
        stop
        READY[$v]+="$READY_MS "; CPU[$v]+="$CPU_S "; RSS[$v]+="$RSS_MB "
        printf '%-13s run %d: ready %6.2f s, CPU %5.1f s, RSS %4d MB (load %s)\n' "$v" "$r" \
            "$(echo "scale=2; $READY_MS / 1000" | bc)" "$CPU_S" "$RSS_MB" "$(cut -d' ' -f1 /proc/loadavg)"
    done
done

declare -A LOAD_RSS PEAK
if [ "$LOAD" -gt 0 ]; then
    echo "== load: $LOAD webhooks from 16 clients and $((LOAD / 2)) list reads from 4 (baseline: as many GETs)"
    for v in $VARIANTS; do
        start "$v"
        if [ "$v" = baseline ]; then
            w="get $PORT /api/hello"; rd="get $PORT /api/hello"
        else
            w="post $PORT {}"; rd="get $PORT /api/updates?state=all&limit=50"
        fi
        t=$(date +%s)
        seq 1 "$LOAD" | xargs -P 16 -I{} bash -c "$w" >"$WORK/load-w.txt" &
        seq 1 $((LOAD / 2)) | xargs -P 4 -I{} bash -c "$rd" >"$WORK/load-r.txt"
        wait $!
        LOAD_RSS[$v]=$(( $(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status") / 1024 ))
        PEAK[$v]=$(( $(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status") / 1024 ))
        echo "$v: $(($(date +%s) - t)) s; status counts $(cat "$WORK/load-w.txt" "$WORK/load-r.txt" | sort | uniq -c | tr -s ' \n' ' '); RSS after ${LOAD_RSS[$v]} MB, peak ${PEAK[$v]} MB"
        stop
    done
fi

# stats "N N N": min median max
stats() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {printf "%s %s %s", a[1], (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2), a[NR]}'; }
verdict() { if [ "$(echo "$1" | bc)" = 1 ]; then echo met; else echo MISSED; fi; }
echo
echo "== Summary (same run; min / median / max of $RUNS starts)"
printf '%-13s %22s %22s %20s\n' variant "ready s" "CPU to ready s" "RSS at ready MB"
declare -A MED_READY MED_RSS
for v in $VARIANTS; do
    read -r a b c <<<"$(stats "${READY[$v]}")"; MED_READY[$v]=$b
    read -r d e f <<<"$(stats "${CPU[$v]}")"
    read -r g h i <<<"$(stats "${RSS[$v]}")"; MED_RSS[$v]=$h
    printf '%-13s %6.2f / %5.2f / %5.2f %6.1f / %5.1f / %5.1f %6d / %4d / %4d\n' "$v" \
        "$(echo "scale=2; $a / 1000" | bc)" "$(echo "scale=2; $b / 1000" | bc)" "$(echo "scale=2; $c / 1000" | bc)" \
        "$d" "$e" "$f" "$g" "${h%.*}" "$i"
done
case " $VARIANTS " in *" baseline "*)
    for v in $VARIANTS; do
        [ "$v" = baseline ] && continue
        echo "$v ÷ baseline (medians): ready $(echo "scale=2; ${MED_READY[$v]} / ${MED_READY[baseline]}" | bc)x, RSS at ready $(echo "scale=2; ${MED_RSS[$v]} / ${MED_RSS[baseline]}" | bc)x"
    done ;;
esac
for v in $VARIANTS; do
    [ "$v" = baseline ] && continue
    s=$(echo "scale=2; ${MED_READY[$v]} / 1000" | bc)
    line="$v: median ready $s s (target <= 8): $(verdict "$s <= 8"); median RSS at ready ${MED_RSS[$v]%.*} MB (target <= 300): $(verdict "${MED_RSS[$v]%.*} <= 300")"
    [ -n "${PEAK[$v]:-}" ] && line+="; peak RSS under load ${PEAK[$v]} MB (target <= 400): $(verdict "${PEAK[$v]} <= 400")"
    echo "$line"
done
echo "(the machine's load average moves these times: compare ratios of the same run, and CPU to ready)"
