package io.robustlab.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;

/**
 * Apache Qpid Broker-J in this JVM: AMQP 0-9-1 on a free loopback port, queues, bindings and persistent messages
 * kept in a Derby store under the home folder, so a job message survives a restart (a job a worker was running
 * when the JVM stopped is delivered again, and resumes from its checkpoint).
 *
 * <p>It speaks the AMQP the services use (publisher confirms, mandatory publishes, manual acks, prefetch), but not
 * RabbitMQ's queue extensions: dead-letter exchanges, delivery limits and quorum queues. The services are told to
 * leave them out ({@link EmbeddedBrokerProfile}), and the broker ignores such an argument instead of closing the
 * connection ({@code queue.behaviourOnUnknownDeclareArgument=IGNORE}). The credentials are random per start:
 * only this JVM connects.
 */
final class EmbeddedBroker implements AutoCloseable {

    private final SystemLauncher launcher;
    private final int port;
    private final String user;
    private final String password;

    private EmbeddedBroker(SystemLauncher launcher, int port, String user, String password) {
        this.launcher = launcher;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    static EmbeddedBroker start(Path workDirectory) throws IOException {
        Files.createDirectories(workDirectory);
        int port = freePort();
        String user = "robustlab";
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Map<String, Object> context = new HashMap<>();
        context.put("qpid.amqp_port", port);
        context.put("qpid.work_dir", workDirectory.toString());
        context.put("qpid.robustlab.user", user);
        context.put("qpid.robustlab.password", password);
        context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory"); // the broker's own settings come from broker.json on every start
        attributes.put("initialConfigurationLocation", resource("/standalone/broker.json"));
        attributes.put("initialSystemPropertiesLocation", resource("/standalone/broker-system.properties"));
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", context);
        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                system.set(config);
            }
        });
        try {
            launcher.startup(attributes);
            withdrawShutdownHook(system.get().getContainer());
        } catch (Exception e) {
            launcher.shutdown();
            throw new IOException("the embedded AMQP broker did not start: " + e.getMessage(), e);
        }
        return new EmbeddedBroker(launcher, port, user, password);
    }

    /**
     * Qpid's broker registers a JVM shutdown hook of its own that closes it on Ctrl-C, at the same time as the
     * workers, which then cannot return their running jobs' messages. Standalone closes the broker itself, after
     * the workers and the API, so Qpid's hook is taken back (it is a private field: Qpid offers no switch).
     */
    private static void withdrawShutdownHook(Object broker) {
        for (Class<?> type = broker.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField("_shutdownHook");
                field.setAccessible(true);
                if (field.get(broker) instanceof Thread hook) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot take back Qpid's shutdown hook", e);
            }
        }
        throw new IllegalStateException("Qpid's broker (" + broker.getClass().getName() + ") has no _shutdownHook "
                + "any more: check how this Qpid version stops, or Ctrl-C may close the broker before the workers");
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    private static String resource(String name) {
        var url = EmbeddedBroker.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is missing from the standalone jar");
        }
        return url.toExternalForm();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        launcher.shutdown();
    }
}
