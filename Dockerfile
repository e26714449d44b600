# syntax=docker/dockerfile:1
# docker build -t diun-dashboard .
# docker run -p 8080:8080 -v diun:/data diun-dashboard

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The same script .ci/run runs: builds with the Maven wrapper, collects the runtime files in /out.
RUN --mount=type=cache,target=/root/.m2 sh docker/build.sh /out

FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="DiunDashboard" \
      org.opencontainers.image.description="Receives Diun webhooks and shows a dashboard of pending image updates" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"
RUN groupadd --system --gid 10001 diun \
 && useradd --system --uid 10001 --gid diun --home-dir /opt/diun --no-create-home --shell /usr/sbin/nologin diun \
 && mkdir -p /data \
 && chown diun:diun /data
COPY --from=build --chown=root:root /out/ /opt/diun/
ENV PORT=8080 \
    DB_PATH=/data/diun.db \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"
VOLUME ["/data"]
EXPOSE 8080
USER diun:diun
WORKDIR /data
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 CMD ["/opt/diun/healthcheck.sh"]
ENTRYPOINT ["/opt/diun/run.sh"]
