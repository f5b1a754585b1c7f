# syntax=docker/dockerfile:1.7
# The REST API (and the web UI it serves at /). Build from the repository root (a multi-module Maven build):
#   docker build -f docker/api-service.Dockerfile -t robustlab/api-service:0.1.0-SNAPSHOT .
# The API never loads PyTorch: no native library in this image.

# The web UI (the web-ui module, a dependency of the API) is built by npm during the Maven build: node and npm come
# from the official Node image (Vite needs Node 20.19 or newer).
FROM node:22-bookworm-slim AS node

FROM eclipse-temurin:21-jdk-noble AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version
WORKDIR /src
COPY . .
# The Maven and npm repositories are build caches, never layers of the image.
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
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
