#!/usr/bin/env bash
# The image, built and run by a real Docker engine: builds the project's Dockerfile (on local
# Debian base images, see container-lib.sh), then checks the running container: healthy through its
# own HEALTHCHECK, non-root and unable to write the application's files, a webhook stored and still
# there in a new container on the same named volume, the same on PostgreSQL (DATABASE_URL), no
# secret in the image, a burst of webhooks under a memory limit (SMALL_MEMORY) without an OOM kill, and
# `docker-compose up` with the default profile (host-network override), data kept across down/up.
# Everything it made is removed at the end, pass or fail, and the engine too if it started one.
#
#   .ci/container-test.sh        # as root; installs docker.io, debootstrap, docker-compose if missing
# Environment: CONTAINER_TEST_PG (a PostgreSQL server URL, default the local one),
# CONTAINER_TEST_BURST (webhooks in the burst, default 1000), CONTAINER_TEST_MEMORY (the limit
# of the burst, default 256m), DIUN_CI_CACHE.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/container-lib.sh

PG=${CONTAINER_TEST_PG:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
BURST=${CONTAINER_TEST_BURST:-1000}
RUN=diunci$$
IMAGE=diun-ci/dashboard:$RUN
WORK=$(mktemp -d)
DB=diun_image_$$
T0=$(date +%s)
# compose.yml merged with the host-network override. docker-compose 1.29 refuses published ports
# on the host network and an override cannot remove a list, so the merged file (compose's own
# rendering) loses the dashboard's `ports` (PyYAML comes with docker-compose).
compose() { docker-compose -p "$RUN" -f "$WORK/compose.yml" "$@"; }
compose_file() {
    DIUN_TEST_IMAGE=$IMAGE DIUN_TEST_PORT=$COMPOSE_PORT \
        docker-compose -f compose.yml -f .ci/compose.host.yml config \
        | python3 -c 'import sys, yaml
c = yaml.safe_load(sys.stdin)
c["services"]["dashboard"].pop("ports", None)
yaml.safe_dump(c, sys.stdout)' >"$WORK/compose.yml"
}

cleanup() {
    local rc=$?
    set +e
    if [ -n "${DOCKER_HOST:-}" ] || "$DOCKER" info >/dev/null 2>&1; then
        [ -f "$WORK/compose.yml" ] && compose down -v --remove-orphans >/dev/null 2>&1
        "$DOCKER" ps -aq --filter "label=diun-ci=$RUN" | xargs -r "$DOCKER" rm -f -v >/dev/null
        "$DOCKER" volume ls -q --filter "label=diun-ci=$RUN" | xargs -r "$DOCKER" volume rm >/dev/null
        "$DOCKER" image rm -f "$IMAGE" >/dev/null 2>&1
        # Only when the engine is ours: the next run imports them again from the cached tar files.
        [ -n "$ENGINE_PID" ] && "$DOCKER" image rm -f "$BUILD_BASE" "$RUNTIME_BASE" >/dev/null 2>&1
    fi
    psql "$PG" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
    stop_engine
    rm -rf "$WORK"
    log "container test $([ "$rc" = 0 ] && echo passed || echo FAILED) in $(($(date +%s) - T0)) s"
}
trap cleanup EXIT

command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
ensure_engine
ensure_bases
t=$(date +%s)
build_image "$IMAGE"
log "built $IMAGE in $(($(date +%s) - t)) s, $("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')"

# start NAME PORT [docker run options...]: a labelled container on the host network.
start() {
    local name=$1 port=$2
    shift 2
    "$DOCKER" run -d --name "$RUN-$name" --label "diun-ci=$RUN" --network host -e "PORT=$port" "$@" "$IMAGE" >/dev/null
}
webhook() { # PORT IMAGE-NAME
    curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$1/webhook" \
        --data "{\"diun_version\":\"4.29.0\",\"hostname\":\"ci\",\"status\":\"new\",\"provider\":\"docker\",\"image\":\"$2\",\"digest\":\"sha256:$(printf '%064d' 7)\"}"
}
has_update() { # PORT IMAGE-NAME
    curl -sf "http://127.0.0.1:$1/api/updates?state=all&q=$2" | grep "\"image\":\"$2\"" >/dev/null
}
# stored_survives LABEL [docker run options...]: healthy, a webhook stored, then a new container on
# the same named volume still has it.
stored_survives() {
    local label=$1 port
    shift
    port=$(free_port)
    "$DOCKER" volume create --label "diun-ci=$RUN" "$RUN-$label" >/dev/null
    t=$(date +%s)
    start "$label-1" "$port" -v "$RUN-$label:/data" "$@"
    wait_healthy "$RUN-$label-1" || die "$label: not healthy"
    log "$label: healthy (HEALTHCHECK) after $(($(date +%s) - t)) s"
    webhook "$port" "ci/$label:1" || die "$label: webhook refused"
    has_update "$port" "ci/$label:1" || die "$label: webhook not listed"
    "$DOCKER" rm -f "$RUN-$label-1" >/dev/null
    start "$label-2" "$port" -v "$RUN-$label:/data" "$@"
    wait_healthy "$RUN-$label-2" || die "$label: second container not healthy"
    has_update "$port" "ci/$label:1" || die "$label: the webhook did not survive a new container"
    log "$label: webhook stored, still there in a new container on the same volume"
}

# 1. SQLite in the named volume; who runs it and what it may write.
stored_survives sqlite
c=$RUN-sqlite-2
[ "$("$DOCKER" exec "$c" id -u)" = 10001 ] || die "not running as uid 10001"
[ "$("$DOCKER" exec "$c" stat -c %u /proc/1)" = 10001 ] || die "PID 1 is not uid 10001"
for f in /opt/diun /opt/diun/run.sh /opt/diun/healthcheck.sh /opt/diun/micro/launch-micro.jar /opt/diun/micro/config/domain.xml \
    /opt/diun/diun-dashboard /opt/diun/diun-dashboard/WEB-INF/web.xml /opt/diun/diun-dashboard.jsa; do
    if "$DOCKER" exec "$c" sh -c "test -w '$f' || touch '$f' 2>/dev/null"; then die "uid 10001 can write $f"; fi
done
"$DOCKER" exec "$c" sh -c 'touch /data/.w && rm /data/.w' || die "uid 10001 cannot write /data"
if "$DOCKER" run --rm --entrypoint sh "$IMAGE" -c 'command -v javac || command -v mvn || ls -d /root/.m2 /src' 2>/dev/null; then
    die "the runtime image holds build tools or build files"
fi
log "runs as uid 10001, application files read-only to it, /data writable, no JDK, Maven or sources"
# The class-data-sharing archive made at build time is in use: the JVM keeps it mapped only when it
# accepted it (-Xshare:auto drops a missing or mismatched one silently).
"$DOCKER" exec "$c" grep -q /opt/diun/diun-dashboard.jsa /proc/1/maps \
    || die "the JVM does not use the class-data-sharing archive /opt/diun/diun-dashboard.jsa"
log "the JVM maps the class-data-sharing archive made at build time"

# 2. No secret in the image's history or configuration (secrets are given at run time only).
if { "$DOCKER" history --no-trunc "$IMAGE"; "$DOCKER" image inspect "$IMAGE"; } | grep -Ei \
    -e '(SECRET|PASSWORD|TOKEN)=[^ "]' -e 'postgres(ql)?://[^ "@]*:[^ "@]*@'; then
    die "the image's history or configuration holds a secret"
fi
log "docker history and docker image inspect show no secret"

# 3. PostgreSQL through DATABASE_URL, a database of its own.
psql "$PG" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $DB"
PG_DB=$(echo "$PG" | sed -E "s#/[^/?]*(\\?|$)#/$DB\\1#")
stored_survives postgres -e "DATABASE_URL=$PG_DB"
"$DOCKER" logs "$RUN-postgres-2" 2>&1 | grep "storage: PostgreSQL database '$DB'" >/dev/null || die "postgres: not on PostgreSQL"

# 4. A small host: a memory limit, healthy, a burst of webhooks, no OOM kill; RSS figures.
# 256m, the smallest host the image aims at (docs/deployment.md, Container).
SMALL_MEMORY=${CONTAINER_TEST_MEMORY:-256m}
port=$(free_port)
t=$(date +%s)
start small "$port" --memory "$SMALL_MEMORY" --memory-swap "$SMALL_MEMORY"
wait_healthy "$RUN-small" || die "$SMALL_MEMORY: not healthy"
log "$SMALL_MEMORY: healthy after $(($(date +%s) - t)) s, RSS $(($(container_rss_kb "$RUN-small") / 1024)) MiB"
t=$(date +%s)
post() {
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
        "http://127.0.0.1:$1/webhook" --data "{\"diun_version\":\"4.29.0\",\"hostname\":\"host-$(($2 % 20))\",\"status\":\"update\",\"provider\":\"docker\",\"image\":\"ci/burst$2:latest\",\"digest\":\"sha256:$(printf '%064x' "$2")\"}" \
        || echo "curl-exit-$?"
}
export -f post
codes=$(seq 1 "$BURST" | xargs -P 16 -I{} bash -c "post $port {}" | sort | uniq -c | tr -s ' \n' ' ')
log "$SMALL_MEMORY: $BURST webhooks from 16 clients in $(($(date +%s) - t)) s: status counts$codes"
[ "$("$DOCKER" inspect -f '{{.State.OOMKilled}} {{.State.Status}}' "$RUN-small")" = "false running" ] \
    || die "$SMALL_MEMORY: killed during the burst ($("$DOCKER" inspect -f 'OOMKilled={{.State.OOMKilled}}' "$RUN-small"))"
total=$(curl -sf "http://127.0.0.1:$port/api/summary" | sed -E 's/.*"total":([0-9]+).*/\1/')
[ "$total" = "$BURST" ] || die "$SMALL_MEMORY: $total of $BURST webhooks stored"
sleep 20
log "$SMALL_MEMORY: all $BURST stored, not OOM-killed; idle RSS $(($(container_rss_kb "$RUN-small") / 1024)) MiB, cgroup $(($(container_memory "$RUN-small") / 1048576)) MiB"

# 5. docker-compose up with the default profile (host network override), down, up: data kept.
COMPOSE_PORT=$(free_port)
compose_file
compose config -q
DIUN_TEST_IMAGE=x DIUN_TEST_PORT=1 POSTGRES_PASSWORD=x docker-compose -f compose.yml --profile postgres config -q
t=$(date +%s)
compose_up() {
    compose up -d --no-build dashboard >"$WORK/compose.log" 2>&1 || { cat "$WORK/compose.log" >&2; die "compose up"; }
}
compose_up
wait_healthy "$(compose ps -q dashboard)" || die "compose: not healthy"
log "compose: dashboard healthy after $(($(date +%s) - t)) s"
webhook "$COMPOSE_PORT" ci/compose:1 || die "compose: webhook refused"
compose down >/dev/null 2>&1
compose_up
wait_healthy "$(compose ps -q dashboard)" || die "compose: not healthy after down/up"
has_update "$COMPOSE_PORT" ci/compose:1 || die "compose: data lost across down/up"
log "compose: webhook still there after down and up (volume ${RUN}_diun-data)"
