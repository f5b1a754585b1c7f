package io.robustlab.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and docker-compose.gpu.yml: valid against the Compose schema (each file, and the GPU file merged
 * over the main one as {@code docker compose -f ... -f ...} merges them), and true to the services they run.
 * No Docker engine here: nothing is started.
 */
class ComposeFileTest {

    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern CONSUMER_TIMEOUT = Pattern.compile("(?m)^consumer_timeout\\s*=\\s*(\\d+)\\s*$");

    private final Map<String, Object> compose = Repository.yaml(Repository.file("docker-compose.yml"));
    private final Map<String, Object> gpu = Repository.yaml(Repository.file("docker-compose.gpu.yml"));

    @Test
    void composeFilesAreValidAgainstTheComposeSchema() {
        List<ComposeSchema> schemas = new ArrayList<>(List.of(ComposeSchema.committed()));
        Path shared = Repository.root().resolve("../shared/schemas/compose-spec.json").normalize();
        if (Files.isRegularFile(shared)) {
            schemas.add(ComposeSchema.shared(shared));
        }
        for (ComposeSchema schema : schemas) {
            assertThat(schema.problems(compose)).as("docker-compose.yml against " + schema.origin()).isEmpty();
            assertThat(schema.problems(gpu)).as("docker-compose.gpu.yml against " + schema.origin()).isEmpty();
            assertThat(schema.problems(merged())).as("both files merged, against " + schema.origin()).isEmpty();
        }
    }

