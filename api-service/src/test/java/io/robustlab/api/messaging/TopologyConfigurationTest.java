package io.robustlab.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.contracts.message.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.ExchangeTypes;
import org.springframework.amqp.core.Queue;

class TopologyConfigurationTest {

    private static final Topology TOPOLOGY = new Topology("unit");

    @Test
    void jobQueuesAreDurableQuorumQueuesWithADeliveryLimitAndDeadLettering() {
        Map<String, Queue> queues = queues(properties(true, true));

        assertThat(queues.get("unit.train").getArguments()).containsEntry("x-queue-type", "quorum")
                .containsEntry("x-delivery-limit", 4).containsEntry("x-dead-letter-exchange", "unit.dlx");
        assertThat(queues.get("unit.attack").getArguments()).isEqualTo(queues.get("unit.train").getArguments());
        assertThat(queues.get("unit.events.api").getArguments()).containsEntry("x-dead-letter-exchange", "unit.dlx")
                .containsEntry("x-dead-letter-routing-key", "unit.events.api").doesNotContainKey("x-queue-type");
        assertThat(queues.values()).allMatch(Queue::isDurable).noneMatch(Queue::isAutoDelete);
        assertThat(queues).containsKeys("unit.dead", "unit.events.dead");

        Map<String, String> exchanges = new TopologyConfiguration().brokerTopology(TOPOLOGY, properties(true, true))
                .getDeclarablesByType(Exchange.class).stream()
                .collect(Collectors.toMap(Exchange::getName, Exchange::getType));
        assertThat(exchanges).containsEntry("unit.jobs", ExchangeTypes.DIRECT)
                .containsEntry("unit.events", ExchangeTypes.TOPIC).containsEntry("unit.control", ExchangeTypes.FANOUT)
                .containsEntry("unit.dlx", ExchangeTypes.DIRECT);
        assertThat(new TopologyConfiguration().brokerTopology(TOPOLOGY, properties(true, true))
                .getDeclarablesByType(Binding.class))
                .anySatisfy(b -> assertThat(b.getDestination() + " " + b.getRoutingKey()).isEqualTo("unit.dead train"))
                .anySatisfy(b -> assertThat(b.getDestination() + " " + b.getRoutingKey())
                        .isEqualTo("unit.events.dead unit.events.api"))
                .noneSatisfy(b -> assertThat(b.getExchange()).isEqualTo("unit.control"));
    }

    @Test
    void aBrokerWithoutQuorumQueuesOrDeadLetteringGetsQueuesWithoutArguments() {
        Map<String, Queue> queues = queues(properties(false, false));

        assertThat(queues).containsOnlyKeys("unit.train", "unit.attack", "unit.events.api");
        assertThat(queues.values()).allSatisfy(queue -> assertThat(queue.getArguments()).isEmpty());
    }

    private static Map<String, Queue> queues(MessagingProperties properties) {
        return new TopologyConfiguration().brokerTopology(TOPOLOGY, properties).getDeclarablesByType(Queue.class)
                .stream().collect(Collectors.toMap(Queue::getName, queue -> queue));
    }

    private static MessagingProperties properties(boolean quorum, boolean deadLettering) {
        return new MessagingProperties("unit", 4, quorum, deadLettering, Duration.ofMillis(200), 200,
                Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofDays(1), Duration.ofSeconds(10));
    }
}
