package io.robustlab.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/jobs} under load: the API runs as its own process (the executable jar, on a fresh database and
 * broker namespace of its own), and this process submits Train specs over loopback from concurrent clients, each
 * sending its next request when the previous one is answered (closed loop). The clients are wrk's (C, one thread,
 * so the generator takes little of the two cores) when it is installed, else Java's HttpClient on virtual threads
 * ({@code SUBMIT_LOAD_CLIENT=java} forces those). Prints accepted jobs/s and latency percentiles after a warm-up, and
 * whether the outbox relay kept up. Usage: {@code bench/run SubmitLoad [java-clients=32] [seconds=20]}.
 *
 * <p>Needs the PostgreSQL at 127.0.0.1:5432 and the RabbitMQ at 127.0.0.1:5672 that the tests use.
 */
public final class SubmitLoad {

    private static final String SPEC = """
            {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "load %d", "labels": {"bench": "load"}},
             "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [1024, 1024]},
             "epochs": 10, "seed": %d}
            """;

    private static final String ADMIN_KEY = "bench-admin-" + UUID.randomUUID();

    /** Connection counts measured with wrk, one run each. */
    private static final int[] WRK_CONNECTIONS = {8, 16, 32};
    /** Long enough for the API's JIT: a 5 s warm-up left its first measured run at half speed. */
    private static final int WARM_UP_SECONDS = 20;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean useWrk = !"java".equals(System.getenv("SUBMIT_LOAD_CLIENT")) && onPath("wrk");
        Path jar = Files.list(Path.of("api-service", "target"))
                .filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("build api-service first (bench/run does)"));
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String database = "robustlab_bench_" + suffix;
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        sql(admin, "create database " + database);
        int port = 18080 + (int) (Math.random() * 1000);
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx1g"));
        // e.g. SUBMIT_LOAD_API_OPTS=-XX:StartFlightRecording=filename=bench/target/api.jfr to profile the API
        String apiOptions = System.getenv("SUBMIT_LOAD_API_OPTS");
        if (apiOptions != null && !apiOptions.isBlank()) {
            command.addAll(Arrays.asList(apiOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
                "--robustlab.messaging.namespace=bench-" + suffix,
                "--robustlab.auth.admin-key=" + ADMIN_KEY,
                "--logging.level.root=WARN"));
        Process api = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(Path.of("bench", "target", "submit-load-api.log").toFile())
                .start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitReady(http, base, api);
            // Requests carry a minted project key, as a CI pipeline's would: its check is part of the cost.
            String key = mintKey(http, base);
            if (useWrk) {
                System.out.printf(Locale.ROOT, "POST /api/v1/jobs from wrk (one thread, closed loop) on loopback, %d cores, "
                        + "load average %s; API in its own JVM (-Xmx1g), PostgreSQL and RabbitMQ on this machine; "
                        + "%d s warm-up, %d s per run (target ≥ 1000 jobs/s with p99 < 100 ms)%n",
                        Runtime.getRuntime().availableProcessors(), loadAverage(), WARM_UP_SECONDS, seconds);
                Path script = writeWrkScript(key);
                wrk(base, script, 16, WARM_UP_SECONDS);
                System.out.println("connections    jobs/s       p50       p90       p99    errors");
                for (int connections : WRK_CONNECTIONS) {
                    String out = wrk(base, script, connections, seconds);
                    System.out.printf(Locale.ROOT, "%11d %9s %9s %9s %9s %9s%n", connections,
                            field(out, "Requests/sec:\\s+([\\d.]+)"), field(out, "(?m)^\\s+50%\\s+(\\S+)"),
                            field(out, "(?m)^\\s+90%\\s+(\\S+)"), field(out, "(?m)^\\s+99%\\s+(\\S+)"),
                            field(out, "Non-2xx or 3xx responses:\\s+(\\d+)", "0"));
                }
            } else {
                System.out.printf(Locale.ROOT, "POST /api/v1/jobs, %d closed-loop Java clients on loopback (wrk not "
                        + "installed: apt-get install wrk), %d cores, load average %s; API in its own JVM (-Xmx1g)%n",
                        clients, Runtime.getRuntime().availableProcessors(), loadAverage());
                run(http, base, key, clients, WARM_UP_SECONDS, "warm-up");
                Result result = run(http, base, key, clients, seconds, "measured");
                System.out.printf(Locale.ROOT, "accepted %,d jobs in %.1f s: %,.0f jobs/s (target ≥ 1000)%n",
                        result.accepted, result.seconds, result.accepted / result.seconds);
                System.out.printf(Locale.ROOT, "latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms (target < 100), max %.1f ms; "
                        + "%d errors%n", result.percentile(50), result.percentile(90), result.percentile(99),
                        result.percentile(100), result.errors);
            }
            reportOutbox(database);
        } finally {
            api.destroy();
            api.waitFor();
            sql(admin, "drop database if exists " + database + " with (force)");
            deleteTopology("bench-" + suffix);
        }
    }

    /** Whether the relay kept up: the messages still unsent after the load, and how long they take to go. */
    private static void reportOutbox(String database) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        long start = System.nanoTime();
        long unsentAtEnd = unsent(url);
        long unsent = unsentAtEnd;
        while (unsent > 0 && System.nanoTime() - start < 60_000_000_000L) {
            Thread.sleep(100);
            unsent = unsent(url);
        }
        System.out.printf(Locale.ROOT, "outbox: %,d jobs accepted in all, %,d not yet published when the load stopped, "
                + "%s%n", count(url, "select count(*) from job"), unsentAtEnd, unsent == 0
                ? String.format(Locale.ROOT, "all published %.1f s later", (System.nanoTime() - start) / 1e9)
                : unsent + " still unsent after 60 s");
    }

    private static long unsent(String url) throws SQLException {
        return count(url, "select count(*) from outbox_message where sent_at is null");
    }

    private static long count(String url, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                var result = connection.createStatement().executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Path writeWrkScript(String key) throws IOException {
        Path script = Files.createTempFile("submit-load-", ".lua");
        script.toFile().deleteOnExit();
        String body = SPEC.formatted(0, 7).replace("\n", " ");
        Files.writeString(script, String.join("\n",
                "wrk.method = \"POST\"",
                "wrk.headers[\"Content-Type\"] = \"application/json\"",
                "wrk.headers[\"Authorization\"] = \"Bearer " + key + "\"",
                "wrk.body = [[" + body + "]]", ""));
        return script;
    }

    private static String wrk(URI base, Path script, int connections, int seconds) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), base.resolve("/api/v1/jobs").toString()).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return out;
    }

    private static String field(String text, String pattern) {
        return field(text, pattern, "?");
    }

    private static String field(String text, String pattern, String absent) {
        Matcher match = Pattern.compile(pattern).matcher(text);
        return match.find() ? match.group(1) : absent;
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private record Result(long accepted, long errors, double seconds, long[] nanos) {

        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(nanos.length - 1, Math.ceil(p / 100 * nanos.length) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }
    }

    private static String mintKey(HttpClient http, URI base) throws Exception {
        HttpResponse<String> minted = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/api-keys"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"project\": \"bench\", \"name\": \"load\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher key = Pattern.compile("\"key\":\"(rl_[A-Za-z0-9_-]+)\"").matcher(minted.body());
        if (minted.statusCode() != 201 || !key.find()) {
            throw new IllegalStateException("could not mint a key: " + minted.statusCode() + " " + minted.body());
        }
        return key.group(1);
    }

    private static Result run(HttpClient http, URI base, String key, int clients, int seconds, String phase)
            throws Exception {
        AtomicLong seed = new AtomicLong(System.nanoTime());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<long[]>> futures = new ArrayList<>();
        long[] errors = new long[clients];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long s = seed.incrementAndGet();
                        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                                .POST(HttpRequest.BodyPublishers.ofString(SPEC.formatted(s, s))).build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long t = System.nanoTime() - t0;
                        if (response.statusCode() != 201) {
                            if (errors[client]++ == 0 && client == 0) {
                                System.out.println("first error: " + response.statusCode() + " " + response.body());
                            }
                            continue;
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = t;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            all.add(f.get());
        }
        long[] nanos = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long errorCount = Arrays.stream(errors).sum();
        if (phase.equals("warm-up")) {
            System.out.printf(Locale.ROOT, "warm-up: %,d jobs in %.1f s, %d errors%n", nanos.length, elapsed, errorCount);
        }
        return new Result(nanos.length, errorCount, elapsed, nanos);
    }

    private static void awaitReady(HttpClient http, URI base, Process api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!api.isAlive()) {
                throw new IllegalStateException("the API exited; see bench/target/submit-load-api.log");
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the API was not ready within 120 s; see bench/target/submit-load-api.log");
    }

    /** Removes the queues and exchanges the API declared under its namespace. */
    private static void deleteTopology(String namespace) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (com.rabbitmq.client.Connection connection = factory.newConnection();
                Channel channel = connection.createChannel()) {
            for (String queue : List.of("train", "attack", "dead", "events.api", "events.dead")) {
                channel.queueDelete(namespace + "." + queue);
            }
            for (String exchange : List.of("jobs", "dlx", "events", "events.dlx", "control")) {
                channel.exchangeDelete(namespace + "." + exchange);
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            connection.createStatement().execute(statement);
        }
    }
}
