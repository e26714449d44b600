# Shared by .ci/container-test.sh and bench/container.sh (source it, bash only): a Docker engine,
# local base images and the project's image, all on this machine.
#
# Docker Hub is out of reach here, so the Dockerfile's base images are replaced (through its
# BUILD_IMAGE and RUNTIME_IMAGE arguments, nothing else) by Debian bookworm root file systems with
# Debian's OpenJDK 17, made with debootstrap and imported with `docker import`. The build base
# trusts the host's CA certificates (the registries are reached through a TLS-inspecting egress);
# the runtime base does not need them. The root file systems are cached as tar files under
# $DIUN_CI_CACHE (default /var/cache/diun-ci), so only the first run pays for debootstrap.
#
# Containers run on the host network only (the engine we start has no bridge), so every port the
# tests use is on loopback.

DOCKER=/usr/bin/docker # Debian's client: its BuildKit is built in (no buildx plugin needed)
export DOCKER_BUILDKIT=1
DIUN_CI_CACHE=${DIUN_CI_CACHE:-/var/cache/diun-ci}
BUILD_BASE=diun-ci/build-base:bookworm
RUNTIME_BASE=diun-ci/runtime-base:bookworm
# Bumped when the recipe below changes, so an old cached root file system is not reused.
BASE_RECIPE=1
ENGINE_PID=""
ENGINE_EXEC=""

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

