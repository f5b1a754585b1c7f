package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * An attack worker dies mid-evaluation (SIGKILL). The broker gives the unacknowledged message back; an attack worker
 * started afterwards takes the finished attack from its stored checkpoint, runs only the rest, and the job finishes
 * once with every curve.
 */
@ExtendWith(PlatformExtension.class)
@Order(4)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class AttackerKilledIT {

    @Test
    void aKilledAttackWorkersEvaluationResumesAfterItsFinishedAttack(Platform platform) {
        TrainThenEvaluateIT.requireFashionMnist();
        platform.trainers(1);
        ServiceProcess first = platform.attackers(1).getFirst();
        ApiClient api = platform.api();
        String train = api.submit(Specs.fashionMnistMlp(platform.run(), 1)).path("id").asString();
        api.awaitFinished(train, "SUCCEEDED", Duration.ofMinutes(3));

        // FGSM takes a second; the PGD after it (200 steps, 3 restarts, 1,000 images, small budgets that few images
        // break early) far longer: the kill lands in it.
        String evaluate = api.submit("""
                {"apiVersion": "robustlab/v1", "kind": "Evaluate",
                 "metadata": {"name": "e2e killed evaluation", "labels": {"e2e": "%s"}},
                 "model": {"trainJob": "%s"}, "dataset": {"name": "fashion-mnist"}, "samples": 1000,
                 "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 200, "restarts": 3}],
                 "epsilons": [{"values": [0, 0.01, 0.02]}], "batchSize": 100, "seed": 5}
                """.formatted(platform.run(), train)).path("id").asString();
        Path fgsmKept = platform.artifacts().resolve("jobs/" + evaluate + "/attempt-1/evaluation/attack-00.json");
        Poll.until("FGSM's checkpoint is stored", Duration.ofMinutes(2), () -> Files.exists(fgsmKept), kept -> kept);
        first.kill();
        assertThat(api.job(evaluate).path("status").asString()).as("still running when its worker died")
                .isEqualTo("RUNNING");
        assertThat(platform.artifacts().resolve("jobs/" + evaluate + "/attempt-1/evaluation/attack-01.json"))
                .as("killed inside PGD, before it finished").doesNotExist();

        ServiceProcess second = platform.attackers(1).getFirst();
        assertThat(second.name()).isNotEqualTo(first.name());
        JsonNode done = api.awaitFinished(evaluate, "SUCCEEDED", Duration.ofMinutes(4));

        assertThat(done.path("attempt").asInt()).as("a broker redelivery, not a new attempt").isEqualTo(1);
        assertThat(done.path("runs").asInt()).as("two runs: killed, resumed").isEqualTo(2);
        assertThat(done.path("workerId").asString()).isEqualTo(second.name());
        assertThat(second.logContains("resuming evaluation with 1 of 2 attacks done")).isTrue();
        JsonNode result = ApiClient.JSON.readTree(api.artifact(evaluate, "result.json"));
        assertThat(result.path("timings").path("resumedAttacks").valueStream().map(JsonNode::asString).toList())
                .containsExactly("fgsm (L∞)");
        List<String> curves = api.curves(evaluate).path("curves").valueStream()
                .map(curve -> curve.path("label").asString()).toList();
        assertThat(curves).contains("fgsm (L∞)", "linf-pgd (L∞)");
        for (JsonNode curve : api.curves(evaluate).path("curves")) {
            assertThat(curve.path("points").size()).as(curve.path("label").asString()).isEqualTo(3);
        }
    }
}
