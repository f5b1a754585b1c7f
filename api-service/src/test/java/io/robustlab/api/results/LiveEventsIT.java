package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.robustlab.api.results.SseClient.Event;
import io.robustlab.api.testing.ApiIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class LiveEventsIT extends ApiIntegrationTest {

    /** Far below the 10 s poll: an event that arrives this fast was woken by its notification. */
    private static final Duration LIVE = Duration.ofSeconds(5);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private WorkerActivity rows;

    @BeforeEach
    void activityRows() {
        rows = new WorkerActivity(jdbc);
    }
    @Autowired
    LiveEvents liveEvents;
    @Autowired
    LiveEventProperties properties;


    @Test
    void statusChangesAndNewPointsArriveLiveAndTheStreamEndsAfterTheFinalStatus() {
        UUID job = submit();
        Event running;
        Event progress;
        Event point;
        try (SseClient stream = SseClient.open(api(), "/api/v1/jobs/" + job + "/events", null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");
            Event first = stream.next(LIVE);
            assertThat(first.name()).isEqualTo("job");
            assertThat(first.json().get("id").asString()).isEqualTo(job.toString());
            assertThat(first.json().get("status").asString()).isEqualTo("QUEUED");

            transactions.executeWithoutResult(tx -> {
                rows.transition(job, "QUEUED", "RUNNING", "started on worker w1");
                rows.workerEvent(job, "heartbeat", "{}");
                rows.workerEvent(job, "progress", """
                        {"type": "progress", "percent": 40.0, "phase": "epoch 2/5", "etaSeconds": 12.5}""");
            });
            running = stream.next(LIVE);
            assertThat(running.name()).isEqualTo("status");
            assertThat(running.json().get("from").asString()).isEqualTo("QUEUED");
            assertThat(running.json().get("to").asString()).isEqualTo("RUNNING");
            assertThat(running.json().get("reason").asString()).isEqualTo("started on worker w1");
            assertThat(running.position()).isGreaterThan(first.position());
            progress = stream.next(LIVE);
            assertThat(progress.name()).as("the heartbeat is not streamed").isEqualTo("progress");
            assertThat(progress.json().get("percent").asDouble()).isEqualTo(40.0);
            assertThat(progress.json().get("attempt").asInt()).isEqualTo(1);
            assertThat(progress.json().has("type")).isFalse();

            rows.workerEvent(job, "curve-point", """
                    {"curve": "linf-pgd (L∞)", "norm": "linf", "epsilon": 0.1, "accuracy": 0.5, "samples": 100}""");
            point = stream.next(LIVE);
            assertThat(point.name()).isEqualTo("curve-point");
            assertThat(point.json().get("curve").asString()).isEqualTo("linf-pgd (L∞)");

            transactions.executeWithoutResult(tx -> rows.transition(job, "RUNNING", "SUCCEEDED", "done"));
            Event succeeded = stream.next(LIVE);
            assertThat(succeeded.name()).isEqualTo("status");
            assertThat(succeeded.json().get("to").asString()).isEqualTo("SUCCEEDED");
            stream.awaitEnd(LIVE);
        }

        try (SseClient resumed = SseClient.open(api(), "/api/v1/jobs/" + job + "/events", running.id())) {
            List<Event> replayed = resumed.rest(LIVE);
            assertThat(replayed).extracting(Event::name).containsExactly("progress", "curve-point", "status");
            assertThat(replayed.get(0).id()).isEqualTo(progress.id());
            assertThat(replayed.get(1).id()).isEqualTo(point.id());
            assertThat(replayed.get(2).json().get("to").asString()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void cancellingAQueuedJobThroughTheApiEndsItsStream() {
        UUID job = submit();
        try (SseClient stream = SseClient.open(api(), "/api/v1/jobs/" + job + "/events", null)) {
            assertThat(stream.next(LIVE).name()).isEqualTo("job");
            assertThat(api().post("/api/v1/jobs/" + job + "/cancel", "").status()).isEqualTo(200);
            Event cancelled = stream.next(LIVE);
            assertThat(cancelled.name()).isEqualTo("status");
            assertThat(cancelled.json().get("to").asString()).isEqualTo("CANCELLED");
            assertThat(cancelled.json().get("reason").asString()).contains("cancelled");
            stream.awaitEnd(LIVE);
        }
    }

    @Test
    void aFinishedJobsStreamSendsItsStateAndEnds() {
        UUID job = submit();
        api().post("/api/v1/jobs/" + job + "/cancel", "");
        try (SseClient stream = SseClient.open(api(), "/api/v1/jobs/" + job + "/events", null)) {
            Event state = stream.next(LIVE);
            assertThat(state.name()).isEqualTo("job");
            assertThat(state.json().get("status").asString()).isEqualTo("CANCELLED");
            stream.awaitEnd(LIVE);
        }
        try (SseClient fromTheStart = SseClient.open(api(), "/api/v1/jobs/" + job + "/events", "0")) {
            List<Event> replayed = fromTheStart.rest(LIVE);
            assertThat(replayed).extracting(event -> event.json().get("to").asString())
                    .containsExactly("QUEUED", "CANCELLED");
        }
        try (SseClient resumedAfterTheEnd = SseClient.open(api(), "/api/v1/jobs/" + job + "/events",
                Long.toString(Long.MAX_VALUE))) {
            assertThat(resumedAfterTheEnd.rest(LIVE)).isEmpty();
        }
        assertThat(api().delete("/api/v1/jobs/" + job).status()).isEqualTo(204);
        assertThat(SseClient.open(api(), "/api/v1/jobs/" + job + "/events", null).status()).isEqualTo(404);
    }

    @Test
    void anUnknownJobIsA404ProblemAndAMalformedLastEventIdA400() {
        SseClient unknown = SseClient.open(api(), "/api/v1/jobs/" + UUID.randomUUID() + "/events", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.body()).contains("https://robustlab.io/problems/not-found");

        SseClient malformed = SseClient.open(api(), "/api/v1/jobs/" + submit() + "/events", "yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("Last-Event-ID");
    }

    @Test
    void aProjectGetsAtMostItsQuotaOfStreamsAndA429ProblemBeyond() {
        UUID job = submit();
        int before = liveEvents.openStreams();
        List<SseClient> open = new ArrayList<>();
        try {
            while (liveEvents.openStreams() < properties.maxStreamsPerProject()) {
                SseClient stream = SseClient.open(api(), "/api/v1/jobs/" + job + "/events", null);
                assertThat(stream.status()).isEqualTo(200);
                open.add(stream);
            }
            SseClient refused = SseClient.open(api(), "/api/v1/jobs/" + job + "/events", null);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("https://robustlab.io/problems/too-many-requests");

            // The job finishing ends its streams, and frees their slots.
            api().post("/api/v1/jobs/" + job + "/cancel", "");
            for (SseClient stream : open) {
                assertThat(stream.rest(LIVE)).last().extracting(Event::name).isEqualTo("status");
            }
            await().atMost(LIVE).until(() -> liveEvents.openStreams() == before);
            try (SseClient again = SseClient.open(api(), "/api/v1/jobs/" + submit() + "/events", null)) {
                assertThat(again.status()).isEqualTo(200);
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void aClientThatLeavesIsForgottenAtTheNextWrite() {
        UUID job = submit();
        int before = liveEvents.openStreams();
        SseClient stream = SseClient.open(api(), "/api/v1/jobs/" + job + "/events", null);
        assertThat(stream.next(LIVE).name()).isEqualTo("job");
        assertThat(liveEvents.openStreams()).isEqualTo(before + 1);

        stream.close();
        // A server learns that a client left when a write fails: keep giving the stream something to write.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            rows.workerEvent(job, "progress", "{\"percent\": 1.0, \"phase\": \"x\"}");
            return liveEvents.openStreams() == before;
        });
    }

    private UUID submit() {
        String spec = """
                {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "live"},
                 "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [8]}, "seed": %d}
                """.formatted(rows.unique());
        return UUID.fromString(api().post("/api/v1/jobs", spec).json().get("id").asString());
    }

}
