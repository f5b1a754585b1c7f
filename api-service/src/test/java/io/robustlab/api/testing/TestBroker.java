package io.robustlab.api.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

/**
 * The AMQP broker the integration tests of this JVM use: the RabbitMQ at {@code ROBUSTLAB_TEST_RABBITMQ_HOST:PORT}
 * (default 127.0.0.1:5672, guest/guest), with a namespace of its own so that its exchanges and queues never meet
 * another run's.
 */
public final class TestBroker {

    private static TestBroker instance;

    private final String host;
    private final int port;
    private final String namespace;

    private TestBroker(String host, int port, String namespace) {
        this.host = host;
        this.port = port;
        this.namespace = namespace;
    }

    public static synchronized TestBroker get() {
        if (instance == null) {
            String host = System.getenv().getOrDefault("ROBUSTLAB_TEST_RABBITMQ_HOST", "127.0.0.1");
            int port = Integer.parseInt(System.getenv().getOrDefault("ROBUSTLAB_TEST_RABBITMQ_PORT", "5672"));
            if (!reachable(host, port)) {
                throw new IllegalStateException("no RabbitMQ at " + host + ":" + port
                        + ": start it (rabbitmq-server -detached)");
            }
            instance = new TestBroker(host, port,
                    "it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
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

    /**
     * For a test of what only RabbitMQ does (dead-lettering, delivery limits): skipped, with the reason, on another
     * AMQP broker (the embedded one); under {@code CI=true} that fails instead.
     */
    public static void requireRabbitMq(org.springframework.amqp.rabbit.connection.ConnectionFactory factory) {
        Object product;
        try (var connection = factory.createConnection()) {
            product = connection.getDelegate().getServerProperties().get("product");
        }
        if (product == null || !product.toString().equals("RabbitMQ")) {
            String reason = "needs RabbitMQ itself (dead-lettering, delivery limits); the broker is " + product;
            if (TestEnvironment.ci()) {
                throw new IllegalStateException("CI=true: " + reason);
            }
            org.junit.jupiter.api.Assumptions.abort(reason);
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
