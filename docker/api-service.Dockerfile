# syntax=docker/dockerfile:1.7
# The REST API (and the web UI it serves at /). Build from the repository root (a multi-module Maven build):
#   docker build -f docker/api-service.Dockerfile -t robustlab/api-service:0.1.0-SNAPSHOT .
# The API never loads PyTorch: no native library in this image.

FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, never a layer of the image.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl api-service -am package -DskipTests
RUN java -Djarmode=tools -jar api-service/target/api-service-*-exec.jar \
        extract --destination /app --application-filename app.jar

FROM eclipse-temurin:21-jre-noble
# curl for the container healthcheck; a user with a fixed numeric id, so Kubernetes can check runAsNonRoot.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 robustlab \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/robustlab --create-home robustlab \
    && mkdir -p /var/lib/robustlab/artifacts \
    && chown -R 10001:10001 /var/lib/robustlab
COPY --from=build /app /app
USER 10001:10001
WORKDIR /var/lib/robustlab
ENV ROBUSTLAB_API_PORT=8080 \
    ROBUSTLAB_ARTIFACTS_ROOT=/var/lib/robustlab/artifacts \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
