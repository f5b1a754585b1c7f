package io.robustlab.e2e;

import io.robustlab.contracts.message.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * The whole platform for one test run, started as an operator starts it: a fresh PostgreSQL database, a broker
 * namespace of its own, a filesystem artifact store in a temporary folder shared by every service, the API from its
 * executable jar, and trainer and attack workers from theirs, each a separate JVM with its own log file under
 * {@code e2e/target/e2e-logs/<run>/}. {@link #close()} stops them and removes the database, the namespace and the
 * store.
 *
 * <p>Without PostgreSQL or RabbitMQ the tests are skipped with the reason, and under {@code CI=true} they fail.
 */
final class Platform implements AutoCloseable {

    /** A service JVM on this loaded two-core machine takes 10–30 s to be ready; DJL's first start is slower. */
    static final Duration SERVICE_START = Duration.ofSeconds(180);
    static final String PROJECT = "e2e";

    private final String run;
    private final Path logs;
    private final Path scratch;
    private final Database database;
    private final BrokerClient broker;
    private final Map<String, Path> jars;
    private final List<ServiceProcess> started = new ArrayList<>();
    private final List<ServiceProcess> trainers = new ArrayList<>();
    private final List<ServiceProcess> attackers = new ArrayList<>();
    private final Map<String, Integer> workerNumbers = new LinkedHashMap<>();
    private final Thread emergencyStop = new Thread(this::killAll, "e2e-emergency-stop");
    /** The bootstrap admin key the API starts with: random, 40 characters. */
    private final String adminKey = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(randomBytes(30));
    private ServiceProcess api;
    private ApiClient client;

    private Platform(String run, Path logs, Path scratch, Database database, BrokerClient broker,
            Map<String, Path> jars) {
        this.run = run;
        this.logs = logs;
        this.scratch = scratch;
        this.database = database;
        this.broker = broker;
        this.jars = jars;
    }

    /** Starts the API, one trainer and one attack worker, and waits until they are ready. */
    static Platform start() {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String service : List.of("api-service", "trainer-service", "attack-service")) {
            jars.put(service, jar(service));
        }
        String adminUrl = env("ROBUSTLAB_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String dbUser = env("ROBUSTLAB_TEST_DB_USER", "postgres");
        String brokerHost = env("ROBUSTLAB_TEST_RABBITMQ_HOST", "127.0.0.1");
        int brokerPort = Integer.parseInt(env("ROBUSTLAB_TEST_RABBITMQ_PORT", "5672"));
        URI db = URI.create(adminUrl.substring("jdbc:".length()));
        requireReachable("PostgreSQL", db.getHost(), db.getPort() < 0 ? 5432 : db.getPort());
        requireReachable("RabbitMQ", brokerHost, brokerPort);

        String run = HexFormat.of().formatHex(randomBytes(4));
        Path logs = Path.of(System.getProperty("robustlab.e2e.logs", "target/e2e-logs")).toAbsolutePath()
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + run);
        Path scratch;
        try {
            Files.createDirectories(logs);
            scratch = Files.createTempDirectory("robustlab-e2e-" + run + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BrokerClient broker = new BrokerClient(brokerHost, brokerPort, new Topology("e2e-" + run));
        Database database;
        try {
            database = Database.create(adminUrl, dbUser, "robustlab_e2e_" + run);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        Platform platform = new Platform(run, logs, scratch, database, broker, jars);
        Runtime.getRuntime().addShutdownHook(platform.emergencyStop);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        long begin = System.nanoTime();
        System.out.println("[e2e] run " + run + ": database " + database.name() + ", namespace "
                + broker.topology().namespace() + ", artifacts " + scratch.resolve("artifacts") + ", logs " + logs);
        api = startApi();
        ServiceProcess trainer = startWorker("trainer");
        ServiceProcess attacker = startWorker("attacker");
        trainers.add(trainer);
        attackers.add(attacker);
        api.awaitHttpOk("/actuator/health/readiness", SERVICE_START);
        System.out.printf("[e2e] API ready after %.1f s%n", seconds(begin));
        client = new ApiClient(URI.create("http://127.0.0.1:" + api.port()),
                new ApiClient(URI.create("http://127.0.0.1:" + api.port()), adminKey).mintKey(PROJECT, "e2e " + run));
        awaitConsumers(broker.topology().trainQueue(), trainers);
        awaitConsumers(broker.topology().attackQueue(), attackers);
        System.out.printf("[e2e] API, trainer and attack worker ready after %.1f s%n", seconds(begin));
    }

    private ServiceProcess startApi() {
        int port = ServiceProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>(brokerEnvironment());
        env.put("ROBUSTLAB_DB_URL", database.url());
        env.put("ROBUSTLAB_DB_USER", database.user());
        env.put("ROBUSTLAB_DB_PASSWORD", "");
        env.put("ROBUSTLAB_AUTH_ADMIN_KEY", adminKey);
        env.put("ROBUSTLAB_API_PORT", Integer.toString(port));
        return launch("api", jars.get("api-service"), List.of("-Xmx512m"), env, port);
    }

    private ServiceProcess startWorker(String role) {
        String id = role + "-" + workerNumbers.merge(role, 1, Integer::sum);
        int port = ServiceProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>(brokerEnvironment());
        env.put(role.equals("trainer") ? "ROBUSTLAB_TRAINER_PORT" : "ROBUSTLAB_ATTACK_PORT", Integer.toString(port));
        env.put("ROBUSTLAB_WORKER_ID", id);
        env.put("ROBUSTLAB_WORKER_WORKDIRECTORY", scratch.resolve("work").resolve(id).toString());
        // Two cores shared by every service of the run and whatever else runs on the machine.
        env.put("ROBUSTLAB_WORKER_THREADS", "1");
        env.put("ROBUSTLAB_WORKER_PROGRESSINTERVAL", "2s");
        env.put("ROBUSTLAB_WORKER_SHUTDOWNTIMEOUT", "20s");
        env.put("ROBUSTLAB_MESSAGING_RECOVERYINTERVAL", "1s");
        env.put("DJL_CACHE_DIR", env("DJL_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".robustlab", "djl-cache").toString()));
        String jar = role.equals("trainer") ? "trainer-service" : "attack-service";
        return launch(id, jars.get(jar), List.of("--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-Xmx1g"), env, port);
    }

    /** What every service reads: the broker, the namespace, the artifact store. */
    private Map<String, String> brokerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROBUSTLAB_RABBITMQ_HOST", env("ROBUSTLAB_TEST_RABBITMQ_HOST", "127.0.0.1"));
        env.put("ROBUSTLAB_RABBITMQ_PORT", env("ROBUSTLAB_TEST_RABBITMQ_PORT", "5672"));
        env.put("ROBUSTLAB_MESSAGING_NAMESPACE", broker.topology().namespace());
        env.put("ROBUSTLAB_ARTIFACTS_STORE", "filesystem");
        env.put("ROBUSTLAB_ARTIFACTS_ROOT", scratch.resolve("artifacts").toString());
        return env;
    }

    private ServiceProcess launch(String name, Path jar, List<String> jvmOptions, Map<String, String> env, int port) {
        List<String> options = new ArrayList<>(jvmOptions);
        // Start-up is most of a service's CPU in these tests: C1 only and the serial collector start fastest.
        options.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + scratch.resolve("tmp")));
        try {
            Files.createDirectories(scratch.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceProcess process = ServiceProcess.start(name, jar, options, env, port, logs);
        synchronized (started) {
            started.add(process);
        }
        System.out.println("[e2e] started " + process);
        return process;
    }

    ApiClient api() {
        return client;
    }

    ServiceProcess apiProcess() {
        return api;
    }

    BrokerClient broker() {
        return broker;
    }

    Topology topology() {
        return broker.topology();
    }

    String run() {
        return run;
    }

    /** The filesystem artifact store every service of this run shares. */
    Path artifacts() {
        return scratch.resolve("artifacts");
    }

    /**
     * Makes exactly {@code count} trainers run and consume the train queue: trainers that died are forgotten,
     * surplus ones stopped (SIGTERM), missing ones started (named {@code trainer-N}, N never reused).
     */
    synchronized List<ServiceProcess> trainers(int count) {
        return ensure(trainers, "trainer", broker.topology().trainQueue(), count);
    }

    /** As {@link #trainers(int)}, for attack workers. */
    synchronized List<ServiceProcess> attackers(int count) {
        return ensure(attackers, "attacker", broker.topology().attackQueue(), count);
    }

    private List<ServiceProcess> ensure(List<ServiceProcess> workers, String role, String queue, int count) {
        workers.removeIf(worker -> !worker.alive());
        while (workers.size() > count) {
            workers.removeLast().stop(Duration.ofSeconds(40));
        }
        if (workers.size() < count) {
            long begin = System.nanoTime();
            while (workers.size() < count) {
                workers.add(startWorker(role));
            }
            awaitConsumers(queue, workers);
            System.out.printf("[e2e] %d %s(s) consuming %s after %.1f s%n", count, role, queue, seconds(begin));
        } else {
            awaitConsumers(queue, workers);
        }
        return List.copyOf(workers);
    }

    private void awaitConsumers(String queue, List<ServiceProcess> workers) {
        Poll.until(workers.size() + " consumer(s) on " + queue + " (" + workers + ")", SERVICE_START, () -> {
            workers.forEach(ServiceProcess::requireAlive);
            return broker.state(queue).consumers();
        }, consumers -> consumers == workers.size());
    }

    /** Every service started in this run, dead ones included, with where its log is and how it ends. */
    String describeServices() {
        StringBuilder text = new StringBuilder();
        synchronized (started) {
            for (ServiceProcess process : started) {
                text.append("\n---- ").append(process).append(process.alive() ? ", running" : ", exited")
                        .append("; last lines:\n").append(process.tail(25)).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        List<ServiceProcess> workers;
        synchronized (started) {
            workers = started.stream().filter(process -> process != api).toList();
        }
        workers.parallelStream().forEach(worker -> worker.stop(Duration.ofSeconds(40)));
        if (api != null) {
            api.stop(Duration.ofSeconds(40));
        }
        broker.deleteNamespace();
        broker.close();
        database.drop();
        if ("true".equalsIgnoreCase(System.getenv("ROBUSTLAB_E2E_KEEP_FILES"))) {
            System.out.println("[e2e] artifact store and work folders kept in " + scratch);
        } else {
            deleteRecursively(scratch);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(emergencyStop);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        System.out.println("[e2e] run " + run + " cleaned up; logs kept in " + logs);
    }

    /** The JVM is ending without {@link #close()}: no service may outlive it. */
    private void killAll() {
        synchronized (started) {
            started.forEach(process -> process.stop(Duration.ofSeconds(5)));
        }
    }

    private static Path jar(String service) {
        String configured = System.getProperty("robustlab.e2e." + service.replace("-service", "") + "-jar");
        if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
            Path jar = Path.of(configured);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            throw new IllegalStateException(service + "'s executable jar " + jar + " does not exist");
        }
        // Run from an IDE: the jar the last `./mvnw -pl e2e -am verify` (or package) left in the module's target.
        Path target = Path.of("..", service, "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(target, service + "-*-exec.jar")) {
            for (Path jar : found) {
                return jar;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("no executable jar of " + service + " in " + target
                + ": build it first (./mvnw -pl e2e -am verify builds everything the tests run)");
    }

    private static void requireReachable(String what, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            String message = "no " + what + " at " + host + ":" + port + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and " + message + ": the end-to-end tests need it");
            }
            throw new TestAbortedException(message + ": end-to-end tests skipped");
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left for the system's temporary-file cleanup
                }
            });
        } catch (IOException e) {
            System.err.println("[e2e] cannot delete " + root + ": " + e);
        }
    }

    /** The run's own database on the machine's PostgreSQL. */
    record Database(String adminUrl, String user, String name) {

        static Database create(String adminUrl, String user, String name) {
            Database database = new Database(adminUrl, user, name);
            database.execute("create database " + name);
            return database;
        }

        String url() {
            return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        }

        void drop() {
            try {
                execute("drop database if exists " + name + " with (force)");
            } catch (IllegalStateException e) {
                System.err.println("[e2e] " + e.getMessage());
            }
        }

        private void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(adminUrl, user, "");
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot run '" + sql + "' on " + adminUrl + ": " + e.getMessage(), e);
            }
        }
    }
}
