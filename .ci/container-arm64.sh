#!/usr/bin/env bash
# The linux/arm64 image, built and run on this (amd64) machine under qemu user-mode emulation:
# registers Debian's qemu-user-static for arm64 binaries (binfmt_misc), makes a local arm64 runtime
# base (Debian bookworm + Debian's OpenJDK 17 JRE, debootstrap --arch=arm64, the same recipe as the
# amd64 runtime base in container-lib.sh), builds the project's Dockerfile with
# `docker build --platform linux/arm64` (its build stage runs natively on the amd64 build base, its
# runtime stage, the class-data-sharing training start included, under emulation), then runs the
# container on the host network and checks: healthy through its own HEALTHCHECK, `uname -m` says
# aarch64, a webhook is stored and listed. Prints the build time, image size and start times.
# Everything it made in the engine is removed at the end, pass or fail, and the engine too if it
# started one.
#
# Not part of .ci/run: it is slow (everything in the runtime stage and the container runs emulated;
# see docs/deployment.md, "linux/arm64"). Run it by hand, as root:
#
#   .ci/container-arm64.sh
#
# Environment: ARM64_MEMORY (a --memory limit for the container, default none), ARM64_LOGS (a folder
# that receives the build's and debootstrap's logs at the end), DIUN_CI_CACHE
# (where the root file systems are cached as tar files, default /var/cache/diun-ci).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/container-lib.sh

ARM64_BASE=diun-ci/runtime-base-arm64:bookworm
ARM64_RECIPE=1
RUN=diunarm$$
IMAGE=diun-ci/dashboard-arm64:$RUN
WORK=$(mktemp -d)
T0=$(date +%s)

