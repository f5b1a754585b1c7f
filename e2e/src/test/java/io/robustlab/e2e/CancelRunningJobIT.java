package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** A user cancels a job while its worker trains it: the worker stops within a batch and says so. */
@ExtendWith(PlatformExtension.class)
@Order(2)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CancelRunningJobIT {

    /** "Within seconds" on a loaded two-core machine: the request goes API → outbox → broker → worker → back. */
    private static final Duration CANCEL_WITHIN = Duration.ofSeconds(15);

    @Test
    void aRunningJobIsCancelledWithinSeconds(Platform platform) {
        ServiceProcess trainer = platform.trainers(1).getFirst();
        ApiClient api = platform.api();
        // Far more epochs than the test waits for: only a cancel ends it in time.
        String id = api.submit(Specs.gaussianMlp(platform.run(), "e2e cancel", 500, 10_000, 10, 5))
                .path("id").asString();
        api.awaitStatus(id, "RUNNING", Duration.ofMinutes(2));
        Poll.until("job " + id + " trained an epoch", Duration.ofMinutes(2),
                () -> api.metrics(id).path("epochs").size(), epochs -> epochs >= 1);

        long requested = System.nanoTime();
        JsonNode answer = api.cancel(id);
        assertThat(answer.path("status").asString()).as("a running job stops when its worker says so")
                .isEqualTo("RUNNING");
        assertThat(answer.path("cancelRequested").asBoolean()).isTrue();
        JsonNode cancelled = api.awaitFinished(id, "CANCELLED", CANCEL_WITHIN);
        System.out.printf("[e2e] job cancelled %.1f s after the request%n", (System.nanoTime() - requested) / 1e9);

        List<String> transitions = TrainThenEvaluateIT.transitions(cancelled);
        assertThat(transitions).containsExactly("null→QUEUED", "QUEUED→RUNNING", "RUNNING→CANCELLED");
        assertThat(api.metrics(id).path("epochs").size()).isLessThan(500);
        // The worker acknowledged the message (nothing back in the queue) and lives on to take the next job.
        Poll.until("the train queue is empty with its one consumer", Duration.ofSeconds(30),
                () -> platform.broker().state(platform.topology().trainQueue()),
                state -> state.ready() == 0 && state.consumers() == 1);
        Poll.until(trainer.name() + " runs no job", Duration.ofSeconds(10), () -> Prometheus.sum(
                trainer.get("/actuator/prometheus"), "robustlab_worker_jobs_running", Map.of()), running -> running == 0);
        assertThat(trainer.alive()).isTrue();
    }
}
