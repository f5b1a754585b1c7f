package io.robustlab.e2e;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.robustlab.contracts.message.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The broker as the tests touch it directly, beside the API: publishing messages no API would send, looking at
 * queues, catching what is dead-lettered, and deleting the run's namespace at the end.
 */
final class BrokerClient implements AutoCloseable {

    /** What a queue holds and who reads it, as a passive declare reports. */
    record QueueState(int ready, int consumers) {
    }

    private final Connection connection;
    private final Topology topology;

    BrokerClient(String host, int port, Topology topology) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setConnectionTimeout(5_000);
        try {
            this.connection = factory.newConnection("robustlab-e2e");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to RabbitMQ at " + host + ":" + port, e);
        }
        this.topology = topology;
    }

    Topology topology() {
        return topology;
    }

    /**
     * Publishes to an exchange, persistent and mandatory, and waits for the broker's confirm; fails when the
     * message was not routed to any queue.
     */
    void publish(String exchange, String routingKey, byte[] body) {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            List<String> returned = new CopyOnWriteArrayList<>();
            channel.addReturnListener(r -> returned.add(r.getReplyText()));
            AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                    .contentType("application/json").messageId(UUID.randomUUID().toString()).build();
            channel.basicPublish(exchange, routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(10_000);
            if (!returned.isEmpty()) {
                throw new AssertionError("the broker returned the message published to " + exchange + " with key "
                        + routingKey + ": " + returned);
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("publishing to " + exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A passive declare of the queue: its ready messages and consumers. */
    QueueState state(String queue) {
        try (Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
            return new QueueState(ok.getMessageCount(), ok.getConsumerCount());
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("queue " + queue + " cannot be looked at", e);
        }
    }

    /** Takes one message off a queue, acknowledged; null when it is empty. */
    GetResponse take(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.basicGet(queue, true);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("taking from " + queue, e);
        }
    }

    /**
     * A queue of the test's own, bound to the dead-letter exchange with the routing key: it gets a copy of every
     * job message dead-lettered from that queue from now on, whoever else reads the dead-letter queue.
     */
    DeadLetterTap tapDeadLetters(String routingKey) {
        try {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, topology.deadLetterExchange(), routingKey);
            return new DeadLetterTap(channel, queue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies of dead-lettered messages, in the order they were dead-lettered. */
    static final class DeadLetterTap implements AutoCloseable {

        private final Channel channel;
        private final String queue;
        private final List<GetResponse> received = new ArrayList<>();

        private DeadLetterTap(Channel channel, String queue) {
            this.channel = channel;
            this.queue = queue;
        }

        /** Waits until at least {@code count} messages arrived; all of them. */
        List<GetResponse> await(int count, Duration timeout) {
            return Poll.until(count + " dead-lettered message(s)", timeout, () -> {
                try {
                    for (GetResponse got = channel.basicGet(queue, true); got != null;
                            got = channel.basicGet(queue, true)) {
                        received.add(got);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return List.copyOf(received);
            }, got -> got.size() >= count);
        }

        @Override
        public void close() throws IOException, TimeoutException {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }

    /** Deletes every queue and exchange of the namespace (the API's topology); what is already gone is skipped. */
    void deleteNamespace() {
        for (String queue : List.of(topology.trainQueue(), topology.attackQueue(), topology.deadLetterQueue(),
                topology.eventsQueue(), topology.eventsDeadLetterQueue())) {
            delete(channel -> channel.queueDelete(queue));
        }
        for (String exchange : List.of(topology.jobsExchange(), topology.deadLetterExchange(),
                topology.eventsExchange(), topology.controlExchange())) {
            delete(channel -> channel.exchangeDelete(exchange));
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // the broker went away: nothing left to close
        }
    }

    private interface ChannelAction {
        void run(Channel channel) throws IOException;
    }

    private void delete(ChannelAction action) {
        try (Channel channel = connection.createChannel()) {
            action.run(channel);
        } catch (IOException | TimeoutException e) {
            // one that cannot be deleted (already gone) does not keep the others
        }
    }
}