cleanup() {
    local rc=$?
    set +e
    if [ -n "${DOCKER_HOST:-}" ] || "$DOCKER" info >/dev/null 2>&1; then
        "$DOCKER" ps -aq --filter "label=diun-ci=$RUN" | xargs -r "$DOCKER" rm -f -v >/dev/null
        "$DOCKER" image rm -f "$IMAGE" >/dev/null 2>&1
        # The bases only when the engine is ours: the next run imports them again from the tar files.
        [ -n "$ENGINE_PID" ] && "$DOCKER" image rm -f "$BUILD_BASE" "$ARM64_BASE" >/dev/null 2>&1
    fi
    stop_engine
    [ -n "${ARM64_LOGS:-}" ] && mkdir -p "$ARM64_LOGS" && cp "$WORK"/*.log "$ARM64_LOGS/" 2>/dev/null
    rm -rf "$WORK"
    log "arm64 container test $([ "$rc" = 0 ] && echo passed || echo FAILED) in $(($(date +%s) - T0)) s"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# arm64 executables run through Debian's qemu-aarch64-static. The F flag (update-binfmts registers
# Debian's entry with it) opens the interpreter once, so it also works inside chroots and containers.
ensure_binfmt() {
    [ -x /usr/bin/qemu-aarch64-static ] && command -v update-binfmts >/dev/null 2>&1 \
        || apt_install qemu-user-static binfmt-support
    [ -e /proc/sys/fs/binfmt_misc/register ] \
        || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc \
        || die "cannot mount binfmt_misc"
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 \
        || die "cannot register qemu-aarch64 with binfmt_misc"
    grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "qemu-aarch64 is registered but disabled"
    log "binfmt_misc: qemu-aarch64 $(sed -n 's/^flags: /flags /p' /proc/sys/fs/binfmt_misc/qemu-aarch64)"
}

unmount_root() {
    local m
    for m in dev/pts proc sys; do
        mountpoint -q "$1/$m" 2>/dev/null && umount "$1/$m"
    done
    return 0
}

# The arm64 runtime base as a tar file: debootstrap's first stage natively (--foreign), the second
# stage and apt inside the arm64 root under emulation. Cached like the amd64 bases.
make_arm64_tar() {
    local tar=$DIUN_CI_CACHE/runtime-base-arm64.tar stamp=$DIUN_CI_CACHE/runtime-base-arm64.recipe
    [ -f "$tar" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$ARM64_RECIPE" ] && return
    command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
    mkdir -p "$DIUN_CI_CACHE"
    local root
    root=$(mktemp -d /var/tmp/diun-ci-arm64.XXXXXX)
    # debootstrap's second stage mounts /proc and /sys in the root; nothing is removed while mounted.
    # shellcheck disable=SC2064 # expand now: the path is local
    trap "unmount_root '$root'; mountpoint -q '$root/proc' || mountpoint -q '$root/sys' || rm -rf '$root'; trap - RETURN" RETURN
    local t
    t=$(date +%s)
    log "debootstrap --arch=arm64 bookworm (minbase) into $root"
    debootstrap --variant=minbase --arch=arm64 --foreign bookworm "$root" http://deb.debian.org/debian \
        >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log" >&2; die "debootstrap (first stage) failed"; }
    chroot "$root" /debootstrap/debootstrap --second-stage >>"$WORK/debootstrap.log" 2>&1 \
        || { tail -20 "$WORK/debootstrap.log" >&2; tail -20 "$root/debootstrap/debootstrap.log" >&2 || true; die "debootstrap (second stage, emulated) failed"; }
    [ "$(chroot "$root" uname -m)" = aarch64 ] || die "the arm64 root does not run as aarch64"
    unmount_root "$root"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mount -t proc proc "$root/proc"
    in_root() {
        chroot "$root" env DEBIAN_FRONTEND=noninteractive "$@" >>"$WORK/apt.log" 2>&1 \
            || { tail -20 "$WORK/apt.log" >&2; die "in the arm64 base: $*"; }
    }
    log "arm64 runtime base: openjdk-17-jre-headless (emulated apt)"
    in_root apt-get update -qq
    in_root apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
    in_root apt-get clean
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/log/apt/* "$root"/tmp/*
    : >"$root/etc/resolv.conf"
    unmount_root "$root"
    tar -C "$root" -cf "$tar.tmp" .
    mv "$tar.tmp" "$tar"
    echo "$ARM64_RECIPE" >"$stamp"
    log "arm64 runtime base made in $(($(date +%s) - t)) s"
}

ensure_binfmt
ensure_engine
make_base_tars
make_arm64_tar
if ! "$DOCKER" image inspect "$BUILD_BASE" >/dev/null 2>&1; then
    log "importing $BUILD_BASE"
    "$DOCKER" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/bin/bash"]' "$DIUN_CI_CACHE/build-base.tar" "$BUILD_BASE" >/dev/null
fi
# Debian's engine (20.10) ignores `docker import --platform` (the image says amd64), so the arm64
# base is made by BuildKit for that platform from the root file system: FROM scratch, ADD the tar.
if ! "$DOCKER" image inspect "$ARM64_BASE" >/dev/null 2>&1; then
    log "making $ARM64_BASE from the root file system"
    mkdir "$WORK/base"
    ln "$DIUN_CI_CACHE/runtime-base-arm64.tar" "$WORK/base/rootfs.tar" 2>/dev/null \
        || cp "$DIUN_CI_CACHE/runtime-base-arm64.tar" "$WORK/base/rootfs.tar"
    printf '%s\n' 'FROM scratch' 'ADD rootfs.tar /' \
        'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["/bin/bash"]' \
        >"$WORK/base/Dockerfile"
    "$DOCKER" build --progress=plain --platform linux/arm64 -t "$ARM64_BASE" "$WORK/base" >"$WORK/base.log" 2>&1 \
        || { tail -20 "$WORK/base.log" >&2; die "could not make $ARM64_BASE"; }
    rm -rf "$WORK/base"
fi
[ "$("$DOCKER" image inspect -f '{{.Os}}/{{.Architecture}}' "$ARM64_BASE")" = linux/arm64 ] \
    || die "$ARM64_BASE is not a linux/arm64 image"
[ "$("$DOCKER" run --rm --platform linux/arm64 --network host "$ARM64_BASE" uname -m)" = aarch64 ] \
    || die "$ARM64_BASE does not run as aarch64 (binfmt_misc)"

t=$(date +%s)
log "docker build --platform linux/arm64 $IMAGE"
# --network host: the engine started here has no bridge for RUN steps.
"$DOCKER" build --progress=plain --network host --platform linux/arm64 \
    --build-arg BUILD_IMAGE="$BUILD_BASE" --build-arg RUNTIME_IMAGE="$ARM64_BASE" \
    -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
    || { tail -60 "$WORK/build.log" >&2; die "docker build --platform linux/arm64 failed"; }
log "built $IMAGE in $(($(date +%s) - t)) s, $("$DOCKER" image inspect -f '{{.Os}}/{{.Architecture}} {{.Size}}' "$IMAGE" | awk '{printf "%s, %.0f MB", $1, $2 / 1e6}'), base $("$DOCKER" image inspect -f '{{.Size}}' "$ARM64_BASE" | awk '{printf "%.0f MB", $1 / 1e6}')"
[ "$("$DOCKER" image inspect -f '{{.Architecture}}' "$IMAGE")" = arm64 ] || die "the image is not arm64"
grep -E 'cds-train: (ready|wrote)|cds-train:.*no archive' "$WORK/build.log" | sed 's/^#[0-9]* [0-9.]* //' >&2 || true

port=$(free_port)
limit=()
[ -n "${ARM64_MEMORY:-}" ] && limit=(--memory "$ARM64_MEMORY" --memory-swap "$ARM64_MEMORY")
t=$(date +%s)
"$DOCKER" run -d --platform linux/arm64 --name "$RUN" --label "diun-ci=$RUN" --network host -e "PORT=$port" \
    "${limit[@]}" "$IMAGE" >/dev/null
for _ in $(seq 1 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ] && break
    [ "$("$DOCKER" inspect -f '{{.State.Status}}' "$RUN")" = running ] || break
    sleep 1
done
ready=$(($(date +%s) - t))
wait_healthy "$RUN" 900 || die "arm64: not healthy"
log "arm64: first 200 from /health/ready after $ready s, healthy (HEALTHCHECK) after $(($(date +%s) - t)) s"
[ "$("$DOCKER" exec "$RUN" uname -m)" = aarch64 ] || die "uname -m in the container is not aarch64"
"$DOCKER" exec "$RUN" sh -c 'file -L /proc/1/exe 2>/dev/null || true' >/dev/null
log "arm64: uname -m in the container: $("$DOCKER" exec "$RUN" uname -m); $("$DOCKER" logs "$RUN" 2>&1 | grep -m1 -o 'run.sh: [0-9]* MiB available')"
if "$DOCKER" exec "$RUN" grep -q /opt/diun/diun-dashboard.jsa /proc/1/maps; then
    log "arm64: the JVM maps the class-data-sharing archive made at build time"
else
    log "arm64: the JVM runs without a class-data-sharing archive"
fi
t=$(date +%s)
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$port/webhook" \
    --data "{\"diun_version\":\"4.29.0\",\"hostname\":\"ci\",\"status\":\"new\",\"provider\":\"docker\",\"image\":\"ci/arm64:1\",\"digest\":\"sha256:$(printf '%064d' 7)\"}" \
    || die "arm64: webhook refused"
curl -sf "http://127.0.0.1:$port/api/updates?state=all&q=ci/arm64:1" | grep '"image":"ci/arm64:1"' >/dev/null \
    || die "arm64: webhook not listed"
log "arm64: webhook stored and listed in $(($(date +%s) - t)) s; JVM RSS $(($(container_rss_kb "$RUN") / 1024)) MiB (under qemu)"
