package io.robustlab.api.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The AMQP broker the integration tests of this JVM use: the RabbitMQ at {@code ROBUSTLAB_TEST_RABBITMQ_HOST:PORT}
 * (default 127.0.0.1:5672, guest/guest), with a namespace of its own so that its exchanges and queues never meet
 * another run's. Where no RabbitMQ is reachable, the embedded broker of standalone mode, unless {@code CI=true},
 * where a missing RabbitMQ fails the run; tests of what only RabbitMQ does call
 * {@link #requireRabbitMq(ConnectionFactory)}.
 */
public final class TestBroker {

    private static TestBroker instance;

    private final String host;
    private final int port;
    private final String namespace;
    private final String missingRabbitMq;

    private TestBroker(String host, int port, String namespace, String missingRabbitMq) {
        this.host = host;
        this.port = port;
        this.namespace = namespace;
        this.missingRabbitMq = missingRabbitMq;
    }

    public static synchronized TestBroker get() {
        if (instance == null) {
            String host = System.getenv().getOrDefault("ROBUSTLAB_TEST_RABBITMQ_HOST", "127.0.0.1");
            int port = Integer.parseInt(System.getenv().getOrDefault("ROBUSTLAB_TEST_RABBITMQ_PORT", "5672"));
            String namespace = "it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            if (reachable(host, port)) {
                instance = new TestBroker(host, port, namespace, null);
            } else if (TestEnvironment.ci()) {
                throw new IllegalStateException("CI=true and no RabbitMQ at " + host + ":" + port
                        + ": start it (rabbitmq-server -detached)");
            } else {
                instance = new TestBroker("127.0.0.1", EmbeddedBroker.start(), namespace,
                        "no RabbitMQ at " + host + ":" + port + " (the embedded broker ran the other tests)");
            }
        }
        return instance;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The namespace of this JVM's exchanges and queues. */
    public String namespace() {
        return namespace;
    }

    /** Whether this is the embedded broker, which lacks RabbitMQ's queue arguments. */
    public boolean embedded() {
        return missingRabbitMq != null;
    }

    /**
     * For a test of what only RabbitMQ does (dead-lettering, delivery limits): skipped, with the reason, on another
     * AMQP broker (the embedded one); under {@code CI=true} that fails instead.
     */
    public static void requireRabbitMq(ConnectionFactory factory) {
        Object product;
        try (var connection = factory.createConnection()) {
            product = connection.getDelegate().getServerProperties().get("product");
        }
        if (product == null || !product.toString().equals("RabbitMQ")) {
            String reason = "needs RabbitMQ itself (dead-lettering, delivery limits); the broker is " + product;
            if (TestEnvironment.ci()) {
                throw new IllegalStateException("CI=true: " + reason);
            }
            Assumptions.abort(reason);
        }
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
