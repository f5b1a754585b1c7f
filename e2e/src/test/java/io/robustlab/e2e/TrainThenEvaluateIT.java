package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;

/**
 * The path every user takes: train a model, evaluate its robustness, read the results, all through the API, with
 * the real workers doing the work. The first evaluation is submitted while its Train job has not finished: it
 * waits, then runs on the trained model.
 */
@ExtendWith(PlatformExtension.class)
@Order(1)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TrainThenEvaluateIT {

    private static final double[] EPSILONS = {0, 0.05, 0.1};

    @Test
    void trainsAModelThenEvaluatesIt(Platform platform) {
        requireFashionMnist();
        platform.trainers(1);
        platform.attackers(1);
        ApiClient api = platform.api();

        String train = api.submit(Specs.fashionMnistMlp(platform.run(), 2)).path("id").asString();
        JsonNode early = api.submit(Specs.evaluateTrainJob(platform.run(), train));
        assertThat(early.path("status").asString()).isEqualTo("QUEUED");
        assertThat(early.path("waitsFor").asString()).as("an evaluation of an unfinished Train job waits for it")
                .isEqualTo(train);

        JsonNode trained = api.awaitFinished(train, "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(trained.path("attempt").asInt()).isEqualTo(1);
        assertThat(trained.path("runs").asInt()).isEqualTo(1);
        assertThat(trained.path("workerId").asString()).startsWith("trainer-");
        assertThat(transitions(trained)).containsExactly("null→QUEUED", "QUEUED→RUNNING", "RUNNING→SUCCEEDED");

        JsonNode epochs = api.metrics(train).path("epochs");
        assertThat(epochs.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode epoch = epochs.get(i);
            assertThat(epoch.path("epoch").asInt()).isEqualTo(i + 1);
            assertThat(epoch.path("attempt").asInt()).isEqualTo(1);
            assertThat(epoch.path("trainLoss").asDouble()).isPositive().isFinite();
            assertThat(epoch.path("trainAccuracy").asDouble()).isBetween(0.0, 1.0);
            assertThat(epoch.path("testAccuracy").asDouble()).isBetween(0.0, 1.0);
            assertThat(epoch.path("seconds").asDouble()).isPositive();
        }
        assertThat(epochs.get(1).path("testAccuracy").asDouble()).as("better than chance (10 classes)")
                .isGreaterThan(0.3);

        Map<String, JsonNode> artifacts = artifacts(api, train);
        assertThat(artifacts).containsKeys("model/model.json", "model/weights.npz", "model/model-0000.params",
                "model-card.json");
        byte[] description = api.artifact(train, "model/model.json");
        assertThat(description).hasSize(artifacts.get("model/model.json").path("sizeBytes").asInt());
        assertThat(sha256(description)).isEqualTo(artifacts.get("model/model.json").path("sha256").asString());
        JsonNode model = ApiClient.JSON.readTree(description);
        assertThat(model.path("format").asString()).isEqualTo("robustlab-model");
        assertThat(model.path("classes").asInt()).isEqualTo(10);
        assertThat(model.path("parameterCount").asLong()).isEqualTo(784 * 64 + 64 + 64 * 10 + 10);
        JsonNode card = ApiClient.JSON.readTree(api.artifact(train, "model-card.json"));
        assertThat(card.path("jobId").asString()).isEqualTo(train);
        assertThat(card.path("epochs").size()).isEqualTo(2);
        assertThat(card.path("resumedAfterEpoch").isNull()).isTrue();
        assertThat(card.path("workerId").asString()).isEqualTo(trained.path("workerId").asString());

        // Submitted after the Train job succeeded: dispatched at once, no wait.
        JsonNode late = api.submit(Specs.evaluateTrainJob(platform.run(), train));
        assertThat(late.has("waitsFor")).isFalse();

        String earlyId = early.path("id").asString();
        String lateId = late.path("id").asString();
        JsonNode earlyDone = api.awaitFinished(earlyId, "SUCCEEDED", Duration.ofMinutes(3));
        JsonNode lateDone = api.awaitFinished(lateId, "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(Instant.parse(earlyDone.path("startedAt").asString()))
                .as("the waiting evaluation started after its Train job finished")
                .isAfterOrEqualTo(Instant.parse(trained.path("finishedAt").asString()));
        assertThat(earlyDone.path("workerId").asString()).startsWith("attacker-");

        JsonNode earlyCurves = api.curves(earlyId);
        checkEvaluation(earlyCurves);
        checkEvaluation(api.curves(lateId));
        assertThat(artifacts(api, earlyId)).containsKey("result.json");
        assertThat(artifacts(api, lateId)).containsKey("result.json");
        assertThat(api.curves(lateId).path("curves"))
                .as("the same spec on the same model with the same seed measures the same")
                .isEqualTo(earlyCurves.path("curves"));
    }

    /** What an evaluation of {@link Specs#evaluateTrainJob} must have measured. */
    private static void checkEvaluation(JsonNode result) {
        Map<String, JsonNode> attacks = new TreeMap<>();
        List<JsonNode> worstCases = new ArrayList<>();
        for (JsonNode curve : result.path("curves")) {
            String kind = curve.path("kind").asString();
            if (kind.equals("attack")) {
                attacks.put(curve.path("label").asString(), curve);
            } else {
                assertThat(kind).isEqualTo("worst-case");
                worstCases.add(curve);
            }
        }
        assertThat(attacks).containsOnlyKeys("fgsm (L∞)", "linf-pgd (L∞)");
        assertThat(worstCases).as("worst-case curves").isNotEmpty();
        double clean = attacks.get("fgsm (L∞)").path("points").get(0).path("accuracy").asDouble();
        assertThat(clean).as("clean accuracy").isGreaterThan(0.3);
        for (JsonNode curve : result.path("curves")) {
            JsonNode points = curve.path("points");
            assertThat(points.size()).as(curve.path("label").asString()).isEqualTo(EPSILONS.length);
            for (int i = 0; i < EPSILONS.length; i++) {
                JsonNode point = points.get(i);
                assertThat(point.path("epsilon").asDouble()).isCloseTo(EPSILONS[i], within(1e-12));
                assertThat(point.path("samples").asInt()).isEqualTo(100);
                assertThat(point.path("accuracy").asDouble()).isBetween(0.0, 1.0);
            }
            assertThat(points.get(0).path("accuracy").asDouble()).as("ε = 0 is the clean accuracy")
                    .isEqualTo(clean);
        }
        for (JsonNode worst : worstCases) {
            for (int i = 0; i < EPSILONS.length; i++) {
                double weakest = Math.min(attacks.get("fgsm (L∞)").path("points").get(i).path("accuracy").asDouble(),
                        attacks.get("linf-pgd (L∞)").path("points").get(i).path("accuracy").asDouble());
                assertThat(worst.path("points").get(i).path("accuracy").asDouble())
                        .as("%s at ε = %s", worst.path("label").asString(), EPSILONS[i])
                        .isLessThanOrEqualTo(weakest);
            }
        }
        assertThat(attacks.get("fgsm (L∞)").path("points").get(2).path("accuracy").asDouble())
                .as("FGSM at ε = 0.1 breaks some samples").isLessThan(clean);

        JsonNode corruptions = result.path("corruptions").path("corruptions");
        assertThat(corruptions.size()).isEqualTo(2);
        for (JsonNode corruption : corruptions) {
            JsonNode severities = corruption.path("severities");
            assertThat(severities.size()).isEqualTo(2);
            assertThat(severities.get(0).path("severity").asInt()).isEqualTo(1);
            assertThat(severities.get(1).path("severity").asInt()).isEqualTo(3);
            for (JsonNode severity : severities) {
                assertThat(severity.path("samples").asInt()).isEqualTo(100);
                assertThat(severity.path("accuracy").asDouble()).isBetween(0.0, 1.0);
            }
        }
        assertThat(result.path("corruptions").path("meanAccuracy").asDouble()).isBetween(0.0, 1.0);
        JsonNode weightNoise = result.path("weightNoise");
        assertThat(weightNoise.size()).isEqualTo(1);
        assertThat(weightNoise.get(0).path("sigma").asDouble()).isEqualTo(0.1);
        assertThat(weightNoise.get(0).path("draws").asInt()).isEqualTo(2);
    }

    static Map<String, JsonNode> artifacts(ApiClient api, String job) {
        Map<String, JsonNode> byName = new TreeMap<>();
        for (JsonNode artifact : api.artifacts(job).path("artifacts")) {
            assertThat(artifact.path("sizeBytes").asLong()).isPositive();
            assertThat(artifact.path("sha256").asString()).matches("[0-9a-f]{64}");
            byName.put(artifact.path("name").asString(), artifact);
        }
        return byName;
    }

    /** The job's status changes as {@code from→to}. */
    static List<String> transitions(JsonNode job) {
        List<String> changes = new ArrayList<>();
        for (JsonNode transition : job.path("timeline")) {
            changes.add(transition.path("from").asString("null") + "→" + transition.path("to").asString());
        }
        return changes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The workers find Fashion-MNIST in ROBUSTLAB_DATA_DIR, ~/.robustlab/data or /usr/share/datasets. */
    static void requireFashionMnist() {
        String dataDir = System.getenv("ROBUSTLAB_DATA_DIR");
        List<Path> folders = Stream.of(dataDir == null ? null : Path.of(dataDir, "fashion-mnist"),
                        Path.of(System.getProperty("user.home"), ".robustlab", "data", "fashion-mnist"),
                        Path.of("/usr/share/datasets/fashion-mnist"))
                .filter(java.util.Objects::nonNull).toList();
        for (Path folder : folders) {
            if (Files.exists(folder.resolve("train-images-idx3-ubyte.gz"))
                    || Files.exists(folder.resolve("train-images-idx3-ubyte"))) {
                return;
            }
        }
        String message = "Fashion-MNIST is not installed in any of " + folders
                + " (apt-get install dataset-fashion-mnist)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + message);
        }
        throw new TestAbortedException(message);
    }
}
