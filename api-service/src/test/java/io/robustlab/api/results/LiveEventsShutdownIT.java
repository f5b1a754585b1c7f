package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.robustlab.api.ApiApplication;
import io.robustlab.api.testing.ApiClient;
import io.robustlab.api.testing.TestArtifactStore;
import io.robustlab.api.testing.TestBroker;
import io.robustlab.api.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A replica shutting down with open streams: it ends them rather than letting the graceful shutdown wait for them
 * (its phase timeout is 20 s). Its own application, so that closing it leaves the shared test context alone; with a
 * short heartbeat, to see the comment lines that keep idle streams open.
 */
class LiveEventsShutdownIT {

    @Test
    void idleStreamsGetHeartbeatsAndShutdownEndsThemInsteadOfWaitingForThem() {
        TestDatabase database = TestDatabase.get();
        TestBroker broker = TestBroker.get();
        // As command-line arguments: they override application.yml, as the shared tests' dynamic properties do.
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ApiApplication.class).run(
                "--server.port=0",
                "--robustlab.auth.enabled=false",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=",
                "--spring.rabbitmq.host=" + broker.host(),
                "--spring.rabbitmq.port=" + broker.port(),
                "--robustlab.messaging.namespace=" + broker.namespace(),
                "--robustlab.artifacts.root=" + TestArtifactStore.root(),
                "--spring.lifecycle.timeout-per-shutdown-phase=20s",
                "--robustlab.live-events.heartbeat=200ms");
        ApiClient api = new ApiClient(URI.create("http://127.0.0.1:"
                + app.getEnvironment().getRequiredProperty("local.server.port")));
        UUID job = UUID.fromString(api.post("/api/v1/jobs", """
                {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "fashion-mnist"},
                 "model": {"architecture": "mlp", "hidden": [2]}, "seed": %d}
                """.formatted(System.nanoTime() % 1_000_000)).json().get("id").asString());
        SseClient first = SseClient.open(api, "/api/v1/jobs/" + job + "/events", null);
        SseClient second = SseClient.open(api, "/api/v1/jobs/" + job + "/events", "0");
        assertThat(first.next(Duration.ofSeconds(5)).name()).isEqualTo("job");
        assertThat(second.next(Duration.ofSeconds(5)).name()).isEqualTo("status");
        await().atMost(Duration.ofSeconds(5)).until(() -> first.comments() >= 2 && second.comments() >= 2);

        long started = System.nanoTime();
        app.close();
        Duration shutdown = Duration.ofNanos(System.nanoTime() - started);

        assertThat(shutdown).as("shutdown with two open streams").isLessThan(Duration.ofSeconds(10));
        first.awaitEnd(Duration.ofSeconds(2));
        second.awaitEnd(Duration.ofSeconds(2));
    }
}
