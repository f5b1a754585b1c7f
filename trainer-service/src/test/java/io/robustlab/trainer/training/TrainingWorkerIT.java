package io.robustlab.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.contracts.message.CancelRequest;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.Cancelled;
import io.robustlab.contracts.message.WorkerEvent.EpochMetric;
import io.robustlab.contracts.message.WorkerEvent.Failed;
import io.robustlab.contracts.message.WorkerEvent.Heartbeat;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.worker.testing.EventStream;
import io.robustlab.worker.testing.EventStream.Received;
import io.robustlab.worker.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A trainer worker against a real RabbitMQ and a filesystem store, fed job messages as the API sends them. */
class TrainingWorkerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private TestBroker broker;
    private EventStream events;
    private FileSystemArtifactStore store;
    private ConfigurableApplicationContext worker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.connect();
        broker.declareTopology();
        events = broker.events();
        store = new FileSystemArtifactStore(temp.resolve("store"));
        worker = TrainerWorkers.start(broker, store.root(), temp.resolve("work"));
    }

    @AfterEach
    void stop() throws Exception {
        stopWorker();
        if (broker != null) {
            broker.close();
        }
    }

    private void stopWorker() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    @Test
    void aTrainJobReportsEachEpochAndSucceedsWithItsModelStored() throws Exception {
        JobMessage job = TrainerWorkers.job(2, 200, 20);

        broker.publishJob(job);
        Received end = events.awaitEnd(job.jobId(), DEADLINE);

        assertThat(events.results(job.jobId())).extracting(payload -> payload.getClass().getSimpleName())
                .containsExactly("Started", "EpochMetric", "EpochMetric", "Succeeded");
        List<Received> all = events.of(job.jobId());
        assertThat(all).extracting(r -> r.event().sequence()).isSorted().doesNotHaveDuplicates().startsWith(0L);
        assertThat(all).extracting(r -> r.event().runId()).containsOnly(end.event().runId());
        assertThat(all).extracting(r -> r.event().attempt()).containsOnly(1);
        Started started = (Started) all.getFirst().payload();
        assertThat(started.device()).isEqualTo("cpu");
        assertThat(started.threads()).isEqualTo(1);
        assertThat(started.engine()).startsWith("PyTorch 2.");
        assertThat(events.results(job.jobId())).filteredOn(EpochMetric.class::isInstance)
                .extracting(p -> ((EpochMetric) p).epoch()).containsExactly(1, 2);
        assertThat(end.routingKey()).isEqualTo("train.succeeded");

        List<Artifact> artifacts = ((Succeeded) end.payload()).artifacts();
        assertThat(artifacts).extracting(Artifact::name).containsExactlyInAnyOrder("model/model.json",
                "model/weights.npz", "model/model-0000.params", "model-card.json");
        for (Artifact artifact : artifacts) {
            byte[] stored = store.open(artifact.key()).readAllBytes();
            assertThat(artifact.key()).isEqualTo("jobs/" + job.jobId() + "/attempt-1/" + artifact.name());
            assertThat(artifact.sizeBytes()).isEqualTo(stored.length);
            assertThat(artifact.sha256()).isEqualTo(sha256(stored));
        }
        JsonNode card = JsonMapper.builder().build().readTree(store.open(
                "jobs/" + job.jobId() + "/attempt-1/model-card.json"));
        assertThat(card.get("epochs")).hasSize(2);
        assertThat(card.get("parameterCount").asLong()).isEqualTo(10 * 16 + 16 + 16 * 2 + 2);
        assertThat(card.get("spec").get("epochs").asInt()).isEqualTo(2);
        assertThat(card.get("device").asString()).isEqualTo("cpu");
        assertThat(card.get("codeVersion").asString()).contains("trainer-service");
        assertThat(card.get("resumedAfterEpoch").isNull()).isTrue();
        assertThat(store.list("jobs/" + job.jobId() + "/attempt-1/checkpoints/")).contains(
                "jobs/" + job.jobId() + "/attempt-1/checkpoints/epoch-0002/checkpoint.json");

        MeterRegistry meters = worker.getBean(MeterRegistry.class);
        assertThat(meters.get("robustlab.worker.jobs").tag("job_kind", "Train").tag("outcome", "succeeded")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("robustlab.worker.job.duration").tag("outcome", "succeeded").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("robustlab.worker.busy").functionCounter().count()).isPositive();

        stopWorker();
        assertThat(broker.ready(broker.topology().trainQueue())).as("the job message was acknowledged").isZero();
        assertThat(events.of(job.jobId())).filteredOn(r -> r.payload() instanceof Started).hasSize(1);
    }

    @Test
    void aDuplicateOfAFinishedJobReportsTheStoredArtifactsAndChangesNothing() throws Exception {
        JobMessage job = TrainerWorkers.job(2, 200, 20);
        broker.publishJob(job);
        Received first = events.awaitEnd(job.jobId(), DEADLINE);
        Map<Path, StoredFile> before = storedFiles(job);
        Thread.sleep(20); // a file written again would get a later modification time

        broker.publishJob(job); // the outbox publishing twice, or the broker redelivering after the final event
        Received second = awaitSecondSucceeded(job);

        assertThat(second.event().runId()).isNotEqualTo(first.event().runId());
        assertThat(second.event().attempt()).isEqualTo(1);
        assertThat(((Succeeded) second.payload()).artifacts()).as("the same keys, sizes and SHA-256")
                .containsExactlyElementsOf(((Succeeded) first.payload()).artifacts());
        assertThat(events.of(job.jobId())).filteredOn(r -> r.event().runId().equals(second.event().runId()))
                .filteredOn(r -> !(r.payload() instanceof Heartbeat))
                .extracting(r -> r.payload().getClass().getSimpleName())
                .as("nothing trained or reported again").containsExactly("Started", "Succeeded");
        assertThat(storedFiles(job)).as("no stored file written again").isEqualTo(before);
        stopWorker();
        assertThat(broker.ready(broker.topology().trainQueue())).as("the duplicate was acknowledged").isZero();
    }

    /** A stored file's bytes (by hash) and modification time. */
    private record StoredFile(String sha256, long size, FileTime modified) {
    }

    private Map<Path, StoredFile> storedFiles(JobMessage job) throws Exception {
        Map<Path, StoredFile> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(store.root().resolve("jobs").resolve(job.jobId()))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                files.put(file, new StoredFile(sha256(bytes), bytes.length, Files.getLastModifiedTime(file)));
            }
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    private Received awaitSecondSucceeded(JobMessage job) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> succeeded = events.of(job.jobId()).stream()
                    .filter(r -> r.payload() instanceof Succeeded).toList();
            if (succeeded.size() > 1) {
                assertThat(succeeded).hasSize(2);
                return succeeded.get(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no second succeeded within " + DEADLINE);
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAndReportedNotRedelivered() throws Exception {
        String jobId = UUID.randomUUID().toString();
        String unknownVersion = "{\"schemaVersion\": 99, \"jobId\": \"" + jobId + "\", \"attempt\": 1}";

        broker.publish(broker.topology().jobsExchange(), "train", unknownVersion.getBytes(StandardCharsets.UTF_8));
        broker.publish(broker.topology().jobsExchange(), "train", "{not json".getBytes(StandardCharsets.UTF_8));
        Received failed = events.awaitEnd(jobId, DEADLINE);

        assertThat(((Failed) failed.payload()).reason()).contains("unknown schema version 99");
        assertThat(((Failed) failed.payload()).retryable()).isFalse();
        List<String> deadBodies = List.of(awaitDeadLetter(), awaitDeadLetter());
        assertThat(deadBodies).containsExactlyInAnyOrder(unknownVersion, "{not json");

        stopWorker();
        assertThat(broker.ready(broker.topology().trainQueue())).isZero();
        assertThat(events.of(jobId)).hasSize(1);
    }

    @Test
    void aCancelStopsTrainingWithinABatchAndIsAcknowledged() throws Exception {
        JobMessage job = TrainerWorkers.job(10_000, 200, 20);

        broker.publishJob(job);
        events.await(job.jobId(), p -> p instanceof EpochMetric, DEADLINE);
        broker.cancel(new CancelRequest(job.jobId(), 1, "cancelled by the test"));
        Received end = events.awaitEnd(job.jobId(), Duration.ofSeconds(30));

        assertThat(end.payload()).isEqualTo(new Cancelled("cancelled by the test"));
        assertThat(events.results(job.jobId())).filteredOn(EpochMetric.class::isInstance).hasSizeLessThan(10_000);
        stopWorker();
        assertThat(broker.ready(broker.topology().trainQueue())).as("the cancelled job was acknowledged").isZero();
    }

    private String awaitDeadLetter() throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse dead = broker.take(broker.topology().deadLetterQueue());
            if (dead != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> death = ((List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death"))
                        .getFirst();
                assertThat(death.get("reason").toString()).isEqualTo("rejected");
                return new String(dead.getBody(), StandardCharsets.UTF_8);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing dead-lettered within " + DEADLINE);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
