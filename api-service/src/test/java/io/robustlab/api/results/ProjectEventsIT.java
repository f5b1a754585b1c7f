package io.robustlab.api.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.results.SseClient.Event;
import io.robustlab.api.testing.ApiClient;
import io.robustlab.api.testing.ApiIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project stream ({@code GET /events}). Status changes and worker events are written straight into the database,
 * as the event consumer of any replica writes them: what reaches the stream came through PostgreSQL's notification
 * (or the settle re-check), never through this replica's memory.
 */
class ProjectEventsIT extends ApiIntegrationTest {

    /** Far below the 10 s poll: an event that arrives this fast was woken by its notification. */
    private static final Duration LIVE = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private WorkerActivity rows;

    @BeforeEach
    void activityRows() {
        rows = new WorkerActivity(jdbc);
    }


    @Test
    void aNewJobAppearsWithItsSummaryThenItsStatusChangesAndProgress() {
        ApiClient api = freshProject();
        try (SseClient stream = SseClient.open(api, "/api/v1/events", null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");
            Event ready = stream.next(LIVE);
            assertThat(ready.name()).isEqualTo("ready");
            assertThat(ready.id()).matches("\\d+-\\d+");

            UUID job = submit(api, "{\"grid\": \"a\"}");
            Event submitted = stream.next(LIVE);
            assertThat(submitted.name()).isEqualTo("status");
            assertThat(submitted.json().get("jobId").asString()).isEqualTo(job.toString());
            assertThat(submitted.json().has("from")).isFalse();
            assertThat(submitted.json().get("to").asString()).isEqualTo("QUEUED");
            assertThat(submitted.json().get("job").get("id").asString()).isEqualTo(job.toString());
            assertThat(submitted.json().get("job").get("name").asString()).isEqualTo("project-stream");
            assertThat(submitted.json().get("job").get("labels").get("grid").asString()).isEqualTo("a");
            assertThat(submitted.json().get("job").has("spec")).isFalse();

            transactions.executeWithoutResult(tx -> {
                rows.transition(job, "QUEUED", "RUNNING", "started on worker w1");
                rows.workerEvent(job, "heartbeat", "{}");
                rows.workerEvent(job, "progress", "{\"type\": \"progress\", \"percent\": 40.0, \"phase\": \"epoch 2/5\"}");
            });
            Event running = stream.next(LIVE);
            assertThat(running.name()).isEqualTo("status");
            assertThat(running.json().get("jobId").asString()).isEqualTo(job.toString());
            assertThat(running.json().get("from").asString()).isEqualTo("QUEUED");
            assertThat(running.json().get("to").asString()).isEqualTo("RUNNING");
            assertThat(running.json().has("job")).as("only a new job carries its summary").isFalse();
            Event progress = stream.next(LIVE);
            assertThat(progress.name()).as("the heartbeat is not streamed").isEqualTo("progress");
            assertThat(progress.json().get("jobId").asString()).isEqualTo(job.toString());
            assertThat(progress.json().get("percent").asDouble()).isEqualTo(40.0);
            assertThat(progress.json().get("attempt").asInt()).isEqualTo(1);

            rows.workerEvent(job, "curve-point", "{\"curve\": \"linf-pgd\", \"epsilon\": 0.1, \"accuracy\": 0.5}");
            transactions.executeWithoutResult(tx -> rows.transition(job, "RUNNING", "SUCCEEDED", "done"));
            Event succeeded = stream.next(LIVE);
            assertThat(succeeded.name()).as("results are not on the project stream").isEqualTo("status");
            assertThat(succeeded.json().get("to").asString()).isEqualTo("SUCCEEDED");

            // The stream follows the project, not a job: it stays open after a job finished.
            UUID next = submit(api, "{}");
            assertThat(stream.next(LIVE).json().get("jobId").asString()).isEqualTo(next.toString());
        }
    }

    @Test
    void jobsOfAnotherProjectNeverAppear() {
        ApiClient api = freshProject();
        ApiClient other = freshProject();
        try (SseClient mine = SseClient.open(api, "/api/v1/events", null);
                SseClient theirs = SseClient.open(other, "/api/v1/events", null)) {
            assertThat(mine.next(LIVE).name()).isEqualTo("ready");
            assertThat(theirs.next(LIVE).name()).isEqualTo("ready");
            UUID foreign = submit(other, "{}");
            transactions.executeWithoutResult(tx -> rows.transition(foreign, "QUEUED", "RUNNING", "started"));
            rows.workerEvent(foreign, "progress", "{\"percent\": 10.0}");
            assertThat(theirs.next(LIVE).json().get("jobId").asString()).isEqualTo(foreign.toString());

            UUID own = submit(api, "{}");
            rows.workerEvent(own, "progress", "{\"percent\": 20.0}");
            // Everything of the other project was committed first: had it leaked, it would come first.
            Event first = mine.next(LIVE);
            Event second = mine.next(LIVE);
            assertThat(List.of(first, second)).extracting(e -> e.json().get("jobId").asString())
                    .containsOnly(own.toString());
            assertThat(second.name()).isEqualTo("progress");
        }
    }

    @Test
    void kindAndLabelFilterTheJobsFollowed() {
        ApiClient api = freshProject();
        try (SseClient labelled = SseClient.open(api, "/api/v1/events?label=grid=g1", null);
                SseClient evaluations = SseClient.open(api, "/api/v1/events?kind=Evaluate", null)) {
            assertThat(labelled.next(LIVE).name()).isEqualTo("ready");
            assertThat(evaluations.next(LIVE).name()).isEqualTo("ready");
            submit(api, "{\"grid\": \"g2\"}");
            UUID inGrid = submit(api, "{\"grid\": \"g1\"}");
            Event first = labelled.next(LIVE);
            assertThat(first.json().get("jobId").asString()).isEqualTo(inGrid.toString());
            assertThat(evaluations.nextIfAny(QUIET)).as("no Evaluate job was submitted").isNull();
        }
        assertThat(SseClient.open(api, "/api/v1/events?label=grid", null).status()).isEqualTo(400);
        SseClient badKind = SseClient.open(api, "/api/v1/events?kind=Tune", null);
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body()).contains("kind");
    }

