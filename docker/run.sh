#!/bin/sh
# The container's command: Payara Micro serving the WAR at / on $PORT, with the HTTP listener settings
# of http-listener.asadmin (GET bodies allowed, read timeouts).
# Data: DB_PATH (default /data/diun.db in the image), or DATABASE_URL for PostgreSQL.
#
# The JVM is sized from the memory the container may use (its cgroup limit, else the machine's
# memory), because the JVM's own defaults leave too little room outside the heap: a 256 MiB
# container was killed by the kernel before it was ready. JAVA_OPTS comes after these options, so
# an option given there wins (HotSpot takes the last occurrence); a collector chosen there replaces
# ours. DIUN_MEMORY_MB pretends a different limit.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

memory_mb() {
    total=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
    for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
        [ -r "$f" ] || continue
        limit=$(cat "$f")
        case $limit in '' | max | *[!0-9]*) continue ;; esac
        limit=$((limit / 1048576))
        [ "$limit" -lt "$total" ] && total=$limit
        break
    done
    echo "$total"
}

mem=${DIUN_MEMORY_MB:-$(memory_mb)}
# Measured in a container: outside the heap Payara Micro with the app holds about 170 MiB of
# anonymous memory when ready (metaspace and class space ~90, symbols ~20, code ~20 with C1 only,
# threads, malloc), and the heap holds ~55 MiB live after startup. Up to 320 MiB the heap gets
# what is left after 184 MiB; above, three quarters of it. Small limits also get the serial
# collector, C1 only, a smaller code cache and a heap that shrinks after collections.
if [ "$mem" -le 320 ]; then
    heap=$((mem - 184))
else
    heap=$(((mem - 184) * 3 / 4))
fi
[ "$heap" -lt 64 ] && heap=64
opts="-Xmx${heap}m -XX:MaxMetaspaceSize=160m -Xss512k -XX:MaxDirectMemorySize=32m"
if [ "$mem" -le 512 ]; then
    opts="$opts -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=24m"
    opts="$opts -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
fi
case " ${JAVA_OPTS:-} " in *" -XX:+Use"*GC" "*) opts=$(echo "$opts" | sed 's/ -XX:+UseSerialGC//') ;; esac
# glibc's per-thread malloc arenas add tens of MiB for a server with many threads.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
echo "run.sh: ${mem} MiB available; JVM options: $opts ${JAVA_OPTS:-}"
# shellcheck disable=SC2086 # the option strings hold several options
exec java $opts ${JAVA_OPTS:-} -jar "$here/payara-micro.jar" \
    --nohazelcast --port "${PORT:-8080}" \
    --prebootcommandfile "$here/http-listener.asadmin" \
    --deploy "$here/diun-dashboard.war" --contextroot /
