# syntax=docker/dockerfile:1
# Modelport serving for NVIDIA GPUs: the same application as serving.Dockerfile on a CUDA runtime
# image, with the GPU builds of the engines in place of the CPU ones, running on gpu:0. Build from
# the repository root (needs a reachable registry and Maven Central):
#   docker build -f docker/serving-gpu.Dockerfile -t modelport-serving-gpu .
# The Helm chart selects it with serving.gpu.enabled=true (image suffix -gpu).
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
# ONNX Runtime's GPU build at the release of the CPU build DJL 0.36 uses, and DJL's CUDA build of
# PyTorch at the release of the CPU native (see the root pom and DESIGN.md, "Pinned platform").
ARG ONNXRUNTIME_VERSION=1.21.1
ARG PYTORCH_VERSION=2.7.1
ARG PYTORCH_FLAVOR=cu128

# Stage 1: the GPU natives from Maven Central.
FROM ${MAVEN_IMAGE} AS gpu-engines
ARG ONNXRUNTIME_VERSION
ARG PYTORCH_VERSION
ARG PYTORCH_FLAVOR
RUN mvn -B -q dependency:copy -DoutputDirectory=/engines \
      -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:${ONNXRUNTIME_VERSION} \
 && mvn -B -q dependency:copy -DoutputDirectory=/engines \
      -Dartifact=ai.djl.pytorch:pytorch-native-${PYTORCH_FLAVOR}:${PYTORCH_VERSION}:jar:linux-x86_64 \
 && mkdir -p /engines/pytorch && cd /engines/pytorch \
 && jar xf /engines/pytorch-native-${PYTORCH_FLAVOR}-${PYTORCH_VERSION}-linux-x86_64.jar \
 && test -d native/lib

# Stage 2: the JRE, taken from a JRE image.
FROM eclipse-temurin:17-jre AS jre

# Stage 3: the service on the CUDA runtime.
FROM ${CUDA_IMAGE}
ARG ONNXRUNTIME_VERSION
ARG PYTORCH_VERSION
ARG PYTORCH_FLAVOR
ARG APP_UID=1001
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
RUN set -eu; \
    apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*; \
    getent passwd "${APP_UID}" >/dev/null \
      || useradd -u "${APP_UID}" -g 0 -M -d /deployments -s /usr/sbin/nologin app; \
    mkdir -p /var/cache/modelport; \
    chown "${APP_UID}:0" /var/cache/modelport; \
    chmod 0775 /var/cache/modelport

WORKDIR /deployments
COPY serving-service/target/quarkus-app/lib/ /deployments/lib/
COPY serving-service/target/quarkus-app/quarkus-run.jar /deployments/
COPY serving-service/target/quarkus-app/app/ /deployments/app/
COPY serving-service/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY docker/run-java.sh /usr/local/bin/run-java
COPY examples/models/ /opt/modelport/models/
# The GPU build of ONNX Runtime takes the CPU jar's place (same classes, CUDA providers inside):
# Quarkus' fast-jar index names the file, so the name stays.
COPY --from=gpu-engines /engines/onnxruntime_gpu-${ONNXRUNTIME_VERSION}.jar \
     /deployments/lib/main/com.microsoft.onnxruntime.onnxruntime-${ONNXRUNTIME_VERSION}.jar
# PyTorch's CUDA libraries, which DJL loads from PYTORCH_LIBRARY_PATH instead of the CPU native.
COPY --from=gpu-engines /engines/pytorch/native/lib/ /opt/pytorch/lib/

ENV JAVA_OPTS="--add-modules=jdk.incubator.foreign -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    JAVA_OPTS_APPEND="" \
    MALLOC_ARENA_MAX=2 \
    MODELPORT_SERVING_REPOSITORY=/opt/modelport/models \
    MODELPORT_SERVING_ENGINE_DEVICE=gpu:0 \
    PYTORCH_LIBRARY_PATH=/opt/pytorch/lib \
    PYTORCH_VERSION=${PYTORCH_VERSION} \
    PYTORCH_FLAVOR=${PYTORCH_FLAVOR} \
    DJL_CACHE_DIR=/var/cache/modelport/djl \
    ENGINE_CACHE_DIR=/var/cache/modelport/djl \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

VOLUME ["/var/cache/modelport", "/tmp"]
USER ${APP_UID}:0
EXPOSE 8080 8081
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${QUARKUS_HTTP_PORT:-8080}/q/health/ready" >/dev/null || exit 1
ENTRYPOINT ["/usr/local/bin/run-java"]
