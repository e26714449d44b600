#!/bin/bash
# Healthy when /health/ready answers 200. Uses bash's /dev/tcp: the JRE image has no curl.
set -eu
exec 3<>"/dev/tcp/127.0.0.1/${PORT:-8080}"
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS=' ' read -r _ status _ <&3
[ "$status" = "200" ]
