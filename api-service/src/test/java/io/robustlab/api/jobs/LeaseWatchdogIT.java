package io.robustlab.api.jobs;

import static io.robustlab.api.testing.FakeWorker.event;
import static io.robustlab.api.testing.QueueReader.isJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.robustlab.api.testing.QueueReader;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.WorkerEvent.Heartbeat;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lease watchdog, run directly after a job's last event was moved into the past (so that no test waits for a
 * lease to run out).
 */
class LeaseWatchdogIT extends WorkerDrivenTest {

    @Autowired
    JobProperties properties;

    @Test
    void aJobWhoseWorkerWentSilentRunsAgainAsTheNextAttemptThenFailsAfterItsMaxAttempts() {
        UUID job = submitTrain("lease");
        int maxAttempts = properties.maxAttempts();
        assertThat(maxAttempts).as("this test needs a retry").isGreaterThan(1);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            int current = attempt;
            worker().send(event(job, attempt, "run-" + attempt, 0, STARTED));
            await().atMost(WAIT).untilAsserted(() -> assertThat(jobRow(job)).containsEntry("status", "RUNNING")
                    .containsEntry("attempt", current));

            silence(job);
            watchdog.sweep();

            // Awaited: the scheduled sweep may be settling the job at the same time (this one then skips it).
            if (attempt < maxAttempts) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(jobRow(job)).containsEntry("status", "QUEUED")
                        .containsEntry("attempt", current + 1).containsEntry("worker_id", null)
                        .containsEntry("heartbeat_at", null));
                Message message = new QueueReader(rabbit).await(topology.trainQueue(), isJob(job, current + 1), WAIT);
                assertThat(MessageCodec.decodeJob(message.getBody()).spec().kind()).isEqualTo("Train");
            } else {
                await().atMost(WAIT).untilAsserted(() -> assertThat(jobRow(job)).containsEntry("status", "FAILED")
                        .containsEntry("attempt", maxAttempts));
            }
            assertThat(cancelRequests(job)).as("the silent worker of attempt %d is told to stop", attempt)
                    .anySatisfy(cancel -> assertThat(cancel.attempt()).isEqualTo(current));
        }

        assertThat((String) jobRow(job).get("failure_reason")).contains("lost its worker " + maxAttempts + " times");
        List<String> expected = new ArrayList<>(List.of("null->QUEUED"));
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            expected.add("QUEUED->RUNNING");
            expected.add(attempt < maxAttempts ? "RUNNING->QUEUED" : "RUNNING->FAILED");
        }
        assertThat(transitions(job)).isEqualTo(expected);
        assertThat(api().get("/api/v1/jobs/" + job).json().get("timeline").get(2).get("reason").asString())
                .contains("worker-1 sent nothing for").contains("attempt 2");
    }

    @Test
    void aWorkerThatKeepsReportingKeepsItsLease() {
        UUID job = submitTrain("alive");
        worker().send(event(job, 1, "run-1", 0, STARTED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(job)).isEqualTo("RUNNING"));
        silence(job);
        worker().send(event(job, 1, "run-1", 1, new Heartbeat()));
        awaitRecorded(job, "run-1", 1);

        watchdog.sweep();

        assertThat(jobRow(job)).containsEntry("status", "RUNNING").containsEntry("attempt", 1);
    }

    @Test
    void aCancelItsWorkerDoesNotConfirmWithinTheLeaseCancelsTheJob() {
        UUID job = submitTrain("unconfirmed cancel");
        worker().send(event(job, 1, "run-1", 0, STARTED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(job)).isEqualTo("RUNNING"));
        assertThat(api().post("/api/v1/jobs/" + job + "/cancel", "").json().get("cancelRequested").asBoolean())
                .isTrue();

        watchdog.sweep();
        assertThat(status(job)).as("its worker still has time to confirm").isEqualTo("RUNNING");

        jdbc.sql("update job set cancel_requested_at = now() - interval '1 day' where id = ?").param(job).update();
        watchdog.sweep();

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(job)).isEqualTo("CANCELLED"));
        assertThat(transitions(job)).last().isEqualTo("RUNNING->CANCELLED");
        assertThat(api().get("/api/v1/jobs/" + job).json().get("timeline").get(2).get("reason").asString())
                .contains("did not confirm");
    }

    /** The job's last event happened longer ago than the lease timeout. */
    private void silence(UUID job) {
        jdbc.sql("update job set heartbeat_at = now() - interval '1 day' where id = ?").param(job).update();
    }
}
