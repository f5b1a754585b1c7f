package io.robustlab.api.testing;

import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import io.robustlab.contracts.message.WorkerEvent;
import java.time.Instant;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Reports worker events to the API over the broker, as a worker does, for tests that drive a job. */
public final class FakeWorker {

    private final RabbitTemplate rabbit;
    private final Topology topology;

    public FakeWorker(RabbitTemplate rabbit, Topology topology) {
        this.rabbit = rabbit;
        this.topology = topology;
    }

    public static WorkerEvent event(UUID jobId, int attempt, String runId, long sequence,
            WorkerEvent.Payload payload) {
        return new WorkerEvent(jobId.toString(), attempt, runId, sequence, Instant.now(), payload);
    }

    /** Publishes the events in this order, on one channel, so that the API receives them in this order. */
    public void send(WorkerEvent... events) {
        rabbit.invoke(operations -> {
            for (WorkerEvent event : events) {
                MessageProperties properties = new MessageProperties();
                properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
                properties.setMessageId(UUID.randomUUID().toString());
                operations.send(topology.eventsExchange(), "job." + event.jobId(),
                        new Message(MessageCodec.encode(event), properties));
            }
            return null;
        });
    }

    /** Publishes raw bytes as an event, as a broken worker might. */
    public void sendRaw(byte[] body, String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        rabbit.send(topology.eventsExchange(), "job.garbage", new Message(body, properties));
    }
}