    @Test
    void theSchemaCheckRejectsAMistake() {
        Map<String, Object> broken = deepCopy(compose);
        service(broken, "trainer-service").put("depends_on", Map.of("rabbitmq", Map.of("condition", "service_ready")));
        service(broken, "api-service").put("stop_grace_period", List.of("30s"));

        assertThat(ComposeSchema.committed().problems(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndEveryDependencyWaitsForOne() {
        Map<String, Object> services = services(compose);
        for (var entry : services.entrySet()) {
            Map<String, Object> service = map(entry.getValue());
            if (oneShot(service)) {
                continue;
            }
            assertThat(map(service.get("healthcheck")).get("test")).as(entry.getKey() + " healthcheck").isNotNull();
        }
        for (var entry : services.entrySet()) {
            Object dependsOn = map(entry.getValue()).get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            assertThat(dependsOn).as(entry.getKey() + ": depends_on with conditions, not a bare list")
                    .isInstanceOf(Map.class);
            for (var dependency : map(dependsOn).entrySet()) {
                assertThat(services).as(entry.getKey() + " depends on a service that exists")
                        .containsKey(dependency.getKey());
                Map<String, Object> target = map(services.get(dependency.getKey()));
                String condition = (String) map(dependency.getValue()).get("condition");
                if (oneShot(target)) {
                    assertThat(condition).as(entry.getKey() + " -> " + dependency.getKey())
                            .isEqualTo("service_completed_successfully");
                } else {
                    assertThat(condition).as(entry.getKey() + " -> " + dependency.getKey()).isEqualTo("service_healthy");
                }
            }
        }
        for (Service worker : Service.workers()) {
            assertThat(map(service(compose, worker.name()).get("depends_on"))).containsKey("rabbitmq");
        }
    }

    @Test
    void workersScaleWithoutFixedNamesOrHostPorts() {
        for (Service worker : Service.workers()) {
            Map<String, Object> service = service(compose, worker.name());
            assertThat(service).as(worker.name()).doesNotContainKeys("container_name", "ports", "hostname");
            assertThat(service(gpu, worker.name())).as(worker.name() + " (GPU)")
                    .doesNotContainKeys("container_name", "ports", "hostname");
        }
        services(compose).forEach((name, service) ->
                assertThat(map(service)).as(name + ": container_name would prevent --scale").doesNotContainKey("container_name"));
    }

    @Test
    void theJavaServicesAreConfiguredOnlyWithVariablesTheyRead() {
        for (Service service : Service.all()) {
            Map<String, Object> environment = map(service(compose, service.name()).get("environment"));
            Set<String> known = ServiceConfiguration.variables(service);
            assertThat(known).as(service.name() + " reads").contains(service.portVariable());
            assertThat(environment.keySet()).as(service.name() + ": variables it does not read")
                    .isSubsetOf(known);
            assertThat(map(map(services(gpu).get(service.name())).get("environment")).keySet())
                    .as(service.name() + " in the GPU file: variables it does not read").isSubsetOf(known);
            assertThat(String.valueOf(environment.get(service.portVariable()))).isEqualTo(Integer.toString(service.port()));
        }
        Map<String, Object> api = map(service(compose, "api-service").get("environment"));
        assertThat(api).containsKeys("ROBUSTLAB_DB_URL", "ROBUSTLAB_AUTH_ADMIN_KEY", "ROBUSTLAB_RABBITMQ_HOST");
        for (Service service : Service.all()) {
            Map<String, Object> environment = map(service(compose, service.name()).get("environment"));
            assertThat(environment).as(service.name() + ": the MinIO store, path-style")
                    .containsEntry("ROBUSTLAB_ARTIFACTS_STORE", "s3")
                    .containsEntry("ROBUSTLAB_ARTIFACTS_S3_ENDPOINT", "http://minio:9000")
                    .containsEntry("ROBUSTLAB_ARTIFACTS_S3_PATHSTYLE", "true");
        }
    }

    @Test
    void healthchecksAskTheActuatorOnTheServicesPorts() {
        for (Service service : Service.all()) {
            String test = String.join(" ", strings(map(service(compose, service.name()).get("healthcheck")).get("test")));
            assertThat(test).as(service.name()).contains("http://localhost:" + service.port()
                    + "/actuator/health/readiness");
        }
        assertThat(strings(service(compose, "api-service").get("ports")))
                .singleElement().asString().endsWith(":" + Service.named("api-service").port());
    }

    @Test
    void imagesAreBuiltFromTheDockerfilesThatExist() {
        for (Service service : Service.all()) {
            Map<String, Object> definition = service(compose, service.name());
            Map<String, Object> build = map(definition.get("build"));
            assertThat(build.get("context")).isEqualTo(".");
            assertThat(Repository.file((String) build.get("dockerfile"))).as(service.name()).isRegularFile();
            assertThat(build.get("dockerfile")).isEqualTo(service.dockerfile());
            assertThat((String) definition.get("image")).contains("/" + service.name() + ":");
        }
    }

    @Test
    void workersStopWithinTheGracePeriod() {
        for (Service worker : Service.workers()) {
            Map<String, Object> service = service(compose, worker.name());
            Duration shutdown = Durations.parse((String) map(service.get("environment"))
                    .get("ROBUSTLAB_WORKER_SHUTDOWNTIMEOUT"));
            Duration grace = Durations.parse((String) service.get("stop_grace_period"));
            assertThat(grace).as(worker.name() + ": Docker's grace period leaves time after the worker's own timeout")
                    .isGreaterThanOrEqualTo(shutdown.plusSeconds(20));
        }
    }

    @Test
    void theGpuFileGivesEachWorkerAGpuAndTheCudaImage() {
        for (Service worker : Service.workers()) {
            Map<String, Object> service = service(gpu, worker.name());
            assertThat((String) service.get("image")).contains("/" + worker.name() + ":").endsWith("-gpu");
            assertThat((String) map(map(service.get("build")).get("args")).get("PYTORCH_FLAVOR")).startsWith("cu");
            assertThat(map(service.get("environment"))).containsEntry("ROBUSTLAB_WORKER_DEVICE", "gpu");
            List<?> devices = (List<?>) map(map(map(service.get("deploy")).get("resources")).get("reservations"))
                    .get("devices");
            assertThat(devices).singleElement().satisfies(device -> {
                assertThat(map(device)).containsEntry("driver", "nvidia");
                assertThat(strings(map(device).get("capabilities"))).contains("gpu");
            });
            assertThat((String) map(map(service(compose, worker.name()).get("build")).get("args"))
                    .get("PYTORCH_FLAVOR")).isEqualTo("cpu");
        }
    }

    @Test
    void rabbitMqIsAManagementImageWithALongConsumerTimeout() {
        Map<String, Object> rabbit = service(compose, "rabbitmq");
        assertThat((String) rabbit.get("image")).matches("rabbitmq:(3\\.13|4\\.\\d+)(\\.\\d+)?-management");
        String mount = strings(rabbit.get("volumes")).stream().filter(v -> v.contains("rabbitmq.conf")).findFirst()
                .orElseThrow(() -> new AssertionError("rabbitmq.conf is not mounted"));
        assertThat(mount).contains(":/etc/rabbitmq/conf.d/");
        Path conf = Repository.file(mount.substring(0, mount.indexOf(':')));
        Matcher timeout = CONSUMER_TIMEOUT.matcher(Repository.read(conf));
        assertThat(timeout.find()).as("consumer_timeout in " + conf).isTrue();
        assertThat(Duration.ofMillis(Long.parseLong(timeout.group(1))))
                .as("a worker holds its job's message for the whole job").isGreaterThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void theEnvironmentExampleCoversEveryVariableAndNoOther() {
        Set<String> used = new TreeSet<>();
        for (String file : List.of("docker-compose.yml", "docker-compose.gpu.yml")) {
            Matcher matcher = VARIABLE.matcher(Repository.read(Repository.file(file)));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        Set<String> example = new TreeSet<>();
        for (String line : Repository.read(Repository.file(".env.example")).lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                if (!line.contains("=")) {
                    fail(".env.example: not NAME=value: " + line);
                }
                example.add(line.substring(0, line.indexOf('=')).trim());
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(example).as(".env.example").isEqualTo(used);
    }

    @Test
    void monitoringIsOptional() {
        for (String name : List.of("prometheus", "grafana")) {
            assertThat(strings(service(compose, name).get("profiles"))).as(name).containsExactly("monitoring");
        }
        for (String name : List.of("postgres", "rabbitmq", "minio", "api-service", "trainer-service", "attack-service")) {
            assertThat(service(compose, name)).as(name + " runs without a profile").doesNotContainKey("profiles");
        }
    }

    private Map<String, Object> merged() {
        return mergeMaps(compose, gpu);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeMaps(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> merged.merge(key, value, (a, b) -> a instanceof Map && b instanceof Map
                ? mergeMaps((Map<String, Object>) a, (Map<String, Object>) b) : b));
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, value instanceof Map ? deepCopy((Map<String, Object>) value) : value));
        return copy;
    }

    private static boolean oneShot(Map<String, Object> service) {
        return "no".equals(String.valueOf(service.get("restart")));
    }

    private static Map<String, Object> services(Map<String, Object> document) {
        return map(document.get("services"));
    }

    private static Map<String, Object> service(Map<String, Object> document, String name) {
        Map<String, Object> service = map(services(document).get(name));
        assertThat(service).as("service " + name).isNotEmpty();
        return service;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    static List<String> strings(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
