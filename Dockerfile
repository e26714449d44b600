# docker build -t diun-dashboard .
# docker run -p 8080:8080 -v diun:/data diun-dashboard
# Both base images exist for linux/amd64 and linux/arm64 and nothing below is architecture-specific:
# docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/diun-dashboard --push .
# The base images are arguments only so that a test can build this same file on local bases.
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# The build stage runs on the builder's own platform whatever the target: the WAR and Payara Micro
# are Java (sqlite-jdbc carries its native libraries for both targets), so one build serves both
# and is not emulated. Only the runtime stage is per target platform.
FROM --platform=$BUILDPLATFORM ${BUILD_IMAGE} AS build
WORKDIR /src
# Only what the build reads, so edits to docs, tests of the image or benchmarks reuse this layer.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
COPY server-config server-config
COPY docker docker
# The same script .ci/run runs: builds with the Maven wrapper, collects the runtime files in /out.
RUN --mount=type=cache,target=/root/.m2 sh docker/build.sh /out

FROM ${RUNTIME_IMAGE}
ARG RUNTIME_IMAGE
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="DiunDashboard" \
      org.opencontainers.image.description="Receives Diun webhooks and shows a dashboard of pending image updates" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
RUN groupadd --system --gid 10001 diun \
 && useradd --system --uid 10001 --gid diun --home-dir /opt/diun --no-create-home --shell /usr/sbin/nologin diun \
 && mkdir -p /data \
 && chown diun:diun /data
COPY --from=build --chown=root:root /out/ /opt/diun/
# Class-data sharing: a training start of the application on this stage's JVM (an archive fits only
# the JVM that wrote it) writes /opt/diun/diun-dashboard.jsa, which run.sh maps at every start. If the
# training fails, the image is built without the archive and run.sh starts without it (slower).
# Building for another platform under emulation (qemu) this start is slow, but the same.
RUN /opt/diun/cds-train.sh && rm -rf /tmp/hsperfdata_root
# JVM sizes come from the container's memory limit (docker/run.sh); JAVA_OPTS adds to or overrides them.
ENV PORT=8080 \
    DB_PATH=/data/diun.db
VOLUME ["/data"]
EXPOSE 8080
USER diun:diun
WORKDIR /data
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 CMD ["/opt/diun/healthcheck.sh"]
ENTRYPOINT ["/opt/diun/run.sh"]
