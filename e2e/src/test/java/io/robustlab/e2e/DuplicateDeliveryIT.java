package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import io.robustlab.contracts.spec.SpecCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The outbox may publish a job message twice ("never zero times"), and a lost ack makes the broker deliver it
 * again: a finished job's message arriving again must not give the job a second result.
 */
@ExtendWith(PlatformExtension.class)
@Order(3)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DuplicateDeliveryIT {

    private static final List<String> FINAL_EVENTS = List.of("succeeded", "failed", "cancelled");

    @Test
    void aFinishedJobDeliveredAgainKeepsItsOneResult(Platform platform) {
        ServiceProcess trainer = platform.trainers(1).getFirst();
        ApiClient api = platform.api();
        String id = api.submit(Specs.gaussianMlp(platform.run(), "e2e duplicate", 2, 1000, 50, 9))
                .path("id").asString();
        JsonNode done = api.awaitFinished(id, "SUCCEEDED", Duration.ofMinutes(2));
        JsonNode metrics = api.metrics(id);
        Map<String, JsonNode> artifacts = TrainThenEvaluateIT.artifacts(api, id);
        List<ApiClient.StreamEvent> history = api.history(id);
        JsonNode card = ApiClient.JSON.readTree(api.artifact(id, "model-card.json"));
        Map<String, String> weights = npzArrays(api.artifact(id, "model/weights.npz"));
        double handled = jobsHandled(trainer);
        double finalEvents = finalEventsApplied(platform);

        // The job's message as the API sends it: same job, same attempt, its spec with defaults filled in.
        JobMessage again = new JobMessage(id, done.path("attempt").asInt(), SpecCodec.parse(done.path("spec")
                .toString()), null);
        platform.broker().publish(platform.topology().jobsExchange(), Topology.TRAIN, MessageCodec.encode(again));

        Poll.until(trainer.name() + " handled the duplicate", Duration.ofMinutes(1), () -> jobsHandled(trainer),
                count -> count == handled + 1);
        Poll.until("the API applied the duplicate run's final event", Duration.ofSeconds(30),
                () -> finalEventsApplied(platform), count -> count == finalEvents + 1);
        System.out.println("[e2e] the duplicate ended as " + outcomes(trainer));

        JsonNode after = api.job(id);
        assertThat(after.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(after.path("finishedAt")).isEqualTo(done.path("finishedAt"));
        assertThat(after.path("attempt")).isEqualTo(done.path("attempt"));
        assertThat(after.path("runs").asInt()).isEqualTo(1);
        assertThat(after.path("timeline")).as("no status change").isEqualTo(done.path("timeline"));
        assertThat(api.metrics(id)).isEqualTo(metrics);
        Map<String, JsonNode> artifactsAfter = TrainThenEvaluateIT.artifacts(api, id);
        assertThat(artifactsAfter.keySet()).isEqualTo(artifacts.keySet());
        // The model files the duplicate run stored again hold the same model. weights.npz is compared by its
        // arrays: its zip entries carry the time they were written, so its bytes differ from one save to the next.
        for (String name : List.of("model/model.json", "model/model-0000.params")) {
            assertThat(artifactsAfter.get(name).path("sha256")).as(name + " is the model trained once")
                    .isEqualTo(artifacts.get(name).path("sha256"));
        }
        assertThat(npzArrays(api.artifact(id, "model/weights.npz"))).as("the arrays of model/weights.npz")
                .isEqualTo(weights).isNotEmpty();
        // The card is stored again by the duplicate run (its runId and time are new): it must still describe the
        // one training that happened.
        JsonNode cardAfter = ApiClient.JSON.readTree(api.artifact(id, "model-card.json"));
        for (String field : List.of("jobId", "attempt", "specHash", "spec", "parameterCount", "epochs")) {
            assertThat(cardAfter.path(field)).as("model-card.json " + field).isEqualTo(card.path(field));
        }
        System.out.println("[e2e] model card after the duplicate: runId " + card.path("runId").asString() + " → "
                + cardAfter.path("runId").asString() + ", resumedAfterEpoch " + card.path("resumedAfterEpoch")
                + " → " + cardAfter.path("resumedAfterEpoch"));
        List<ApiClient.StreamEvent> historyAfter = api.history(id);
        assertThat(epochMetrics(historyAfter)).as("no epoch trained again").isEqualTo(epochMetrics(history));
        assertThat(historyAfter.stream().filter(event -> event.event().equals("status")).count())
                .isEqualTo(history.stream().filter(event -> event.event().equals("status")).count());
    }

    /** Each array of an {@code .npz} (a zip of {@code .npy} files) by name, as the SHA-256 of its bytes. */
    private static Map<String, String> npzArrays(byte[] npz) {
        Map<String, String> arrays = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(npz))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                arrays.put(entry.getName(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(zip.readAllBytes())));
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError("model/weights.npz is not a zip of arrays", e);
        }
        return arrays;
    }

    private static List<Integer> epochMetrics(List<ApiClient.StreamEvent> history) {
        return history.stream().filter(event -> event.event().equals("epoch-metric"))
                .map(event -> event.data().path("epoch").asInt()).toList();
    }

    private static double jobsHandled(ServiceProcess trainer) {
        return Prometheus.sum(trainer.get("/actuator/prometheus"), "robustlab_worker_jobs_total", Map.of());
    }

    private static String outcomes(ServiceProcess trainer) {
        String page = trainer.get("/actuator/prometheus");
        return page.lines().filter(line -> line.startsWith("robustlab_worker_jobs_total")).toList().toString();
    }

    private static double finalEventsApplied(Platform platform) {
        String page = platform.apiProcess().get("/actuator/prometheus");
        return FINAL_EVENTS.stream().mapToDouble(type -> Prometheus.sum(page, "robustlab_events_apply_seconds_count",
                Map.of("type", type))).sum();
    }
}
