#!/usr/bin/env bash
# Benchmark: the image under a small memory limit, on a real Docker engine (the engine, the local
# Debian bases and the build come from .ci/container-lib.sh). Builds the image once, then per run
# starts a fresh container with `--memory LIMIT --memory-swap LIMIT` on SQLite and prints:
#   ready    seconds from `docker run` to the first 200 from /health/ready (polled every second)
#   healthy  seconds to the image's own HEALTHCHECK reporting healthy (it runs every 30 s)
#   RSS      the JVM's VmRSS (and RssAnon, its private memory) from /proc/1/status, and the cgroup's
#            charge (memory.current or memory.usage_in_bytes, which includes page cache) and what
#            `docker stats` shows (the charge minus inactive file pages): when ready, and idle
#            BENCH_IDLE seconds after the burst
#   burst    BENCH_BURST webhooks from 16 clients: seconds, status counts, stored count, OOM kill
# then min / median / max over the runs and the image's size. Everything it made is removed.
#
#   bench/container.sh                                   # as root; 3 runs at 256m
#   BENCH_RUNS=5 BENCH_MEMORY=384m BENCH_JAVA_OPTS=-Xmx128m bench/container.sh
#
# Environment: BENCH_RUNS (default 3), BENCH_MEMORY (default 256m), BENCH_BURST (default 1000),
# BENCH_IDLE (default 60), BENCH_JAVA_OPTS (passed as JAVA_OPTS), BENCH_IMAGE (an image already
# built: measured, not built and not removed), BENCH_COLD=1 (before each run, drops the page cache of
# the image's files, only those: the container is then the first to read them, as the only container
# of a small host is, and its cgroup is charged for them; overlay2 storage only), DIUN_CI_CACHE.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/container-lib.sh

RUNS=${BENCH_RUNS:-3}
MEMORY=${BENCH_MEMORY:-256m}
BURST=${BENCH_BURST:-1000}
IDLE=${BENCH_IDLE:-60}
RUN=diunbench$$
IMAGE=${BENCH_IMAGE:-diun-ci/dashboard:$RUN}
WORK=$(mktemp -d)

cleanup() {
    set +e
    "$DOCKER" ps -aq --filter "label=diun-ci=$RUN" | xargs -r "$DOCKER" rm -f -v >/dev/null
    [ -z "${BENCH_IMAGE:-}" ] && "$DOCKER" image rm -f "$IMAGE" >/dev/null 2>&1
    [ -n "$ENGINE_PID" ] && "$DOCKER" image rm -f "$BUILD_BASE" "$RUNTIME_BASE" >/dev/null 2>&1
    stop_engine
    rm -rf "$WORK"
}
trap cleanup EXIT

ensure_engine
if [ -z "${BENCH_IMAGE:-}" ]; then
    ensure_bases
    build_image "$IMAGE"
fi
size=$("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f", $1 / 1e6}')

mib() { awk '{printf "%.0f", $1 / 1048576}'; }
# figures CONTAINER: JVM RSS / RssAnon, cgroup charge, docker stats (charge minus inactive file), MiB.
figures() {
    "$DOCKER" exec "$1" sh -c '
        rss=$(awk "/^VmRSS/ {print int(\$2 / 1024)}" /proc/1/status)
        anon=$(awk "/^RssAnon/ {print int(\$2 / 1024)}" /proc/1/status)
        if [ -r /sys/fs/cgroup/memory.current ]; then
            cg=$(cat /sys/fs/cgroup/memory.current); inact=$(awk "/^inactive_file / {print \$2}" /sys/fs/cgroup/memory.stat)
        else
            cg=$(cat /sys/fs/cgroup/memory/memory.usage_in_bytes); inact=$(awk "/^total_inactive_file / {print \$2}" /sys/fs/cgroup/memory/memory.stat)
        fi
        echo "$rss $anon $((cg / 1048576)) $(((cg - inact) / 1048576))"'
}
post() {
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
        "http://127.0.0.1:$1/webhook" --data "{\"diun_version\":\"4.29.0\",\"hostname\":\"host-$(($2 % 20))\",\"status\":\"update\",\"provider\":\"docker\",\"image\":\"bench/burst$2:latest\",\"digest\":\"sha256:$(printf '%064x' "$2")\"}" \
        || echo "curl-exit-$?"
}
export -f post

