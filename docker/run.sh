#!/bin/sh
# The container's command: Payara Micro serving the WAR at / on $PORT, with the HTTP listener settings
# of http-listener.asadmin (GET bodies allowed, read timeouts, worker threads).
# Data: DB_PATH (default /data/diun.db in the image), or DATABASE_URL for PostgreSQL.
#
# Files beside this script: the application, as the folder diun-dashboard (the WAR unpacked by
# docker/build.sh, deployed in place) or as diun-dashboard.war (which Payara Micro expands into its
# root folder at every start), http-listener.asadmin, and Payara Micro either as
# micro/ (its launcher and runtime jars, unpacked once by docker/build.sh with --outputlauncher) or
# as payara-micro.jar (which unpacks itself into a new temporary folder at every start). With micro/
# the class path is the same at every start, so the JVM can map the classes of earlier starts from a
# class-data-sharing archive, diun-dashboard.jsa (made by docker/cds-train.sh when the image is
# built), instead of loading, parsing and verifying ~20,000 classes again. A missing or mismatched
# archive is skipped (-Xshare:auto). DIUN_CDS=off starts without it; it is also left out when
# JAVA_OPTS or JAVA_TOOL_OPTIONS loads an agent or starts a flight recording, because HotSpot 17
# can crash loading archived classes while a class-file hook is active.
#
# The JVM is sized from the memory the container may use (its cgroup limit, else the machine's
# memory), because the JVM's own defaults leave too little room outside the heap: a 256 MiB
# container was killed by the kernel before it was ready. JAVA_OPTS comes after these options, so
# an option given there wins (HotSpot takes the last occurrence); a collector chosen there replaces
# ours. DIUN_MEMORY_MB pretends a different limit.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
port=${PORT:-8080}

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
# Measured (NMT, 2026-12-05, 256 MiB): when ready the heap holds ~60 MiB live and is 72 MiB; outside
# it the JVM holds ~100 MiB of anonymous memory with the class-data-sharing archive mapped at its own
# address (see below; ~45 MiB of it is the archive's written pages, code ~13, metaspace ~14, threads
# ~6, malloc ~10) plus ~95 MiB of file pages (the archive's read-only part, libjvm), which the kernel
# can drop under pressure. Up to 320 MiB the heap gets what is left after 184 MiB; above, three
# quarters of it, but never more than 256 MiB: the dashboard's live data is tens of MiB, and a larger
# heap only grows the RSS (bench/startup.sh). It starts at 64 MiB and shrinks after collections. The
# serial collector suits a heap this size (no concurrent threads, the least memory per MiB of heap).
# C1 only (TieredStopAtLevel=1): C2 compiling Payara's startup paths doubled the CPU time to ready
# (bench/startup.sh), and the dashboard's requests are dominated by I/O;
# JAVA_OPTS=-XX:TieredStopAtLevel=4 brings C2 back for sustained heavy ingest. Up to 512 MiB also a
# smaller code cache, and methods are compiled after ten times as many calls
# (CompileThresholdScaling=10): code that runs only while Payara starts, or only now and then, stays
# interpreted. Measured 2026-12-06 at 256 MiB against 3: compiled code 8 instead of 14 MiB when idle
# after 300 webhooks, 14 instead of 19 after 24 s of sustained load; private memory 168 instead of
# 175 MiB; the price is throughput while the code warms up (wrk, 16 clients, three 8 s runs in a
# row: 668, 895, 1405 against 1052, 1212, 1473 requests/s). MaxRAM makes
# the JVM's own ergonomics (initial sizes, compiler threads) follow the same figure. Where the JVM has
# it (17.0.9 and later), TrimNativeHeapInterval gives freed malloc memory back to the system every 5 s.
if [ "$mem" -le 320 ]; then
    heap=$((mem - 184))
else
    heap=$(((mem - 184) * 3 / 4))
fi
[ "$heap" -lt 64 ] && heap=64
[ "$heap" -gt 256 ] && heap=256
opts="-XX:MaxRAM=${mem}m -Xms64m -Xmx${heap}m -XX:MaxMetaspaceSize=160m -Xss512k -XX:MaxDirectMemorySize=32m"
opts="$opts -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1"
# A heap under 160 MiB keeps only a ninth of it for new objects (NewRatio=8; the default is a third):
# the ~60 MiB that stays live must fit in the old generation, else every young collection became a
# full one (72 MiB heap, 1,000 webhooks: 36 full collections, 19 s of pauses; with NewRatio=8 about 8
# and 4 s).
[ "$heap" -lt 160 ] && opts="$opts -XX:NewRatio=8"
[ "$mem" -le 512 ] && opts="$opts -XX:ReservedCodeCacheSize=24m -XX:CompileThresholdScaling=10"
if java -XX:TrimNativeHeapInterval=5000 -Xshare:auto -version >/dev/null 2>&1; then
    opts="$opts -XX:TrimNativeHeapInterval=5000"
