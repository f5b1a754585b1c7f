package io.robustlab.api.jobs;

import static io.robustlab.api.testing.FakeWorker.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.QueueReader;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.Cancelled;
import io.robustlab.contracts.message.WorkerEvent.CurvePoint;
import io.robustlab.contracts.message.WorkerEvent.EpochMetric;
import io.robustlab.contracts.message.WorkerEvent.Failed;
import io.robustlab.contracts.message.WorkerEvent.Heartbeat;
import io.robustlab.contracts.message.WorkerEvent.Progress;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

/** Worker events over the real broker, applied by the API's consumer: idempotent, ordered by status, never lost. */
class WorkerEventIT extends WorkerDrivenTest {

    @Test
    void duplicateEventsApplyOnce() {
        UUID job = submitTrain("duplicates");
        double duplicatesBefore = count("duplicate");
        WorkerEvent started = event(job, 1, "run-a", 0, STARTED);
        WorkerEvent point = event(job, 1, "run-a", 1, new EpochMetric(1, 0.9, 0.7, 0.8, 0.72, 0.05, 3.5));
        worker().send(started, started, point, point, event(job, 1, "run-a", 2, new Heartbeat()));
        awaitRecorded(job, "run-a", 2);

        assertThat(status(job)).isEqualTo("RUNNING");
        assertThat(jobRow(job)).containsEntry("worker_id", "worker-1").containsEntry("runs", 1);
        assertThat(transitions(job)).containsExactly("null->QUEUED", "QUEUED->RUNNING");
        assertThat(rows("epoch_metric", job)).isEqualTo(1);
        assertThat(rows("job_event", job)).isEqualTo(3);
        assertThat(jdbc.sql("select type || ' ' || (payload ->> 'type') || ' ' || (payload ->> 'testAccuracy')"
                + " from job_event where job_id = ? and sequence = 1").param(job).query(String.class).single())
                .as("the event as recorded, for the live stream").isEqualTo("epoch-metric epoch-metric 0.72");
        assertThat(count("duplicate") - duplicatesBefore).isEqualTo(2);
        assertThat(api().get("/api/v1/jobs/" + job).json().get("runs").asInt()).isEqualTo(1);
    }

    @Test
    void aSucceededTrainJobStoresItsArtifactsAndDispatchesTheEvaluateJobWaitingForIt() {
        UUID train = submitTrain("model for evaluate");
        UUID evaluate = submitEvaluate(train);
        worker().send(event(train, 1, "run-t", 0, STARTED),
                event(train, 1, "run-t", 1, new Succeeded(List.of(
                        new Artifact("model/model.json", "jobs/" + train + "/model/model.json", 120, "ab", "application/json"),
                        new Artifact("model/weights.npz", "jobs/" + train + "/model/weights.npz", 4096, "cd",
                                "application/octet-stream")))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(train)).isEqualTo("SUCCEEDED"));
        assertThat(rows("artifact", train)).isEqualTo(2);
        Message message = new QueueReader(rabbit).await(topology.attackQueue(), m -> m.getBody().length > 0
                && new String(m.getBody()).contains(evaluate.toString()), WAIT);
        JobMessage dispatched = MessageCodec.decodeJob(message.getBody());
        assertThat(dispatched.attempt()).isEqualTo(1);
        assertThat(dispatched.modelArtifact()).isEqualTo("jobs/" + train + "/model/");
        assertThat(jobRow(evaluate).get("waits_for")).isNull();
        assertThat(jobRow(train).get("progress_percent")).isEqualTo(100.0);
    }

    @Test
    void outOfOrderEventsNeverReopenOrRewindAJobAndLatePointsAreKept() {
        UUID job = submitTrain("out of order");
        worker().send(event(job, 1, "run-a", 0, STARTED),
                event(job, 1, "run-a", 3, new Succeeded(List.of())),
                event(job, 1, "run-a", 1, new CurvePoint("fgsm", "linf", 0.1, 0.42, 100)),
                event(job, 1, "run-a", 2, new Progress(50, "fgsm ε=0.1", 12.0, 80.0)),
                event(job, 1, "run-b", 0, STARTED),
                event(job, 1, "run-a", 4, new Failed("too late", false)),
                event(job, 1, "run-a", 5, new Heartbeat()));
        awaitRecorded(job, "run-a", 5);

        assertThat(status(job)).isEqualTo("SUCCEEDED");
        assertThat(transitions(job)).containsExactly("null->QUEUED", "QUEUED->RUNNING", "RUNNING->SUCCEEDED");
        assertThat(jdbc.sql("select accuracy from curve_point where job_id = ? and curve = 'fgsm'").param(job)
                .query(Double.class).single()).as("a point after succeeded is stored").isEqualTo(0.42);
        Map<String, Object> row = jobRow(job);
        assertThat(row.get("progress_percent")).isEqualTo(100.0);
        assertThat(row.get("failure_reason")).isNull();
        assertThat(row.get("runs")).as("a started after succeeded does not count as a run").isEqualTo(1);
        assertThat(cancelRequests(job)).as("the late run is told to stop")
                .anySatisfy(cancel -> assertThat(cancel.reason()).contains("already succeeded"));
    }

