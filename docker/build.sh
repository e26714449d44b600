#!/bin/sh
# Builds everything the runtime image needs into OUTDIR: the WAR unpacked, Payara Micro unpacked
# into its launcher layout (OUTDIR/micro, see run.sh), the HTTP listener preboot file and the
# scripts. The Dockerfile's build stage runs it; its runtime stage then runs OUTDIR/cds-train.sh.
set -eu
out=${1:?usage: docker/build.sh OUTDIR}
./mvnw -B -ntp -DskipTests package
mkdir -p "$out"
rm -rf "$out/micro"
# Unpacks the runtime jars and the default configuration once, and exits.
java -jar target/payara-micro.jar --rootdir "$out/micro" --outputlauncher >/dev/null
[ -f "$out/micro/launch-micro.jar" ] || { echo "build.sh: Payara Micro wrote no launcher" >&2; exit 1; }
# The WAR unpacked (OUTDIR/diun-dashboard), which run.sh deploys in place: Payara Micro would
# otherwise expand the WAR into its root folder at every start, 33 MB written that the container's
# memory cgroup is charged for as page cache.
rm -rf "$out/diun-dashboard"
mkdir "$out/diun-dashboard"
war=$(pwd)/target/diun-dashboard.war
(cd "$out/diun-dashboard" && jar xf "$war")
cp server-config/http-listener.asadmin "$out/"
cp docker/run.sh docker/healthcheck.sh docker/cds-train.sh "$out/"
chmod 755 "$out/run.sh" "$out/healthcheck.sh" "$out/cds-train.sh"
chmod -R a+rX "$out"
