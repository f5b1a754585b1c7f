package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages a worker cannot run — bytes that are not a job message at all, and a job's message whose spec is
 * invalid — are dead-lettered at once; the job they name fails with the reason; the worker goes on with the next
 * job.
 */
@ExtendWith(PlatformExtension.class)
@Order(5)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonMessageIT {

    @Test
    void poisonMessagesAreDeadLetteredAndTheNextJobStillRuns(Platform platform) throws Exception {
        // No trainer while the queue is set up, so that the poison comes first.
        platform.trainers(0);
        ApiClient api = platform.api();
        BrokerClient broker = platform.broker();
        Topology topology = platform.topology();
        try (BrokerClient.DeadLetterTap deadLetters = broker.tapDeadLetters(Topology.TRAIN)) {
            String poisoned = api.submit(Specs.gaussianMlp(platform.run(), "e2e poisoned", 1, 500, 50, 17))
                    .path("id").asString();
            // The API's message for the job is replaced by one whose spec is invalid, as a buggy or newer
            // publisher would send it.
            GetResponse original = Poll.until("job " + poisoned + "'s message is queued", Duration.ofSeconds(30),
                    () -> broker.take(topology.trainQueue()), Objects::nonNull);
            assertThat(MessageCodec.decodeJob(original.getBody()).jobId()).isEqualTo(poisoned);
            ObjectNode message = (ObjectNode) ApiClient.JSON.readTree(original.getBody());
            ((ObjectNode) message.get("spec")).put("epochs", 0);
            byte[] garbage = "this is not a job message {".getBytes(StandardCharsets.UTF_8);

            broker.publish(topology.jobsExchange(), Topology.TRAIN, garbage);
            broker.publish(topology.jobsExchange(), Topology.TRAIN, ApiClient.JSON.writeValueAsBytes(message));
            ServiceProcess trainer = platform.trainers(1).getFirst();
            String next = api.submit(Specs.gaussianMlp(platform.run(), "e2e after poison", 1, 500, 50, 19))
                    .path("id").asString();

            List<GetResponse> dead = deadLetters.await(2, Duration.ofMinutes(1));
            assertThat(dead).hasSize(2);
            assertThat(dead.get(0).getBody()).isEqualTo(garbage);
            assertThat(ApiClient.JSON.readTree(dead.get(1).getBody()).path("jobId").asString()).isEqualTo(poisoned);
            for (GetResponse letter : dead) {
                Map<String, Object> death = firstDeath(letter);
                assertThat(death.get("reason")).hasToString("rejected");
                assertThat(death.get("queue")).hasToString(topology.trainQueue());
                assertThat(((Number) death.get("count")).longValue()).as("rejected once, never retried")
                        .isEqualTo(1);
            }

            JsonNode failed = api.awaitFinished(poisoned, "FAILED", Duration.ofMinutes(1));
            assertThat(failed.path("failureReason").asString()).as("the reason names what is wrong")
                    .contains("epochs");
            api.awaitFinished(next, "SUCCEEDED", Duration.ofMinutes(2));
            assertThat(trainer.alive()).isTrue();
            assertThat(broker.state(topology.trainQueue()).ready()).isZero();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstDeath(GetResponse letter) {
        Object deaths = letter.getProps().getHeaders().get("x-death");
        assertThat(deaths).as("x-death header").isInstanceOf(List.class);
        return (Map<String, Object>) ((List<Object>) deaths).getFirst();
    }
}
