package io.robustlab.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.EpochMetric;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.worker.testing.EventStream;
import io.robustlab.worker.testing.EventStream.Received;
import io.robustlab.worker.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A worker shut down in the middle of a training job stores a checkpoint of the epoch in progress and returns its
 * message; the next worker resumes from that checkpoint, mid-epoch, so no batch is trained twice across the two
 * runs, and reports the finished epochs again, so none is missing from the events.
 */
class ResumeAfterShutdownIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int EPOCHS = 20;

    @TempDir
    Path temp;

    private TestBroker broker;
    private EventStream events;
    private FileSystemArtifactStore store;
    private ConfigurableApplicationContext worker;

    @BeforeEach
    void connect() throws Exception {
        broker = TestBroker.connect();
        broker.declareTopology();
        events = broker.events();
        store = new FileSystemArtifactStore(temp.resolve("store"));
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aJobStoppedByShutdownResumesAfterItsCheckpointOnRedelivery() throws Exception {
        JobMessage job = TrainerWorkers.job(EPOCHS, 10_000, 10);
        String train = broker.topology().trainQueue();

        worker = TrainerWorkers.start(broker, store.root(), temp.resolve("work-a"));
        broker.publishJob(job);
        Received first = events.await(job.jobId(), p -> p instanceof EpochMetric, DEADLINE);
        // Into the next epoch, well before its end: the shutdown lands mid-epoch.
        Thread.sleep(Math.max(50, (long) (((EpochMetric) first.payload()).seconds() * 1000 / 3)));
        worker.close(); // what SIGTERM does
        worker = null;

        List<Integer> epochsOfRunA = epochs(job, first.event().runId());
        int checkpointed = epochsOfRunA.getLast();
        assertThat(checkpointed).as("the shutdown came before the last epoch").isLessThan(EPOCHS);
        assertThat(events.of(job.jobId())).noneMatch(r -> r.payload().terminal());
        assertThat(broker.ready(train)).as("the message went back to the queue, not acknowledged").isEqualTo(1);
        assertThat(broker.deliveryCountOfNext(train)).as("returned once, never bounced back to the stopping worker")
                .isEqualTo(1);
        List<String> stored = store.list("jobs/" + job.jobId() + "/attempt-1/checkpoints/");
        assertThat(stored).as("the last finished epoch's checkpoint").contains("jobs/" + job.jobId()
                + "/attempt-1/checkpoints/epoch-%04d/checkpoint.json".formatted(checkpointed));
        Pattern midEpoch = Pattern.compile(".*/checkpoints/epoch-%04d-batch-(\\d{6})/checkpoint\\.json"
                .formatted(checkpointed + 1));
        List<Integer> batchesDone = stored.stream().map(midEpoch::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
        assertThat(batchesDone).as("the checkpoint of the epoch in progress, stored at shutdown").hasSize(1)
                .allMatch(batches -> batches > 0 && batches < 1000);

        worker = TrainerWorkers.start(broker, store.root(), temp.resolve("work-b"));
        Received end = events.awaitEnd(job.jobId(), DEADLINE);

        String runB = end.event().runId();
        assertThat(runB).isNotEqualTo(first.event().runId());
        assertThat(end.event().attempt()).isEqualTo(1);
        assertThat(end.payload()).isInstanceOf(Succeeded.class);
        List<Integer> epochsOfRunB = epochs(job, runB);
        assertThat(epochsOfRunA).containsExactlyElementsOf(IntStream.rangeClosed(1, checkpointed).boxed().toList());
        // Run B reports the checkpoint's epochs again first, so no epoch is missing even when run A stopped between
        // storing an epoch's checkpoint and reporting it; then it trains only the epochs after the checkpoint.
        assertThat(epochsOfRunB).as("run B alone reports every epoch, in order, with no gaps")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
        assertThat(metrics(job, runB).subList(0, checkpointed)).as("the epochs reported again, as run A reported them")
                .containsExactlyElementsOf(metrics(job, first.event().runId()));
        JsonNode card = card("jobs/" + job.jobId() + "/attempt-1/model-card.json");
        assertThat(card.get("resumedAfterEpoch").asInt()).isEqualTo(checkpointed);
        assertThat(card.get("resumedAtBatch").asInt()).as("run B started mid-epoch").isEqualTo(batchesDone.getFirst());
        assertThat(store.list("jobs/" + job.jobId() + "/attempt-1/checkpoints/"))
                .as("the mid-epoch checkpoint is dropped once a newer one is stored").noneMatch(midEpoch.asPredicate());
        assertThat(card.get("epochs")).hasSize(EPOCHS);
        assertThat(card.get("runId").asString()).isEqualTo(runB);

        // The API dispatches the finished job again as attempt 2: nothing is trained again.
        JobMessage again = new JobMessage(job.jobId(), 2, job.spec(), null);
        broker.publishJob(again);
        Received second = events.await(job.jobId(), p -> p instanceof Succeeded && !p.equals(end.payload()),
                DEADLINE);
        assertThat(second.event().attempt()).isEqualTo(2);
        assertThat(epochs(job, second.event().runId())).as("the stored epochs reported again, none trained")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
        assertThat(card("jobs/" + job.jobId() + "/attempt-2/model-card.json").get("resumedAfterEpoch").asInt())
                .isEqualTo(EPOCHS);
        assertThat(card("jobs/" + job.jobId() + "/attempt-2/model-card.json").get("resumedAtBatch").isNull())
                .isTrue();

        worker.close();
        worker = null;
        assertThat(broker.ready(train)).isZero();
        assertThat(broker.ready(broker.topology().deadLetterQueue())).isZero();
        assertThat(events.of(job.jobId())).filteredOn(r -> r.payload() instanceof Started).hasSize(3);
    }

    private List<Integer> epochs(JobMessage job, String runId) {
        return metrics(job, runId).stream().map(EpochMetric::epoch).toList();
    }

    private List<EpochMetric> metrics(JobMessage job, String runId) {
        return events.of(job.jobId()).stream()
                .filter(r -> r.event().runId().equals(runId) && r.payload() instanceof EpochMetric)
                .map(r -> (EpochMetric) r.payload())
                .toList();
    }

    private JsonNode card(String key) throws Exception {
        return JsonMapper.builder().build().readTree(store.open(key));
    }
}
