package io.robustlab.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform in one JVM: an embedded PostgreSQL and an embedded AMQP broker keeping their data under the
 * home folder, the API (with the web UI) and one training and one evaluation worker, the artifacts on the file
 * system. Ctrl-C (or SIGTERM) stops the workers first, so a running job's message goes back to the broker (a
 * training job after a checkpoint of its epoch in progress), then the API, the broker and the database: the next
 * start carries on with every job where it was.
 */
public final class Standalone {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);

    private Standalone() {
    }

    public static void main(String[] args) {
        StandaloneSettings settings;
        try {
            settings = StandaloneSettings.from(System.getenv(), System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("robustlab: " + e.getMessage());
            System.exit(2);
            return;
        }
        // DJL reads these as system properties too: native PyTorch from the Maven jars, cached under the home.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", settings.djlCache().toString());
        }
        Running running;
        try {
            running = Running.start(settings, Arrays.asList(args));
        } catch (Exception e) {
            log.error("RobustLab standalone did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "robustlab-standalone-stop"));
        banner(System.out, settings, running.database().created());
    }

    /** The started parts, stopped in the reverse order of their start. */
    record Running(EmbeddedDatabase database, EmbeddedBroker broker, Services services) implements AutoCloseable {

        static Running start(StandaloneSettings settings, List<String> arguments) throws IOException {
            long begin = System.nanoTime();
            Files.createDirectories(settings.home());
            EmbeddedDatabase database = EmbeddedDatabase.start(settings.database());
            log.info("PostgreSQL on port {}, data in {}", database.port(), settings.database());
            EmbeddedBroker broker;
            try {
                broker = EmbeddedBroker.start(settings.broker());
            } catch (IOException | RuntimeException e) {
                database.close();
                throw e;
            }
            log.info("AMQP broker on port {}, messages in {}", broker.port(), settings.broker());
            try {
                Services services = Services.start(settings, database, broker, arguments);
                log.info("RobustLab standalone ready in {} s", String.format("%.1f", (System.nanoTime() - begin) / 1e9));
                return new Running(database, broker, services);
            } catch (RuntimeException e) {
                broker.close();
                database.close();
                throw e;
            }
        }

        @Override
        public void close() {
            log.info("stopping RobustLab standalone: workers, API, broker, database");
            try {
                services.close();
                log.info("workers and API stopped");
            } finally {
                try {
                    broker.close();
                    log.info("AMQP broker stopped");
                } finally {
                    try {
                        database.close();
                        log.info("PostgreSQL stopped");
                    } catch (IOException e) {
                        log.error("PostgreSQL did not stop cleanly", e);
                    }
                }
            }
            log.info("RobustLab standalone stopped");
        }
    }

    static void banner(PrintStream out, StandaloneSettings settings, boolean firstStart) {
        out.println();
        out.println("  RobustLab is running: " + settings.url());
        out.println("  API: " + settings.url() + "api/v1/jobs   OpenAPI: " + settings.url() + "swagger-ui.html");
        out.println("  Data: " + settings.home() + (settings.authEnabled() ? "" : "   (no API keys: this machine only)"));
        out.println("  Stop with Ctrl-C: running jobs are kept and resume at the next start.");
        if (firstStart) {
            List<Path> examples = examples();
            if (!examples.isEmpty()) {
                out.println();
                out.println("  First start: nothing is queued. Example specs to submit (web UI, or):");
                for (Path example : examples) {
                    out.println("    curl -H 'Content-Type: application/json' --data-binary @" + example + " "
                            + settings.url() + "api/v1/jobs");
                }
            }
        }
        out.println();
    }

    /** The example specs of the repository the JVM was started from, if any. */
    private static List<Path> examples() {
        Path folder = Path.of("examples");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