    @Test
    void aSecondRunOfTheSameAttemptIsARedeliveryAndAFailureOfTheEarlierRunDoesNotEndIt() {
        UUID job = submitTrain("redelivered");
        worker().send(event(job, 1, "run-a", 0, STARTED),
                event(job, 1, "run-b", 0, new Started("worker-2", "cpu", 2, "PyTorch")),
                event(job, 1, "run-a", 1, new Failed("worker-1 lost its broker connection", true)),
                event(job, 1, "run-b", 1, new Heartbeat()));
        awaitRecorded(job, "run-b", 1);

        assertThat(status(job)).isEqualTo("RUNNING");
        assertThat(jobRow(job)).containsEntry("runs", 2).containsEntry("worker_id", "worker-2")
                .containsEntry("run_id", "run-b");
        assertThat(transitions(job)).containsExactly("null->QUEUED", "QUEUED->RUNNING", "RUNNING->RUNNING");

        worker().send(event(job, 1, "run-b", 2, new Failed("the loss diverged to NaN at epoch 3", false)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(job)).isEqualTo("FAILED"));
        assertThat(jobRow(job).get("failure_reason")).isEqualTo("the loss diverged to NaN at epoch 3");
    }

    @Test
    void eventsOfAnAttemptThatWasGivenUpAreIgnored() {
        UUID job = submitTrain("stale attempt");
        worker().send(event(job, 1, "run-1", 0, STARTED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(job)).isEqualTo("RUNNING"));
        jdbc.sql("update job set heartbeat_at = now() - interval '1 day' where id = ?").param(job).update();
        watchdog.sweep();
        await().atMost(WAIT).untilAsserted(() -> assertThat(jobRow(job)).containsEntry("status", "QUEUED")
                .containsEntry("attempt", 2));
        double staleBefore = count("stale-attempt");

        worker().send(event(job, 1, "run-1", 1, new CurvePoint("fgsm", "linf", 0.1, 0.3, 10)),
                event(job, 1, "run-1", 2, new Progress(90, "fgsm", null, null)),
                event(job, 1, "run-1", 3, new Succeeded(List.of())),
                event(job, 1, "run-3", 0, STARTED),
                event(job, 2, "run-2", 0, new Started("worker-2", "cpu", 2, "PyTorch")));
        awaitRecorded(job, "run-2", 0);

        assertThat(jobRow(job)).containsEntry("status", "RUNNING").containsEntry("attempt", 2)
                .containsEntry("run_id", "run-2");
        assertThat(jobRow(job).get("progress_percent")).isNull();
        assertThat(rows("curve_point", job)).isZero();
        assertThat(jdbc.sql("select count(*) from job_event where job_id = ? and attempt = 1").param(job)
                .query(Long.class).single()).as("only attempt 1's started, from before it was given up").isEqualTo(1);
        assertThat(count("stale-attempt") - staleBefore).isEqualTo(4);
        assertThat(cancelRequests(job)).as("the worker that started the given-up attempt is told to stop")
                .anySatisfy(cancel -> {
                    assertThat(cancel.attempt()).isEqualTo(1);
                    assertThat(cancel.reason()).contains("given up");
                });
    }

    @Test
    void aRunningJobAskedToCancelIsCancelledWhenItsWorkerConfirms() {
        UUID job = submitTrain("cancel running");
        worker().send(event(job, 1, "run-a", 0, STARTED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(job)).isEqualTo("RUNNING"));

        Response cancel = api().post("/api/v1/jobs/" + job + "/cancel", "");
        assertThat(cancel.json().get("status").asString()).isEqualTo("RUNNING");
        assertThat(cancel.json().get("cancelRequested").asBoolean()).isTrue();
        // The broker delivers the job again to another worker before the first one stopped: it is told too.
        worker().send(event(job, 1, "run-b", 0, STARTED));
        awaitRecorded(job, "run-b", 0);
        assertThat(cancelRequests(job)).filteredOn(c -> c.reason().equals("cancelled by the user")).hasSize(2);

        worker().send(event(job, 1, "run-b", 1, new Cancelled("cancelled by the user")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(job)).isEqualTo("CANCELLED"));
        assertThat(transitions(job)).last().isEqualTo("RUNNING->CANCELLED");
    }

    @Test
    void anEventForAJobThatDoesNotExistIsAcknowledgedAndIgnored() {
        double before = count("unknown-job");
        worker().send(event(UUID.randomUUID(), 1, "run-x", 0, STARTED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count("unknown-job") - before).isEqualTo(1));
    }
}
