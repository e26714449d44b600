#!/bin/sh
# Builds everything the runtime image needs into OUTDIR: the WAR, Payara Micro, the HTTP listener
# preboot file and the start and health-check scripts. The Dockerfile's build stage runs it.
set -eu
out=${1:?usage: docker/build.sh OUTDIR}
./mvnw -B -ntp -DskipTests package
mkdir -p "$out"
cp target/diun-dashboard.war target/payara-micro.jar server-config/http-listener.asadmin "$out/"
cp docker/run.sh docker/healthcheck.sh "$out/"
chmod 755 "$out/run.sh" "$out/healthcheck.sh"
