package io.robustlab.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * Apache Qpid Broker-J in this JVM, an AMQP 0-9-1 broker for machines without RabbitMQ. It keeps messages in memory
 * and ignores RabbitMQ's queue arguments (dead-lettering, delivery limits, quorum queues), so tests of those need
 * RabbitMQ itself.
 */
final class EmbeddedBroker {

    private EmbeddedBroker() {
    }

    /** Starts a broker on a free loopback port (user guest/guest) and returns the port. */
    static int start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path work = Files.createTempDirectory("qpid-");
            Map<String, Object> context = new HashMap<>();
            context.put("qpid.amqp_port", port);
            context.put("qpid.work_dir", work.toString());
            // Without this, a queue declared with RabbitMQ's arguments closes the whole connection.
            context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("type", "Memory");
            attributes.put("initialConfigurationLocation",
                    EmbeddedBroker.class.getResource("/qpid-config.json").toExternalForm());
            attributes.put("initialSystemPropertiesLocation",
                    EmbeddedBroker.class.getResource("/qpid-system.properties").toExternalForm());
            attributes.put("startupLoggedToSystemOut", false);
            attributes.put("context", context);
            SystemLauncher launcher = new SystemLauncher();
            launcher.startup(attributes);
            Runtime.getRuntime().addShutdownHook(new Thread(launcher::shutdown));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded AMQP broker did not start", e);
        }
    }
}
