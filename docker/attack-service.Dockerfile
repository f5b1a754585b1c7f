# syntax=docker/dockerfile:1.7
# The evaluation (attack) worker. Build from the repository root (a multi-module Maven build):
#   docker build -f docker/attack-service.Dockerfile -t robustlab/attack-service:0.1.0-SNAPSHOT .
# GPU image (the CUDA build of PyTorch; see the README's "GPU flavour"):
#   docker build -f docker/attack-service.Dockerfile --build-arg PYTORCH_FLAVOR=cu128 -t robustlab/attack-service:0.1.0-SNAPSHOT-gpu .
# The native PyTorch library is unpacked into DJL_CACHE_DIR at build time: the container starts offline.

FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, never a layer of the image.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl attack-service -am package -DskipTests
RUN java -Djarmode=tools -jar attack-service/target/attack-service-*-exec.jar \
        extract --destination /app --application-filename app.jar
# cpu: the library comes from the pytorch-native-cpu jar, offline. cu128 (or another CUDA flavour): Maven Central has
# no CUDA jar for PyTorch 2.7.1, so the CPU jar is taken out and DJL fetches the CUDA build here, once, at build time.
ARG PYTORCH_FLAVOR=cpu
ENV DJL_CACHE_DIR=/opt/robustlab/djl-cache
RUN set -eu; \
    offline=true; \
    if [ "$PYTORCH_FLAVOR" != cpu ]; then rm -f /app/lib/pytorch-native-cpu-*.jar; offline=false; fi; \
    PYTORCH_FLAVOR="$PYTORCH_FLAVOR" java --enable-native-access=ALL-UNNAMED -Dai.djl.offline=$offline \
        -cp '/app/lib/*' docker/djl-warmup/DjlWarmUp.java; \
    test -n "$(find "$DJL_CACHE_DIR" -name 'libtorch*' -print -quit)"

FROM eclipse-temurin:21-jre-noble
ARG PYTORCH_FLAVOR=cpu
# curl for the container healthcheck; a user with a fixed numeric id, so Kubernetes can check runAsNonRoot.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 robustlab \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/robustlab --create-home robustlab \
    && mkdir -p /var/lib/robustlab/artifacts /var/lib/robustlab/data /var/lib/robustlab/work \
    && chown -R 10001:10001 /var/lib/robustlab
COPY --from=build /app /app
COPY --from=build --chown=10001:10001 /opt/robustlab/djl-cache /opt/robustlab/djl-cache
USER 10001:10001
WORKDIR /var/lib/robustlab
# As the ./robustlab launcher runs a worker: DJL offline, reproducible OpenMP/MKL thread counts.
ENV ROBUSTLAB_ATTACK_PORT=8082 \
    DJL_CACHE_DIR=/opt/robustlab/djl-cache \
    PYTORCH_FLAVOR=${PYTORCH_FLAVOR} \
    OMP_DYNAMIC=FALSE \
    MKL_DYNAMIC=FALSE \
    MKL_CBWR=AUTO \
    ROBUSTLAB_ARTIFACTS_ROOT=/var/lib/robustlab/artifacts \
    ROBUSTLAB_DATA_DIR=/var/lib/robustlab/data \
    ROBUSTLAB_WORKER_WORKDIRECTORY=/var/lib/robustlab/work \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8082
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8082/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-jar", "/app/app.jar"]