    /**
     * Job A's change takes the smaller position but commits after job B's: a stream that resumed after B's position
     * would lose it. The stream holds B back until A's transaction ends, sends A then B, and resuming after any
     * event sends exactly the ones after it.
     */
    @Test
    void resumingAfterAnyEventSendsExactlyTheEventsAfterItAcrossJobs() throws Exception {
        ApiClient api = freshProject();
        List<Event> live = new ArrayList<>();
        String start;
        UUID a;
        UUID b;
        UUID c;
        try (SseClient stream = SseClient.open(api, "/api/v1/events", null)) {
            Event ready = stream.next(LIVE);
            start = ready.id();
            a = submit(api, "{}");
            b = submit(api, "{}");
            c = submit(api, "{}");
            for (UUID job : List.of(a, b, c)) {
                Event submitted = stream.next(LIVE);
                assertThat(submitted.json().get("jobId").asString()).isEqualTo(job.toString());
                live.add(submitted);
            }

            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
                rows.workerEvent(a, "progress", "{\"percent\": 1.0}");
                written.countDown();
                await(commit);
            }));
            assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
            rows.workerEvent(b, "progress", "{\"percent\": 2.0}");
            assertThat(stream.nextIfAny(QUIET)).as("B is held back while A's older transaction may still add to it")
                    .isNull();
            commit.countDown();
            slow.get(5, TimeUnit.SECONDS);
            live.add(stream.next(LIVE));
            live.add(stream.next(LIVE));
            assertThat(live.subList(3, 5)).extracting(e -> e.json().get("jobId").asString())
                    .containsExactly(a.toString(), b.toString());

            transactions.executeWithoutResult(tx -> {
                rows.transition(c, "QUEUED", "RUNNING", "started");
                rows.workerEvent(c, "progress", "{\"percent\": 3.0}");
            });
            rows.workerEvent(a, "progress", "{\"percent\": 4.0}");
            transactions.executeWithoutResult(tx -> rows.transition(b, "QUEUED", "CANCELLED", "cancelled"));
            for (int i = 0; i < 4; i++) {
                live.add(stream.next(LIVE));
            }
            assertThat(stream.nextIfAny(QUIET)).isNull();
        }
        assertThat(live).extracting(Event::name)
                .containsExactly("status", "status", "status", "progress", "progress", "status", "progress",
                        "progress", "status");
        assertThat(live).extracting(Event::id).doesNotHaveDuplicates();

        List<String> ids = new ArrayList<>(List.of(start));
        live.forEach(event -> ids.add(event.id()));
        for (int i = 0; i < ids.size(); i++) {
            try (SseClient resumed = SseClient.open(api, "/api/v1/events", ids.get(i))) {
                List<Event> after = new ArrayList<>();
                for (int j = i + 1; j < ids.size(); j++) {
                    after.add(resumed.next(LIVE));
                }
                assertThat(resumed.nextIfAny(Duration.ofMillis(300))).as("nothing more after event %d", i).isNull();
                assertThat(after).as("after event %d", i).extracting(Event::id)
                        .containsExactlyElementsOf(ids.subList(i + 1, ids.size()));
            }
        }
    }

    @Test
    void aMalformedLastEventIdIsA400ProblemNamingIt() {
        for (String bad : List.of("yesterday", "12", "1-2-3", "-1-2", "x-1")) {
            SseClient malformed = SseClient.open(api(), "/api/v1/events", bad);
            assertThat(malformed.status()).as(bad).isEqualTo(400);
            assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
            assertThat(JSON.readTree(malformed.body()).get("errors").get(0).get("field").asString())
                    .isEqualTo("Last-Event-ID");
        }
    }

    /** A project of its own: nothing another test does shows up on its stream. */
    private ApiClient freshProject() {
        return apiForProject("stream-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private UUID submit(ApiClient client, String labels) {
        String spec = """
                {"apiVersion": "robustlab/v1", "kind": "Train",
                 "metadata": {"name": "project-stream", "labels": %s},
                 "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [8]}, "seed": %d}
                """.formatted(labels, rows.unique());
        ApiClient.Response created = client.post("/api/v1/jobs", spec);
        assertThat(created.status()).as(created.toString()).isIn(200, 201);
        return UUID.fromString(created.json().get("id").asString());
    }


    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never told to commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
