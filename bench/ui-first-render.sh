#!/usr/bin/env bash
# Benchmark: first render of the dashboard with 10,000 pending updates, in Debian's Chromium.
# Starts the app on a fresh SQLite file (or on PostgreSQL with DATABASE_URL=...), seeds it through
# the webhook, then loads the page cold several times. Usage: bench/ui-first-render.sh [updates] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATES=${1:-10000}
RUNS=${2:-10}
PORT=${BENCH_PORT:-18990}
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

./mvnw -B -q -DskipTests package dependency:copy -Dartifact=fish.payara.extras:payara-micro:6.2025.10 \
    -DoutputDirectory=target >/dev/null
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null

DB_PATH="$WORK/diun.db" java -jar target/payara-micro-6.2025.10.jar --deploy target/diun-dashboard.war \
    --contextroot / --port "$PORT" --nohazelcast --prebootcommandfile server-config/http-listener.asadmin \
    >"$WORK/server.log" 2>&1 &
echo $! >"$WORK/pid"
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/health/ready" >/dev/null && break; sleep 0.5; done

echo "seeding $UPDATES updates through the webhook..."
start=$(date +%s.%N)
# 10,000 images spread over 50 hosts, as a large fleet would send them.
seq 1 "$UPDATES" | PORT=$PORT xargs -P 8 -I{} sh -c 'i={}; curl -sf -o /dev/null -X POST "localhost:$PORT/webhook" \
    -d "{\"hostname\":\"host-$((i % 50))\",\"status\":\"update\",\"image\":\"docker.io/library/app$i:latest\",\"digest\":\"sha256:$i\",\"platform\":\"linux/amd64\",\"metadata\":{\"ctn_names\":\"app$i\"}}"'
echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"

java -cp "$(cat "$WORK/cp.txt")" bench/FirstRender.java "http://localhost:$PORT" "$RUNS"