: >"$WORK/results"
# Drops the page cache of the image's files (GNU dd: iflag=nocache count=0 drops a whole file's).
drop_image_cache() {
    local dir
    for dir in $("$DOCKER" image inspect -f '{{.GraphDriver.Data.LowerDir}}:{{.GraphDriver.Data.UpperDir}}' "$IMAGE" | tr ':' ' '); do
        find "$dir" -type f -size +64k -exec dd iflag=nocache count=0 status=none if={} \; 2>/dev/null || true
    done
}
for i in $(seq 1 "$RUNS"); do
    [ "${BENCH_COLD:-0}" = 1 ] && drop_image_cache
    port=$(free_port)
    name=$RUN-$i
    t0=$(date +%s.%N)
    "$DOCKER" run -d --name "$name" --label "diun-ci=$RUN" --network host -e "PORT=$port" \
        -e "JAVA_OPTS=${BENCH_JAVA_OPTS:-}" --memory "$MEMORY" --memory-swap "$MEMORY" "$IMAGE" >/dev/null
    ready=""
    healthy=""
    for _ in $(seq 1 600); do
        now=$(date +%s.%N)
        if [ -z "$ready" ] && curl -sf -o /dev/null -m 2 "http://127.0.0.1:$port/health/ready"; then
            ready=$(echo "$now - $t0" | bc)
            read -r r_rss r_anon r_cg r_stats <<<"$(figures "$name")"
        fi
        state=$("$DOCKER" inspect -f '{{.State.Status}} {{.State.Health.Status}}' "$name")
        case $state in
            "running healthy") healthy=$(echo "$now - $t0" | bc); break ;;
            running*) sleep 1 ;;
            *) break ;;
        esac
    done
    [ -n "$healthy" ] && [ -n "$ready" ] || { "$DOCKER" logs --tail 30 "$name" >&2; die "run $i: not healthy ($state, OOMKilled=$("$DOCKER" inspect -f '{{.State.OOMKilled}}' "$name"))"; }
    t=$(date +%s)
    codes=$(seq 1 "$BURST" | xargs -P 16 -I{} bash -c "post $port {}" | sort | uniq -c | tr -s ' \n' ' ')
    burst=$(($(date +%s) - t))
    oom=$("$DOCKER" inspect -f '{{.State.OOMKilled}}' "$name")
    [ "$("$DOCKER" inspect -f '{{.State.Status}}' "$name")" = running ] || die "run $i: killed during the burst (OOMKilled=$oom)"
    stored=$(curl -sf "http://127.0.0.1:$port/api/summary" | sed -E 's/.*"total":([0-9]+).*/\1/')
    sleep "$IDLE"
    read -r i_rss i_anon i_cg i_stats <<<"$(figures "$name")"
    printf 'run %d: ready %.1f s, healthy %.0f s; when ready RSS %s (anon %s), cgroup %s, stats %s MiB; burst %s s (%s), %s stored, OOMKilled=%s; idle %s s later RSS %s (anon %s), cgroup %s, stats %s MiB\n' \
        "$i" "$ready" "$healthy" "$r_rss" "$r_anon" "$r_cg" "$r_stats" "$burst" "${codes# }" "$stored" "$oom" "$IDLE" "$i_rss" "$i_anon" "$i_cg" "$i_stats"
    echo "$ready $healthy $r_rss $r_anon $r_cg $r_stats $burst $i_rss $i_anon $i_cg $i_stats" >>"$WORK/results"
    "$DOCKER" rm -f -v "$name" >/dev/null
done

echo "== $MEMORY, JAVA_OPTS='${BENCH_JAVA_OPTS:-}', $RUNS runs$([ "${BENCH_COLD:-0}" = 1 ] && echo ", cold page cache"): min / median / max"
col=1
for label in "ready (s)" "healthy (s)" "RSS when ready (MiB)" "RssAnon when ready" "cgroup when ready" \
    "docker stats when ready" "burst (s)" "idle RSS (MiB)" "idle RssAnon" "idle cgroup" "idle docker stats"; do
    printf '%-24s %s\n' "$label" "$(cut -d' ' -f"$col" "$WORK/results" | sort -n | awk '{v[NR] = $1} END {printf "%.4g / %.4g / %.4g", v[1], v[int((NR + 1) / 2)], v[NR]}')"
    col=$((col + 1))
done
echo "image: $size MB"