apt_install() {
    log "installing $*"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Uses the engine on the default socket when one answers; otherwise starts dockerd without a bridge
# or iptables rules, its data under the cache (so BuildKit's Maven cache survives between runs),
# its sockets under a fresh /run directory. stop_engine stops only an engine started here.
ensure_engine() {
    [ -x /usr/sbin/dockerd ] && [ -x "$DOCKER" ] || apt_install docker.io
    if "$DOCKER" info >/dev/null 2>&1; then
        log "using the running Docker engine"
        return
    fi
    mkdir -p "$DIUN_CI_CACHE/engine"
    # One engine per data directory: a second run waits here (the lock lives as long as the shell).
    exec 9>"$DIUN_CI_CACHE/engine.lock"
    flock 9
    ENGINE_EXEC=$(mktemp -d /run/diun-ci.XXXXXX)
    export DOCKER_HOST="unix://$ENGINE_EXEC/docker.sock"
    log "starting dockerd (data $DIUN_CI_CACHE/engine, socket $ENGINE_EXEC/docker.sock)"
    /usr/sbin/dockerd --data-root "$DIUN_CI_CACHE/engine" --exec-root "$ENGINE_EXEC/exec" \
        --pidfile "$ENGINE_EXEC/docker.pid" --host "$DOCKER_HOST" \
        --bridge=none --iptables=false --ip-masq=false \
        >"$ENGINE_EXEC/dockerd.log" 2>&1 &
    ENGINE_PID=$!
    for _ in $(seq 1 60); do
        "$DOCKER" info >/dev/null 2>&1 && return
        kill -0 "$ENGINE_PID" 2>/dev/null || break
        sleep 1
    done
    tail -20 "$ENGINE_EXEC/dockerd.log" >&2
    die "dockerd did not start"
}

stop_engine() {
    [ -n "$ENGINE_PID" ] || return 0
    log "stopping dockerd"
    kill "$ENGINE_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$ENGINE_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$ENGINE_PID" 2>/dev/null || true
    wait "$ENGINE_PID" 2>/dev/null || true
    umount "$ENGINE_EXEC/exec/netns/default" 2>/dev/null || true
    rm -rf "$ENGINE_EXEC"
    ENGINE_PID=""
}

# Builds the two root file systems when their cached tar files are missing or from an older recipe.
make_base_tars() {
    local stamp="$DIUN_CI_CACHE/bases.recipe"
    if [ -f "$DIUN_CI_CACHE/runtime-base.tar" ] && [ -f "$DIUN_CI_CACHE/build-base.tar" ] \
        && [ "$(cat "$stamp" 2>/dev/null)" = "$BASE_RECIPE" ]; then
        return
    fi
    command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
    mkdir -p "$DIUN_CI_CACHE"
    local root
    root=$(mktemp -d /var/tmp/diun-ci-root.XXXXXX)
    # shellcheck disable=SC2064 # expand now: the path is local
    # A RETURN trap outlives the function: it clears itself, and a /proc already unmounted is fine.
    trap "umount '$root/proc' 2>/dev/null || true; rm -rf '$root'; trap - RETURN" RETURN
    log "debootstrap bookworm (minbase) into $root"
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$root.log" 2>&1 \
        || { tail -20 "$root.log" >&2; die "debootstrap failed"; }
    rm -f "$root.log"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mount -t proc proc "$root/proc"
    # apt's chatter (no /dev/pts, no apt-utils) goes to a log shown only on failure.
    in_root() {
        chroot "$root" env DEBIAN_FRONTEND=noninteractive "$@" >>"$DIUN_CI_CACHE/bases.log" 2>&1 \
            || { tail -20 "$DIUN_CI_CACHE/bases.log" >&2; die "in the base image: $*"; }
    }
    clean_root() {
        in_root apt-get clean
        rm -rf "$root"/var/lib/apt/lists/* "$root"/var/log/apt/* "$root"/tmp/*
        : >"$root/etc/resolv.conf"
    }
    log "runtime base: openjdk-17-jre-headless"
    in_root apt-get update -qq
    in_root apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
    clean_root
    umount "$root/proc"
    tar -C "$root" -cf "$DIUN_CI_CACHE/runtime-base.tar.tmp" .
    mv "$DIUN_CI_CACHE/runtime-base.tar.tmp" "$DIUN_CI_CACHE/runtime-base.tar"

    log "build base: openjdk-17-jdk-headless, curl, unzip, the host's CA certificates"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mount -t proc proc "$root/proc"
    in_root apt-get update -qq
    in_root apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless curl unzip ca-certificates
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
    in_root update-ca-certificates
    clean_root
    umount "$root/proc"
    tar -C "$root" -cf "$DIUN_CI_CACHE/build-base.tar.tmp" .
    mv "$DIUN_CI_CACHE/build-base.tar.tmp" "$DIUN_CI_CACHE/build-base.tar"
    echo "$BASE_RECIPE" >"$stamp"
}

# Imports the cached root file systems as the two base images.
ensure_bases() {
    mkdir -p "$DIUN_CI_CACHE"
    make_base_tars
    local name
    for name in runtime build; do
        local tag=diun-ci/$name-base:bookworm
        "$DOCKER" image inspect "$tag" >/dev/null 2>&1 && continue
        log "importing $tag"
        "$DOCKER" import \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'CMD ["/bin/bash"]' \
            "$DIUN_CI_CACHE/$name-base.tar" "$tag" >/dev/null
    done
}

# build_image TAG: the project's Dockerfile, only the base images replaced.
build_image() {
    local tag=$1
    log "docker build $tag"
    # --network host: the engine started here has no bridge for RUN steps.
    "$DOCKER" build --progress=plain --network host \
        --build-arg BUILD_IMAGE="$BUILD_BASE" --build-arg RUNTIME_IMAGE="$RUNTIME_BASE" \
        -t "$tag" . >"$WORK/build.log" 2>&1 \
        || { tail -60 "$WORK/build.log" >&2; die "docker build failed"; }
}

free_port() {
    local candidate
    for _ in $(seq 1 50); do
        candidate=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
    die "no free port"
}

# wait_healthy CONTAINER [SECONDS]: until the image's own HEALTHCHECK reports healthy.
wait_healthy() {
    local name=$1 limit=${2:-300} state
    for _ in $(seq 1 "$limit"); do
        state=$("$DOCKER" inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$name" 2>/dev/null || echo gone)
        case $state in
            "running healthy") return 0 ;;
            running*) sleep 1 ;;
            *) break ;;
        esac
    done
    log "$name is not healthy: $state (OOMKilled=$("$DOCKER" inspect -f '{{.State.OOMKilled}}' "$name" 2>/dev/null))"
    "$DOCKER" logs --tail 40 "$name" >&2 2>&1 || true
    return 1
}

# Memory the container's cgroup charges now, in bytes (cgroup v1 or v2).
container_memory() {
    "$DOCKER" exec "$1" sh -c 'cat /sys/fs/cgroup/memory.current 2>/dev/null || cat /sys/fs/cgroup/memory/memory.usage_in_bytes'
}

# Resident set of the JVM (PID 1 in the container), in kB.
container_rss_kb() {
    "$DOCKER" exec "$1" sh -c "awk '/^VmRSS/ {print \$2}' /proc/1/status"
}
