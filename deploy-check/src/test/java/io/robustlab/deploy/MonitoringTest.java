package io.robustlab.deploy;

import static io.robustlab.deploy.ComposeFileTest.map;
import static io.robustlab.deploy.ComposeFileTest.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus configuration for compose: the dashboard's queries use only the metric
 * names and labels the services export — each meter the code declares is registered here in Micrometer's Prometheus
 * registry, exactly as the services register it, and the names come out of its scrape — and the pieces of the
 * monitoring stack point at each other.
 */
class MonitoringTest {

    private static final Pattern METER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Gauge|TimeGauge|Timer)\\.builder\\(\\s*\"(robustlab\\.[a-z.]+)\"([^;]*);");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)");
    private static final Pattern TAG = Pattern.compile("\\.tag\\(\"([a-z_]+)\"");
    private static final Pattern METRIC = Pattern.compile("\\brobustlab_[a-z0-9_]+");
    private static final Pattern BY = Pattern.compile("\\bby \\(([^)]*)\\)");
    private static final Pattern MATCHER = Pattern.compile("[{,]\\s*([a-z_]+)\\s*(=~|!=|!~|=)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode dashboard = readJson("deploy/grafana/dashboards/robustlab.json");

    @Test
    void theDashboardQueriesOnlyMetricsAndLabelsTheServicesExport() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Set<String> labels = new TreeSet<>(List.of("application", "instance", "job"));
        for (String module : List.of("api-service", "worker-common", "trainer-service", "attack-service")) {
            try (Stream<Path> files = Files.walk(Repository.file(module + "/src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher meter = METER.matcher(Repository.read(file));
                    while (meter.find()) {
                        Matcher unit = BASE_UNIT.matcher(meter.group(3));
                        register(registry, meter.group(1), meter.group(2), unit.find() ? unit.group(1) : null);
                        Matcher tag = TAG.matcher(meter.group(3));
                        while (tag.find()) {
                            labels.add(tag.group(1));
                        }
                    }
                }
            }
        }
        Set<String> exported = new TreeSet<>();
        for (String line : registry.scrape().lines().toList()) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(exported).as("meters found in the code").contains("robustlab_jobs_submitted_total",
                "robustlab_queue_depth", "robustlab_worker_samples_rate");

        List<String> queries = dashboard.findValues("expr").stream().map(JsonNode::asText).toList();
        assertThat(queries).as("dashboard queries").hasSizeGreaterThanOrEqualTo(10);
        Set<String> used = new TreeSet<>();
        Set<String> usedLabels = new TreeSet<>();
        for (String query : queries) {
            Matcher metric = METRIC.matcher(query);
            while (metric.find()) {
                used.add(metric.group());
            }
            Matcher by = BY.matcher(query);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    usedLabels.add(label.trim());
                }
            }
            Matcher selector = MATCHER.matcher(query);
            while (selector.find()) {
                usedLabels.add(selector.group(1));
            }
        }
        assertThat(exported).as("metrics the dashboard queries").containsAll(used);
        assertThat(labels).as("labels the dashboard groups or selects by").containsAll(usedLabels);
        assertThat(used).as("jobs, queue depth, outbox lag and samples/s on the dashboard").contains(
                "robustlab_jobs_submitted_total", "robustlab_jobs_finished_total", "robustlab_queue_depth",
                "robustlab_outbox_unsent", "robustlab_worker_samples_rate");
    }

    @Test
    void grafanaPrometheusAndComposeAgree() {
        Map<String, Object> compose = Repository.yaml(Repository.file("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> datasource = map(((List<?>) Repository.yaml(
                Repository.file("deploy/grafana/provisioning/datasources/prometheus.yml")).get("datasources")).getFirst());
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(services).containsKey("prometheus");
        assertThat(dashboard.findValues("uid").stream().map(JsonNode::asText).filter(uid -> uid.contains("prometheus")))
                .as("every panel's data source").isNotEmpty().allMatch(uid -> uid.equals(datasource.get("uid")));

        Map<String, Object> provider = map(((List<?>) Repository.yaml(
                Repository.file("deploy/grafana/provisioning/dashboards/robustlab.yml")).get("providers")).getFirst());
        String dashboards = (String) map(provider.get("options")).get("path");
        assertThat(strings(map(services.get("grafana")).get("volumes")))
                .contains("./deploy/grafana/dashboards:" + dashboards + ":ro",
                        "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");

        Map<String, Object> prometheus = Repository.yaml(Repository.file("deploy/prometheus/prometheus.yml"));
        List<?> jobs = (List<?>) prometheus.get("scrape_configs");
        for (Service service : Service.all()) {
            Map<String, Object> job = jobs.stream().map(ComposeFileTest::map)
                    .filter(j -> service.name().equals(j.get("job_name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no scrape job for " + service.name()));
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            Map<String, Object> discovery = map(((List<?>) job.get("dns_sd_configs")).getFirst());
            assertThat(strings(discovery.get("names"))).containsExactly(service.name());
            assertThat(discovery.get("port")).isEqualTo(service.port());
        }
    }

    private static void register(PrometheusMeterRegistry registry, String type, String name, String unit) {
        switch (type) {
            case "Counter", "FunctionCounter" -> Counter.builder(name).baseUnit(unit).register(registry);
            case "Gauge", "TimeGauge" -> Gauge.builder(name, () -> 1).baseUnit(unit).register(registry);
            default -> Timer.builder(name).register(registry);
        }
    }

    private static JsonNode readJson(String file) {
        try {
            return JSON.readTree(Repository.read(Repository.file(file)));
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