fi
case " ${JAVA_OPTS:-} " in *" -XX:+Use"*GC" "*) opts=$(echo "$opts" | sed 's/ -XX:+UseSerialGC//') ;; esac
# glibc's per-thread malloc arenas add tens of MiB for a server with many threads.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# Payara Micro's options: no clustering (--nohazelcast), no usage report to Payara at startup.
app=$here/diun-dashboard
[ -d "$app" ] || app=$here/diun-dashboard.war
set -- --nohazelcast --disablephonehome --port "$port" --prebootcommandfile "$here/http-listener.asadmin" \
    --deploy "$app" --contextroot /

if [ ! -f "$here/micro/launch-micro.jar" ]; then
    echo "run.sh: ${mem} MiB available; JVM options: $opts ${JAVA_OPTS:-}"
    # shellcheck disable=SC2086 # the option strings hold several options
    exec java $opts ${JAVA_OPTS:-} -jar "$here/payara-micro.jar" "$@"
fi

# Payara Micro from micro/: what its own launcher (micro/launch-micro.jar, RootDirLauncher) does,
# except that the root folder, which Payara writes (configuration, the expanded WAR, logs), is a
# folder of this instance under TMPDIR, made anew at each start from micro/config: micro/ stays
# read-only. A folder still used by a running server is not touched.
root=${DIUN_ROOT_DIR:-${TMPDIR:-/tmp}/diun-dashboard-$port}
if [ -r "$root/config/pid" ]; then
    pid=$(cat "$root/config/pid")
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -F -- "--rootdir $root " >/dev/null; then
        echo "run.sh: $root is in use by process $pid (a server on port $port already runs)" >&2
        exit 1
    fi
fi
rm -rf "$root"
mkdir -p "$root"
cp -R "$here/micro/config" "$root/config"
chmod -R u+w "$root/config"
ln -s "$here/micro/lib" "$root/lib"

# Class-data sharing. DIUN_CDS_DUMP=FILE (docker/cds-train.sh) records the archive when the JVM exits.
archive=$here/diun-dashboard.jsa
cds=""
if [ -n "${DIUN_CDS_DUMP:-}" ]; then
    cds="-XX:ArchiveClassesAtExit=$DIUN_CDS_DUMP -Xlog:cds=error -Xlog:cds+dynamic=error"
elif [ "${DIUN_CDS:-on}" = off ]; then
    cds=""
elif [ ! -r "$archive" ]; then
    cds=""
else
    case " ${JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} " in
    *" -javaagent"* | *" -agentlib"* | *" -agentpath"* | *"StartFlightRecording"*)
        echo "run.sh: an agent or flight recording is requested; starting without $archive" ;;
    # ArchiveRelocationMode=0: the archive is mapped at the address it was written for (Debian's JDK 17,
    # the image's base in CI, maps it at a random address by default, ArchiveRelocationMode=1). Mapped
    # elsewhere, every pointer in it is rewritten at startup, which turns ~50 MiB more of it from file
    # pages the kernel can drop into private memory: the difference between an OOM kill and not under
    # --memory 256m. When that address is taken, the JVM still maps it elsewhere.
    # JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=1" restores the random address.
    *) cds="-XX:SharedArchiveFile=$archive -Xshare:auto -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0" ;;
    esac
fi

# The module openings the launcher's manifest would give (micro/.env is written with it).
MICRO_OPENS=""
# shellcheck disable=SC1091
. "$here/micro/.env"
echo "run.sh: ${mem} MiB available; JVM options: $opts $cds ${JAVA_OPTS:-}"
# shellcheck disable=SC2086 # the option strings hold several options
exec java $opts $cds $MICRO_OPENS ${JAVA_OPTS:-} \
    -Dfish.payara.micro.BootJar="file:$here/micro/launch-micro.jar" -Dfish.payara.micro.UnpackDir="$here/micro" \
    -cp "$here/micro/launch-micro.jar" fish.payara.micro.impl.PayaraMicroImpl --rootdir "$root" "$@"
