#!/bin/bash
# Makes the class-data-sharing archive that docker/run.sh maps at every start: a training start of
# the application (run.sh itself, on SQLite in a temporary folder) that waits until it is ready,
# sends the requests a first visitor and Diun send, stops it, and lets the JVM write the classes it
# loaded to diun-dashboard.jsa beside run.sh. The Dockerfile runs it in the runtime stage, because an
# archive only fits the JVM build that wrote it. Nothing else is left behind.
#
#   docker/cds-train.sh [PORT]      # PORT of the training start, default 8080
#
# Fails safe: when the training start fails, no archive is written, the reason is printed and the
# script exits 0; run.sh then starts without an archive (slower, otherwise the same). The same holds
# when the start is not ready within 600 s, which an image built for another platform under qemu
# emulation comes near: one linux/arm64 build on a loaded 2-core amd64 machine was ready after 502 s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${1:-8080}
archive=$here/diun-dashboard.jsa
work=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

give_up() {
    echo "cds-train: $1; no archive, run.sh starts without one" >&2
    tail -20 "$work/train.log" >&2 || true
    rm -f "$archive"
    exit 0
}

# request METHOD PATH [BODY]: prints the status of one HTTP/1.0 request to the training start
# (bash's /dev/tcp: the JRE image has no curl).
request() {
    (
        exec 3<>"/dev/tcp/127.0.0.1/$port"
        if [ -n "${3:-}" ]; then
            printf '%s %s HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
                "$1" "$2" "${#3}" "$3" >&3
        else
            printf '%s %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" "$2" >&3
        fi
        IFS=' ' read -r _ status _ <&3 || status=none
        cat <&3 >/dev/null || true
        echo "$status"
    )
}

rm -f "$archive"
env PORT="$port" DB_PATH="$work/data/diun.db" DIUN_ROOT_DIR="$work/root" DIUN_CDS_DUMP="$work/diun-dashboard.jsa" \
    DATABASE_URL= JAVA_OPTS="-Djava.io.tmpdir=$work" "$here/run.sh" >"$work/train.log" 2>&1 &
pid=$!
started=$(date +%s)
until [ "$(request GET /health/ready 2>/dev/null)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || give_up "the training start exited"
    [ $(($(date +%s) - started)) -lt 600 ] || give_up "the training start was not ready within 600 s"
    sleep 1
done
echo "cds-train: ready after $(($(date +%s) - started)) s"
digest=sha256:$(printf '%064d' 1)
for i in 1 2 3; do
    request GET / >/dev/null || true
    request GET /api/summary >/dev/null || true
    request GET '/api/updates?state=all' >/dev/null || true
    request POST /webhook "{\"diun_version\":\"4.29.0\",\"hostname\":\"training\",\"status\":\"new\",\"provider\":\"docker\",\"image\":\"training/image$i:latest\",\"digest\":\"$digest\"}" >/dev/null || true
    request GET /health/ready >/dev/null || true
done
# SIGTERM: the JVM exits normally and writes the archive on its way out.
kill -TERM "$pid"
wait "$pid" || true
pid=
[ -s "$work/diun-dashboard.jsa" ] || give_up "the JVM wrote no archive"
mv "$work/diun-dashboard.jsa" "$archive"
chmod 644 "$archive"
echo "cds-train: wrote $archive ($(($(stat -c %s "$archive") / 1048576)) MiB) in $(($(date +%s) - started)) s"
