# syntax=docker/dockerfile:1
# Modelport serving: the packaged Quarkus app (serving-service/target/quarkus-app, from `./mvnw package`)
# on a JRE 17 image. Build from the repository root:
#   docker build -f docker/serving.Dockerfile -t modelport-serving .
# The base is a build argument: a public JRE 17 image by default; where no registry is reachable,
# the image that docker/podman/base-images.sh builds from Debian's packages.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

ARG APP_UID=1001
USER root
# curl for the HEALTHCHECK; the user (group 0, so that whatever uid a cluster assigns with group 0
# can write the volumes); the writable paths, all of them volumes (read-only root filesystem).
RUN set -eu; \
    if ! command -v curl >/dev/null 2>&1; then \
      apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
      && rm -rf /var/lib/apt/lists/*; \
    fi; \
    getent passwd "${APP_UID}" >/dev/null \
      || useradd -u "${APP_UID}" -g 0 -M -d /deployments -s /usr/sbin/nologin app; \
    mkdir -p /var/cache/modelport; \
    chown "${APP_UID}:0" /var/cache/modelport; \
    chmod 0775 /var/cache/modelport

WORKDIR /deployments
# Dependencies first: they change less often than the application.
COPY serving-service/target/quarkus-app/lib/ /deployments/lib/
COPY serving-service/target/quarkus-app/quarkus-run.jar /deployments/
COPY serving-service/target/quarkus-app/app/ /deployments/app/
COPY serving-service/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY docker/run-java.sh /usr/local/bin/run-java
# The example models, served by default (modelport.serving.source=local); a deployment that
# serves from the registry sets MODELPORT_SERVING_SOURCE=registry.
COPY examples/models/ /opt/modelport/models/
# MALLOC_ARENA_MAX=2: the engines allocate through glibc malloc; freed model memory otherwise stays
# resident in up to 8 arenas per core (README, Operations). DJL extracts natives to its cache volume.
# JVM flags of the service (the deployment adds its own in JAVA_OPTS_APPEND):
# --add-modules=jdk.incubator.foreign: DataSketches' memory layer (feature profiles) needs Java 17's
# incubating FFM API; java.io.tmpdir is a volume, so the root filesystem can be read-only.
ENV JAVA_OPTS="--add-modules=jdk.incubator.foreign -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    JAVA_OPTS_APPEND="" \
    MALLOC_ARENA_MAX=2 \
    MODELPORT_SERVING_REPOSITORY=/opt/modelport/models \
    DJL_CACHE_DIR=/var/cache/modelport/djl \
    ENGINE_CACHE_DIR=/var/cache/modelport/djl

VOLUME ["/var/cache/modelport", "/tmp"]
USER ${APP_UID}:0
EXPOSE 8080 8081
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${QUARKUS_HTTP_PORT:-8080}/q/health/ready" >/dev/null || exit 1
ENTRYPOINT ["/usr/local/bin/run-java"]
