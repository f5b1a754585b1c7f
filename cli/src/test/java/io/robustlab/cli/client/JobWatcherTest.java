package io.robustlab.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.FakeApi;
import io.robustlab.cli.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class JobWatcherTest {

    private static final String EVENTS = "/api/v1/jobs/" + Fixtures.JOB + "/events";
    private static final String JOB = "/api/v1/jobs/" + Fixtures.JOB;

    private final FakeApi api = new FakeApi();
    private final StringWriter log = new StringWriter();
    private final JobWatcher watcher = new JobWatcher(new RobustLabApi(api.url(), "rl_key"), new PrintWriter(log, true),
            Duration.ofMillis(50));

    JobWatcherTest() throws IOException {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void followsTheEventStreamUntilTheJobFinishes() {
        jobIs("RUNNING", "SUCCEEDED");
        api.on("GET", EVENTS, (exchange, request) -> stream(exchange, """
                event:job
                id:1
                data:{"id":"%s","status":"RUNNING","attempt":1}

                event:progress
                id:2
                data:{"percent":50.0,"phase":"epoch 1/2","etaSeconds":12.4,"attempt":1}

                :heartbeat

                event:epoch-metric
                id:3
                data:{"epoch":1,"trainLoss":0.5,"trainAccuracy":0.8,"testAccuracy":0.75,"attempt":1}

                event:status
                id:4
                data:{"from":"RUNNING","to":"SUCCEEDED","attempt":1,"at":"2026-11-22T08:00:10Z"}

                """.formatted(Fixtures.JOB), Duration.ZERO));

        Job job = watcher.await(Fixtures.JOB, Duration.ofSeconds(20));

        assertThat(job.status()).isEqualTo("SUCCEEDED");
        assertThat(log.toString().lines().toList()).containsExactly(
                "[3f2c9d1e] RUNNING",
                "[3f2c9d1e] 50% (epoch 1/2), about 12s left",
                "[3f2c9d1e] epoch 1, train loss 0.5000, train accuracy 0.8000, test accuracy 0.7500",
                "[3f2c9d1e] RUNNING → SUCCEEDED");
        FakeApi.Request stream = api.requests().stream().filter(r -> r.path().equals(EVENTS)).findFirst().orElseThrow();
        assertThat(stream.header("Accept")).isEqualTo("text/event-stream");
        assertThat(stream.header("Authorization")).isEqualTo("Bearer rl_key");
        assertThat(stream.header("Last-Event-ID")).isNull();
    }

    @Test
    void reconnectsAfterTheLastEventSeenWhenTheStreamEndsEarly() {
        jobIs("QUEUED", "RUNNING", "SUCCEEDED");
        AtomicInteger connections = new AtomicInteger();
        api.on("GET", EVENTS, (exchange, request) -> {
            if (connections.incrementAndGet() == 1) {
                stream(exchange, "event:status\nid:10\ndata:{\"from\":\"QUEUED\",\"to\":\"RUNNING\",\"attempt\":1}\n\n",
                        Duration.ZERO);
            } else {
                stream(exchange, "event:status\nid:11\ndata:{\"from\":\"RUNNING\",\"to\":\"SUCCEEDED\",\"attempt\":1}\n\n",
                        Duration.ZERO);
            }
        });

        Job job = watcher.await(Fixtures.JOB, Duration.ofSeconds(20));

        assertThat(job.status()).isEqualTo("SUCCEEDED");
        List<FakeApi.Request> streams = api.requests().stream().filter(r -> r.path().equals(EVENTS)).toList();
        assertThat(streams).hasSize(2);
        assertThat(streams.get(1).header("Last-Event-ID")).isEqualTo("10");
        assertThat(log.toString().lines().toList())
                .containsExactly("[3f2c9d1e] QUEUED", "[3f2c9d1e] QUEUED → RUNNING", "[3f2c9d1e] RUNNING → SUCCEEDED");
    }

    @Test
    void aRefusedStreamFallsBackToReadingTheJob() {
        jobIs("RUNNING", "RUNNING", "FAILED");
        api.json("GET", EVENTS, 503, "{\"title\": \"A service the API needs is unavailable\", \"status\": 503, "
                + "\"detail\": \"this replica is shutting down\"}");

        Job job = watcher.await(Fixtures.JOB, Duration.ofSeconds(20));

        assertThat(job.status()).isEqualTo("FAILED");
        assertThat(job.failureReason()).isEqualTo("epochs must be > 0");
        assertThat(log.toString()).contains("event stream refused for now (A service the API needs is unavailable "
                + "(HTTP 503): this replica is shutting down)")
                .contains("RUNNING → FAILED: epochs must be > 0");
    }

    @Test
    void aFinishedJobIsReturnedWithoutOpeningTheStream() {
        jobIs("CANCELLED");
        assertThat(watcher.await(Fixtures.JOB, Duration.ofSeconds(5)).status()).isEqualTo("CANCELLED");
        assertThat(api.requests()).extracting(FakeApi.Request::path).containsExactly(JOB);
    }

    @Test
    void stopsAtTheTimeoutEvenWhenTheStreamIsSilent() {
        jobIs("RUNNING");
        api.on("GET", EVENTS, (exchange, request) -> stream(exchange,
                "event:job\nid:1\ndata:{\"status\":\"RUNNING\",\"attempt\":1}\n\n", Duration.ofSeconds(20)));
        long begin = System.nanoTime();

        assertThatThrownBy(() -> watcher.await(Fixtures.JOB, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exit()).isEqualTo(Exit.TIMEOUT))
                .hasMessageContaining("job " + Fixtures.JOB + " is still RUNNING after 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownJobIsAnApiError() {
        assertThatThrownBy(() -> watcher.await(Fixtures.JOB, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.exit()).isEqualTo(Exit.API_ERROR);
                    assertThat(e.problem().status()).isEqualTo(404);
                })
                .hasMessageContaining("get job " + Fixtures.JOB + ": Not found (HTTP 404)");
    }

    /** The job's status on each successive GET; the last one repeats. */
    private void jobIs(String... statuses) {
        AtomicInteger reads = new AtomicInteger();
        api.on("GET", JOB, (exchange, request) -> {
            String status = statuses[Math.min(reads.getAndIncrement(), statuses.length - 1)];
            FakeApi.respond(exchange, 200, Fixtures.job(Fixtures.JOB, "Train", status,
                    status.equals("FAILED") ? "epochs must be > 0" : null));
        });
    }

    /** Streams the text, then keeps the connection open for {@code hold} before ending it. */
    private static void stream(HttpExchange exchange, String text, Duration hold) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            Thread.sleep(hold);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
    }
}
