package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A trainer is stopped mid-epoch the way Kubernetes or docker stop it (SIGTERM). It stops consuming, stores a
 * checkpoint of the epoch in progress, returns the message and exits within its grace period; a trainer started
 * afterwards resumes the job from that batch, and the job finishes once.
 */
@ExtendWith(PlatformExtension.class)
@Order(4)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TrainerStoppedIT {

    private static final int EPOCHS = 4;
    /** The workers' default {@code robustlab.worker.shutdown-timeout} is 60 s; a checkpoint takes milliseconds. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    @Test
    void aStoppedTrainerCheckpointsTheEpochInProgressAndANewTrainerResumesFromIt(Platform platform)
            throws InterruptedException {
        ServiceProcess first = platform.trainers(1).getFirst();
        ApiClient api = platform.api();
        String id = api.submit(Specs.gaussianMlp(platform.run(), "e2e sigterm", EPOCHS, 60_000, 10, 17))
                .path("id").asString();
        // 6,000 steps an epoch (1–3 s here). Stop a third of an epoch after the first one finished: mid-epoch 2.
        JsonNode epochs = Poll.until("job " + id + " trained an epoch", Duration.ofMinutes(2),
                () -> api.metrics(id).path("epochs"), finished -> finished.size() >= 1);
        Thread.sleep((long) (epochs.get(0).path("seconds").asDouble() * 1000 / 3));
        assertThat(first.stop(GRACE)).as("the trainer exits by itself within its grace period").isTrue();
        int before = api.metrics(id).path("epochs").size();
        System.out.printf("[e2e] stopped %s after %d epoch(s)%n", first.name(), before);

        assertThat(first.logContains("stored its checkpoint in epoch " + (before + 1) + " after "))
                .as("the stopped trainer stored the epoch in progress:\n" + first.tail(30)).isTrue();
        assertThat(api.job(id).path("status").asString()).isEqualTo("RUNNING");
        Poll.until("the returned message is back in the queue, with no consumer", Duration.ofSeconds(30),
                () -> platform.broker().state(platform.topology().trainQueue()),
                state -> state.ready() == 1 && state.consumers() == 0);

        ServiceProcess second = platform.trainers(1).getFirst();
        assertThat(second.name()).isNotEqualTo(first.name());
        JsonNode done = api.awaitFinished(id, "SUCCEEDED", Duration.ofMinutes(3));

        assertThat(done.path("attempt").asInt()).as("the message was returned, not a new attempt").isEqualTo(1);
        assertThat(done.path("runs").asInt()).as("two runs: stopped, resumed").isEqualTo(2);
        assertThat(done.path("workerId").asString()).isEqualTo(second.name());
        assertThat(api.metrics(id).path("epochs").valueStream().map(epoch -> epoch.path("epoch").asInt()).toList())
                .isEqualTo(IntStream.rangeClosed(1, EPOCHS).boxed().toList());

        JsonNode card = ApiClient.JSON.readTree(api.artifact(id, "model-card.json"));
        assertThat(card.path("resumedAfterEpoch").asInt()).as(card.toString()).isEqualTo(before);
        int batches = card.path("resumedAtBatch").asInt();
        assertThat(batches).as("resumed mid-epoch: " + card).isBetween(1, 5_999);
        assertThat(second.logContains("resuming in epoch " + (before + 1) + " after " + batches + " batches"))
                .isTrue();
        assertThat(first.logContains("stored its checkpoint in epoch " + (before + 1) + " after " + batches
                + " batches")).as("the checkpoint the new trainer resumed from is the one the stopped one stored")
                .isTrue();
        List<String> reported = api.history(id).stream().map(ApiClient.StreamEvent::event).toList();
        assertThat(reported).filteredOn("failed"::equals).isEmpty();
    }
}
