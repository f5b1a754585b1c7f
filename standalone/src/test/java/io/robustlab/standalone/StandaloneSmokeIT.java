package io.robustlab.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Standalone mode as a user runs it: {@code ./robustlab up} (the jar this build made), a Train job and an Evaluate
 * job of its model submitted over HTTP, Ctrl-C while the training runs, {@code ./robustlab up} again on the same
 * home folder, both jobs finish, Ctrl-C again.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StandaloneSmokeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Three JVM contexts, an embedded PostgreSQL and broker, DJL's first load, on two busy cores. */
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofSeconds(90);

    @TempDir
    Path home;

    private Process platform;
    private Path log;
    private int starts;
    private int port;

    @AfterEach
    void kill() {
        if (platform != null && platform.isAlive()) {
            platform.destroyForcibly();
        }
    }

    @Test
    void upSubmitCtrlCUpAgainAndEverythingFinishes() throws Exception {
        Path fashionMnist = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
        if (!Files.exists(fashionMnist)) {
            String reason = "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)";
            assertThat("true".equalsIgnoreCase(System.getenv("CI"))).as(reason + ", and CI=true needs it").isFalse();
            Assumptions.abort(reason);
        }
        port = freePort();
        up();
        assertThat(Files.readString(log)).as("the start-up banner").contains("RobustLab is running: http://127.0.0.1:"
                + port + "/");
        assertThat(text("/")).as("the web dashboard at the printed URL").contains("<title>RobustLab</title>");

        String train = submit("""
                {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "standalone smoke"},
                 "dataset": {"name": "fashion-mnist", "trainSize": 6000, "testSize": 500},
                 "model": {"architecture": "mlp", "hidden": [64], "activation": "relu"},
                 "optimizer": {"name": "sgd", "learningRate": 0.05, "momentum": 0.9},
                 "epochs": 8, "batchSize": 10, "seed": 11}""");
        String evaluate = submit("""
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "metadata": {"name": "standalone smoke"},
                 "model": {"trainJob": "%s"},
                 "dataset": {"name": "fashion-mnist"},
                 "samples": 100, "attacks": [{"name": "fgsm"}, {"name": "linf-pgd", "steps": 5}],
                 "epsilons": [{"values": [0, 0.05, 0.1]}], "batchSize": 100, "seed": 3}""".formatted(train));

        until("the training reports its first epoch", Duration.ofMinutes(3),
                () -> get("/api/v1/jobs/" + train + "/metrics").path("epochs").size(), epochs -> epochs >= 1);
        assertThat(get("/api/v1/jobs/" + train).path("status").asString()).isEqualTo("RUNNING");
        ctrlC();
        String stopped = Files.readString(log);
        int returned = stopped.indexOf("attempt 1 stopped for shutdown; message back to the queue");
        assertThat(returned).as("the trainer returned its job on the way out").isPositive();
        assertThat(returned).as("before the broker and the database stopped")
                .isLessThan(stopped.indexOf("AMQP broker stopped")).isLessThan(stopped.indexOf("PostgreSQL stopped"));

        up();
        JsonNode trained = until("the training finishes after the restart", Duration.ofMinutes(4),
                () -> get("/api/v1/jobs/" + train), job -> isFinished(job));
        assertThat(trained.path("status").asString()).as(trained.toString()).isEqualTo("SUCCEEDED");
        assertThat(trained.path("runs").asInt()).as("one run before Ctrl-C, one after").isEqualTo(2);
        assertThat(get("/api/v1/jobs/" + train + "/metrics").path("epochs").valueStream()
                .map(epoch -> epoch.path("epoch").asInt()).toList()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        JsonNode card = JSON.readTree(text("/api/v1/jobs/" + train + "/artifacts/model-card.json"));
        assertThat(card.path("resumedAfterEpoch").asInt()).as("resumed from its checkpoint: " + card)
                .isGreaterThanOrEqualTo(1);

        JsonNode evaluated = until("the evaluation finishes", Duration.ofMinutes(3),
                () -> get("/api/v1/jobs/" + evaluate), job -> isFinished(job));
        assertThat(evaluated.path("status").asString()).as(evaluated.toString()).isEqualTo("SUCCEEDED");
        JsonNode curves = get("/api/v1/jobs/" + evaluate + "/curves");
        assertThat(curves.toString()).contains("fgsm").contains("linf-pgd");
        assertThat(get("/api/v1/jobs").path("jobs").size()).as("both jobs, kept across the restart").isEqualTo(2);
        ctrlC();
    }

    private static boolean isFinished(JsonNode job) {
        String status = job.path("status").asString();
        return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
    }

    /** {@code ./robustlab up} with the jar this build made, the test's home folder and port; waits until ready. */
    private void up() throws IOException {
        starts++;
        Path repository = Path.of(System.getProperty("robustlab.standalone.repository"));
        log = home.resolve("standalone-" + starts + ".log");
        ProcessBuilder command = new ProcessBuilder("bash", repository.resolve("robustlab").toString(), "up")
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        command.environment().put("ROBUSTLAB_SKIP_BUILD", "1");
        command.environment().put("ROBUSTLAB_HOME", home.resolve("robustlab").toString());
        command.environment().put("ROBUSTLAB_API_PORT", Integer.toString(port));
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        platform = command.start();
        System.out.printf("[standalone] start %d: pid %d, port %d, log %s%n", starts, platform.pid(), port, log);
        until("standalone start " + starts + " is ready", START, () -> {
            if (!platform.isAlive()) {
                throw new AssertionError("standalone exited with " + platform.exitValue() + ":\n" + tail());
            }
            return tail().contains("RobustLab is running");
        }, ready -> ready);
    }

    /** What Ctrl-C sends (the launcher execs the JVM, so the pid is the JVM's); waits for the exit. */
    private void ctrlC() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(platform.pid())).inheritIO().start().waitFor();
        assertThat(platform.waitFor(STOP.toSeconds(), TimeUnit.SECONDS))
                .as("standalone stops within " + STOP + " of Ctrl-C:\n" + tail()).isTrue();
        assertThat(Files.readString(log)).contains("RobustLab standalone stopped");
    }

    private String submit(String spec) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private JsonNode get(String path) {
        return JSON.readTree(text(path));
    }

    private String text(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String tail() {
        try {
            String all = Files.readString(log, StandardCharsets.UTF_8);
            return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static <T> T until(String what, Duration timeout, java.util.function.Supplier<T> probe,
            Predicate<? super T> reached) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Throwable lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (reached.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (AssertionError e) {
                if (e.getMessage() != null && e.getMessage().startsWith("standalone exited")) {
                    throw e;
                }
                lastError = e;
            } catch (RuntimeException e) {
                lastError = e;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting until " + what + "; last: " + last
                + (lastError == null ? "" : "; last error: " + lastError));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
