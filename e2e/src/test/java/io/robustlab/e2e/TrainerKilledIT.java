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
 * A trainer dies mid-job (SIGKILL: no shutdown hook, no checkpoint on the way out, no nack). The broker gives the
 * unacknowledged message back; a trainer started afterwards resumes the job after its newest stored checkpoint,
 * and the job finishes once.
 */
@ExtendWith(PlatformExtension.class)
@Order(4)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TrainerKilledIT {

    private static final int EPOCHS = 5;

    @Test
    void aKilledTrainersJobResumesFromItsCheckpointOnANewTrainer(Platform platform) {
        ServiceProcess first = platform.trainers(1).getFirst();
        ApiClient api = platform.api();
        String id = api.submit(Specs.gaussianMlp(platform.run(), "e2e resume", EPOCHS, 60_000, 10, 13))
                .path("id").asString();
        // 6,000 steps an epoch (1–3 s here): the kill lands in the second epoch, long before the last.
        // An epoch's metric is reported after its checkpoint is stored: from then on there is one to resume from.
        int before = Poll.until("job " + id + " trained an epoch", Duration.ofMinutes(2),
                () -> api.metrics(id).path("epochs").size(), epochs -> epochs >= 1);
        first.kill();
        System.out.printf("[e2e] killed %s after %d epoch(s)%n", first.name(), before);

        JsonNode killed = api.job(id);
        assertThat(killed.path("status").asString()).as("still running when its trainer died (else lengthen the "
                + "epochs)").isEqualTo("RUNNING");
        assertThat(before).isLessThan(EPOCHS);
        Poll.until("the unacknowledged message is back in the queue, with no consumer", Duration.ofSeconds(30),
                () -> platform.broker().state(platform.topology().trainQueue()),
                state -> state.ready() == 1 && state.consumers() == 0);

        ServiceProcess second = platform.trainers(1).getFirst();
        assertThat(second.name()).isNotEqualTo(first.name());
        JsonNode done = api.awaitFinished(id, "SUCCEEDED", Duration.ofMinutes(3));

        assertThat(done.path("attempt").asInt()).as("a broker redelivery, not a new attempt").isEqualTo(1);
        assertThat(done.path("runs").asInt()).as("two runs: killed, resumed").isEqualTo(2);
        assertThat(done.path("workerId").asString()).isEqualTo(second.name());
        assertThat(TrainThenEvaluateIT.transitions(done))
                .containsExactly("null→QUEUED", "QUEUED→RUNNING", "RUNNING→RUNNING", "RUNNING→SUCCEEDED");

        List<Integer> allEpochs = IntStream.rangeClosed(1, EPOCHS).boxed().toList();
        assertThat(api.metrics(id).path("epochs").valueStream().map(epoch -> epoch.path("epoch").asInt()).toList())
                .isEqualTo(allEpochs);
        // Every epoch-metric event either run published, in order. The killed run reported 1..j; the resumed run
        // reports again the epochs its checkpoint holds (a metric lost in the crash comes back), then trains on.
        List<Integer> reported = api.history(id).stream().filter(event -> event.event().equals("epoch-metric"))
                .map(event -> event.data().path("epoch").asInt()).toList();
        assertThat(reported.size()).isGreaterThan(EPOCHS);
        List<Integer> killedRun = reported.subList(0, reported.size() - EPOCHS);
        assertThat(killedRun).as("the killed run's epochs, in order")
                .isEqualTo(IntStream.rangeClosed(1, killedRun.size()).boxed().toList());
        assertThat(reported.subList(killedRun.size(), reported.size())).as("the resumed run reports every epoch once")
                .isEqualTo(allEpochs);

        JsonNode card = ApiClient.JSON.readTree(api.artifact(id, "model-card.json"));
        assertThat(card.path("resumedAfterEpoch").isInt()).as("resumed, not trained from scratch: " + card).isTrue();
        assertThat(card.path("resumedAfterEpoch").asInt()).isBetween(before, EPOCHS - 1)
                .isLessThanOrEqualTo(killedRun.size());
        assertThat(card.path("epochs").size()).isEqualTo(EPOCHS);
        assertThat(card.path("workerId").asString()).isEqualTo(second.name());
        assertThat(second.logContains("resuming after epoch " + card.path("resumedAfterEpoch").asInt())).isTrue();
    }
}
