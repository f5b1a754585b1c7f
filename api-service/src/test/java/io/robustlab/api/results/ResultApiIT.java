package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ResultApiIT extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void metricsListEachEpochInEpochOrder() {
        UUID job = submit(1);
        // Stored out of order, as events may arrive; one epoch measured no training numbers.
        epoch(job, 3, 0.30, 0.91, 0.35, 0.89, 0.01, 12.5);
        epoch(job, 1, 0.90, 0.70, 0.80, 0.72, 0.1, 14.0);
        jdbc.sql("""
                insert into epoch_metric (job_id, epoch, attempt, test_loss, test_accuracy, seconds)
                values (?, 2, 1, 0.5, 0.85, 13.0)""").param(job).update();

        Response response = api().get("/api/v1/jobs/" + job + "/metrics");

        assertThat(response.status()).isEqualTo(200);
        JsonNode metrics = response.json();
        assertThat(metrics.get("jobId").asString()).isEqualTo(job.toString());
        JsonNode epochs = metrics.get("epochs");
        assertThat(epochs).extracting(e -> e.get("epoch").asInt()).containsExactly(1, 2, 3);
        assertThat(epochs.get(0).get("trainLoss").asDouble()).isEqualTo(0.90);
        assertThat(epochs.get(0).get("testAccuracy").asDouble()).isEqualTo(0.72);
        assertThat(epochs.get(0).get("learningRate").asDouble()).isEqualTo(0.1);
        assertThat(epochs.get(0).get("seconds").asDouble()).isEqualTo(14.0);
        assertThat(epochs.get(1).get("trainLoss").isNull()).as("not measured is null, not 0").isTrue();
        assertThat(epochs.get(1).get("testLoss").asDouble()).isEqualTo(0.5);
    }

    @Test
    void curvesSeparateAttacksFromWorstCasesAndSortPointsByEpsilon() {
        UUID job = submit(2);
        for (String curve : new String[] {"linf-pgd (L∞)", "fgsm (L∞)"}) {
            point(job, curve, "linf", 0.03, curve.startsWith("fgsm") ? 0.6 : 0.5);
            point(job, curve, "linf", 0.0, 0.9);
            point(job, curve, "linf", 0.01, 0.7);
        }
        point(job, "l2-pgd (L2)", "l2", 0.5, 0.4);
        point(job, "worst-case (all attacks, mixed norms)", "mixed", 0.0, 0.9);
        point(job, "worst-case L∞", "linf", 0.0, 0.9);
        point(job, "worst-case L2", "l2", 0.0, 0.9);
        jdbc.sql("""
                insert into curve_point (job_id, curve, epsilon, norm, accuracy, samples, attempt)
                values (?, 'empty target class (L∞)', 0.0, 'linf', 'NaN', 0, 1)""").param(job).update();

        JsonNode curves = api().get("/api/v1/jobs/" + job + "/curves").json().get("curves");

        assertThat(curves).extracting(c -> c.get("label").asString()).containsExactly(
                "empty target class (L∞)", "fgsm (L∞)", "l2-pgd (L2)", "linf-pgd (L∞)",
                "worst-case L2", "worst-case L∞", "worst-case (all attacks, mixed norms)");
        assertThat(curves).extracting(c -> c.get("kind").asString()).containsExactly(
                "attack", "attack", "attack", "attack", "worst-case", "worst-case", "worst-case");
        JsonNode pgd = curves.get(3);
        assertThat(pgd.get("norm").asString()).isEqualTo("linf");
        assertThat(pgd.get("points")).extracting(p -> p.get("epsilon").asDouble()).containsExactly(0.0, 0.01, 0.03);
        assertThat(pgd.get("points")).extracting(p -> p.get("accuracy").asDouble()).containsExactly(0.9, 0.7, 0.5);
        assertThat(pgd.get("points").get(0).get("samples").asInt()).isEqualTo(1000);
        assertThat(curves.get(0).get("points").get(0).get("accuracy").isNull())
                .as("an accuracy over no sample is null, not NaN").isTrue();
        assertThat(curves.get(6).get("norm").asString()).isEqualTo("mixed");
    }

    @Test
    void theCorruptionTableHasMeansPerCorruptionAndOverallAndWeightNoiseIsBySigma() {
        UUID job = submit(3);
        corruption(job, "gaussian_noise", 2, 0.6);
        corruption(job, "gaussian_noise", 1, 0.8);
        corruption(job, "brightness", 1, 0.9);
        corruption(job, "brightness", 3, 0.7);
        weightNoise(job, 0.1, 0.7, 0.05, 5);
        weightNoise(job, 0.01, 0.88, 0.01, 5);

        JsonNode results = api().get("/api/v1/jobs/" + job + "/curves").json();

        assertThat(results.get("curves")).isEmpty();
        JsonNode table = results.get("corruptions");
        assertThat(table.get("meanAccuracy").asDouble()).isCloseTo(0.75, offset(1e-12));
        JsonNode corruptions = table.get("corruptions");
        assertThat(corruptions).extracting(c -> c.get("corruption").asString())
                .containsExactly("brightness", "gaussian_noise");
        JsonNode noise = corruptions.get(1);
        assertThat(noise.get("severities")).extracting(s -> s.get("severity").asInt()).containsExactly(1, 2);
        assertThat(noise.get("severities")).extracting(s -> s.get("accuracy").asDouble()).containsExactly(0.8, 0.6);
        assertThat(noise.get("meanAccuracy").asDouble()).isCloseTo(0.7, offset(1e-12));
        assertThat(corruptions.get(0).get("meanAccuracy").asDouble())
                .isCloseTo(0.8, offset(1e-12));

        JsonNode levels = results.get("weightNoise");
        assertThat(levels).extracting(l -> l.get("sigma").asDouble()).containsExactly(0.01, 0.1);
        assertThat(levels.get(1).get("meanAccuracy").asDouble()).isEqualTo(0.7);
        assertThat(levels.get(1).get("stdAccuracy").asDouble()).isEqualTo(0.05);
        assertThat(levels.get(1).get("draws").asInt()).isEqualTo(5);
    }

    @Test
    void aJobWithNothingYetHasEmptyResults() {
        UUID job = submit(4);

        JsonNode metrics = api().get("/api/v1/jobs/" + job + "/metrics").json();
        JsonNode results = api().get("/api/v1/jobs/" + job + "/curves").json();

        assertThat(metrics.get("epochs")).isEmpty();
        assertThat(results.get("curves")).isEmpty();
        assertThat(results.get("corruptions").get("corruptions")).isEmpty();
        assertThat(results.get("corruptions").get("meanAccuracy").isNull()).isTrue();
        assertThat(results.get("weightNoise")).isEmpty();
    }

    @Test
    void anUnknownJobIsA404Problem() {
        for (String part : new String[] {"metrics", "curves", "artifacts"}) {
            Response response = api().get("/api/v1/jobs/" + UUID.randomUUID() + "/" + part);
            assertThat(response.status()).as(part).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("https://robustlab.io/problems/not-found");
        }
    }

    @Test
    void theResultsAreDocumentedInTheOpenApiDescription() {
        JsonNode paths = api().get("/v3/api-docs").json().get("paths");
        assertThat(paths.has("/api/v1/jobs/{id}/metrics")).isTrue();
        assertThat(paths.has("/api/v1/jobs/{id}/curves")).isTrue();
        assertThat(paths.has("/api/v1/jobs/{id}/events")).isTrue();
        assertThat(paths.get("/api/v1/jobs/{id}/events").get("get").get("responses").get("200").get("content")
                .has("text/event-stream")).isTrue();
        assertThat(paths.has("/api/v1/jobs/{id}/artifacts")).isTrue();
        assertThat(paths.get("/api/v1/events").get("get").get("responses").get("200").get("content")
                .has("text/event-stream")).isTrue();
        JsonNode document = api().get("/v3/api-docs").json();
        assertThat(document.get("info").get("title").asString()).isEqualTo("RobustLab API");
        assertThat(document.get("paths").has("/api/v1/jobs")).isTrue();
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.get("Curve").get("properties").get("kind").toString()).contains("worst-case");
    }

    private UUID submit(long seed) {
        String spec = """
                {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "results"},
                 "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [16]}, "seed": %d}
                """.formatted(seed + System.nanoTime() % 1_000_000);
        Response created = api().post("/api/v1/jobs", spec);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private void epoch(UUID job, int epoch, double trainLoss, double trainAccuracy, double testLoss,
            double testAccuracy, double learningRate, double seconds) {
        jdbc.sql("""
                insert into epoch_metric (job_id, epoch, attempt, train_loss, train_accuracy, test_loss, test_accuracy,
                                          learning_rate, seconds)
                values (?, ?, 1, ?, ?, ?, ?, ?, ?)""")
                .params(job, epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, learningRate, seconds)
                .update();
    }

    private void point(UUID job, String curve, String norm, double epsilon, double accuracy) {
        jdbc.sql("""
                insert into curve_point (job_id, curve, epsilon, norm, accuracy, samples, attempt)
                values (?, ?, ?, ?, ?, 1000, 1)""").params(job, curve, epsilon, norm, accuracy).update();
    }

    private void corruption(UUID job, String corruption, int severity, double accuracy) {
        jdbc.sql("""
                insert into corruption_result (job_id, corruption, severity, accuracy, samples, attempt)
                values (?, ?, ?, ?, 500, 1)""").params(job, corruption, severity, accuracy).update();
    }

    private void weightNoise(UUID job, double sigma, double mean, double std, int draws) {
        jdbc.sql("""
                insert into weight_noise_result (job_id, sigma, mean_accuracy, std_accuracy, draws, attempt)
                values (?, ?, ?, ?, ?, 1)""").params(job, sigma, mean, std, draws).update();
    }
}
