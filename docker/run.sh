#!/bin/sh
# The container's command: Payara Micro serving the WAR at / on $PORT, with the HTTP listener settings
# of http-listener.asadmin (GET bodies allowed, read timeouts).
# Data: DB_PATH (default /data/diun.db in the image), or DATABASE_URL for PostgreSQL.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec java ${JAVA_OPTS:-} -jar "$here/payara-micro.jar" \
    --nohazelcast --port "${PORT:-8080}" \
    --prebootcommandfile "$here/http-listener.asadmin" \
    --deploy "$here/diun-dashboard.war" --contextroot /
