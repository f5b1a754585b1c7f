package io.robustlab.worker.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.EpochMetric;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.Topology;
import io.robustlab.worker.job.EventPublishException;
import io.robustlab.worker.job.RetryPolicy;
import io.robustlab.worker.testing.EventStream;
import io.robustlab.worker.testing.TestBroker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

class RabbitEventPublisherIT {

    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10));

    private TestBroker broker;
    private CachingConnectionFactory connections;

    @BeforeEach
    void connect() throws Exception {
        broker = TestBroker.connect();
        broker.declareTopology();
        connections = new CachingConnectionFactory(broker.uri());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
    }

    @AfterEach
    void close() throws Exception {
        if (connections != null) {
            connections.destroy();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static WorkerEvent event(long sequence, WorkerEvent.Payload payload) {
        return new WorkerEvent("job-1", 2, "run-1", sequence, Instant.parse("2026-01-01T00:00:00Z"), payload);
    }

    @Test
    void anEventIsConfirmedAndRoutedUnderItsKindAndType() throws Exception {
        EventStream events = broker.events();
        RabbitEventPublisher publisher = new RabbitEventPublisher(connections, broker.topology(),
                Duration.ofSeconds(5), FAST);

        publisher.publish("Train", event(0, new Started("w", "cpu", 2, "PyTorch 2.7.1")));
        publisher.publish("Evaluate", event(1, new EpochMetric(1, 0.5, null, null, null, 0.1, 2.0)));

        EventStream.Received started = events.await("job-1", p -> p instanceof Started, Duration.ofSeconds(10));
        EventStream.Received metric = events.await("job-1", p -> p instanceof EpochMetric, Duration.ofSeconds(10));
        assertThat(started.routingKey()).isEqualTo("train.started");
        assertThat(started.event()).isEqualTo(event(0, new Started("w", "cpu", 2, "PyTorch 2.7.1")));
        assertThat(metric.routingKey()).isEqualTo("attack.epoch-metric");
    }

    @Test
    void anEventNoQueueWouldReceiveIsNotTakenForPublished() {
        // No queue is bound to the events exchange: RabbitMQ returns the event and then acks it.
        RabbitEventPublisher publisher = new RabbitEventPublisher(connections, broker.topology(),
                Duration.ofSeconds(5), FAST);

        assertThatThrownBy(() -> publisher.publish("Train", event(0, new Started("w", "cpu", 2, "e"))))
                .isInstanceOf(EventPublishException.class)
                .hasMessageContaining("after 2 tries")
                .hasMessageContaining("unroutable");
    }

    @Test
    void anEventForAMissingExchangeFails() {
        RabbitEventPublisher publisher = new RabbitEventPublisher(connections,
                new Topology(broker.topology().namespace() + "-absent"), Duration.ofSeconds(5), FAST);

        assertThatThrownBy(() -> publisher.publish("Train", event(0, new Started("w", "cpu", 2, "e"))))
                .isInstanceOf(EventPublishException.class)
                .hasMessageContaining("not confirmed after 2 tries");
    }

    @Test
    void aConnectionWithoutConfirmsIsRefusedAtStart() {
        CachingConnectionFactory plain = new CachingConnectionFactory(broker.uri());
        try {
            assertThatThrownBy(() -> new RabbitEventPublisher(plain, broker.topology(), Duration.ofSeconds(5), FAST))
                    .hasMessageContaining("publisher-confirm-type=correlated");
        } finally {
            plain.destroy();
        }
    }
}
