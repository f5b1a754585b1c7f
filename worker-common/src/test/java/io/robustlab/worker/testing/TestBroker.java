package io.robustlab.worker.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.robustlab.contracts.message.CancelRequest;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A real RabbitMQ for worker tests, under a namespace of its own ({@code it-<random>}) so concurrent runs never
 * see each other's messages; {@link #close()} deletes everything it declared. The topology is declared as the API
 * declares it: quorum job queues with a delivery limit that dead-letter to {@code <ns>.dlx} → {@code <ns>.dead}.
 *
 * <p>Without a broker at {@code ROBUSTLAB_TEST_RABBITMQ} (default {@code amqp://guest:guest@127.0.0.1:5672}) the
 * test is skipped, saying why, except under {@code CI=true}, where it fails.
 */
public final class TestBroker implements AutoCloseable {

    /** Deliveries of one job message before the broker dead-letters it. */
    public static final int DELIVERY_LIMIT = 3;

    private final String uri;
    private final Connection connection;
    private final Channel channel;
    private final Topology topology;
    private final String eventsQueue;

    private TestBroker(String uri, Connection connection) throws IOException {
        this.uri = uri;
        this.connection = connection;
        this.channel = connection.createChannel();
        this.channel.confirmSelect();
        this.topology = new Topology("it-" + UUID.randomUUID().toString().substring(0, 8));
        this.eventsQueue = topology.namespace() + ".events.test";
    }

    /** Connects, or skips the test (fails it under CI) when no broker answers. */
    public static TestBroker connect() {
        String uri = System.getenv().getOrDefault("ROBUSTLAB_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672");
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            factory.setConnectionTimeout(3000);
            return new TestBroker(uri, factory.newConnection("robustlab-worker-tests"));
        } catch (Exception e) {
            String why = "these tests need RabbitMQ at " + uri + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why);
            throw new IllegalStateException(why);
        }
    }

    public Topology topology() {
        return topology;
    }

    /** Where the broker is, with its credentials. */
    public java.net.URI uri() {
        return java.net.URI.create(uri);
    }

    /**
     * Command-line arguments for a worker application: this broker and namespace, and {@code more}. Arguments, not
     * default properties, so that they win over the application's {@code application.yml}.
     */
    public String[] workerArguments(Map<String, Object> more) {
        java.net.URI parsed = uri();
        String[] user = parsed.getUserInfo() == null ? new String[] {"guest", "guest"}
                : parsed.getUserInfo().split(":", 2);
        Map<String, Object> properties = new java.util.TreeMap<>(more);
        properties.put("spring.rabbitmq.host", parsed.getHost());
        properties.put("spring.rabbitmq.port", parsed.getPort() < 0 ? 5672 : parsed.getPort());
        properties.put("spring.rabbitmq.username", user[0]);
        properties.put("spring.rabbitmq.password", user.length > 1 ? user[1] : "");
        properties.put("robustlab.messaging.namespace", topology.namespace());
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /** Declares the exchanges and queues the API would, and this test's own queue of every event. */
    public void declareTopology() throws IOException {
        channel.exchangeDeclare(topology.jobsExchange(), BuiltinExchangeType.DIRECT, true);
        channel.exchangeDeclare(topology.deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(topology.deadLetterQueue(), true, false, false, null);
        Map<String, Object> jobQueue = Map.of("x-queue-type", "quorum", "x-delivery-limit", DELIVERY_LIMIT,
                "x-dead-letter-exchange", topology.deadLetterExchange());
        for (String kind : List.of(Topology.TRAIN, Topology.ATTACK)) {
            String queue = kind.equals(Topology.TRAIN) ? topology.trainQueue() : topology.attackQueue();
            channel.queueDeclare(queue, true, false, false, jobQueue);
            channel.queueBind(queue, topology.jobsExchange(), kind);
            channel.queueBind(topology.deadLetterQueue(), topology.deadLetterExchange(), kind);
        }
        channel.exchangeDeclare(topology.eventsExchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(topology.controlExchange(), BuiltinExchangeType.FANOUT, true);
    }

    /** Starts collecting every event published from now on. */
    public EventStream events() throws IOException {
        Channel events = connection.createChannel();
        events.queueDeclare(eventsQueue, false, false, false, null);
        events.queueBind(eventsQueue, topology.eventsExchange(), "#");
        return EventStream.consume(events, eventsQueue);
    }

    public void publishJob(JobMessage message) throws IOException, InterruptedException, TimeoutException {
        publish(topology.jobsExchange(), Topology.routingKey(message.kind()), MessageCodec.encode(message));
    }

    public void publish(String exchange, String routingKey, byte[] body)
            throws IOException, InterruptedException, TimeoutException {
        channel.basicPublish(exchange, routingKey, true,
                new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(), body);
        channel.waitForConfirmsOrDie(5000);
    }

    public void cancel(CancelRequest cancel) throws IOException, InterruptedException, TimeoutException {
        publish(topology.controlExchange(), "", MessageCodec.encode(cancel));
    }

    /** Messages ready in a queue (not those delivered and unacknowledged). */
    public long ready(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    public long consumers(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getConsumerCount();
    }

    /** Takes one message from a queue, or null. */
    public GetResponse take(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    /**
     * The {@code x-delivery-count} of the next message in a quorum queue (deliveries so far), read by taking the
     * message and returning it, which counts as one more delivery; -1 when the queue is empty.
     */
    public long deliveryCountOfNext(String queue) throws IOException {
        GetResponse next = channel.basicGet(queue, false);
        if (next == null) {
            return -1;
        }
        channel.basicNack(next.getEnvelope().getDeliveryTag(), false, true);
        Map<String, Object> headers = next.getProps().getHeaders();
        Object count = headers == null ? null : headers.get("x-delivery-count");
        return count instanceof Number number ? number.longValue() : 0;
    }

    @Override
    public void close() throws IOException, TimeoutException {
        try (Connection closing = connection) {
            Channel cleanup = closing.createChannel();
            for (String queue : List.of(topology.trainQueue(), topology.attackQueue(), topology.deadLetterQueue(),
                    eventsQueue)) {
                cleanup.queueDelete(queue);
            }
            for (String exchange : List.of(topology.jobsExchange(), topology.deadLetterExchange(),
                    topology.eventsExchange(), topology.controlExchange())) {
                cleanup.exchangeDelete(exchange);
            }
        }
    }
}
