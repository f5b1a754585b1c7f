package io.robustlab.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import io.robustlab.contracts.spec.SpecCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class JobApiIT extends ApiIntegrationTest {

    static final String TRAIN = """
            {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "mlp %s", "labels": {"team": "%s"}},
             "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [64]}, "seed": %d}
            """;

    @Autowired
    JdbcClient jdbc;

    static String train(String team, long seed) {
        return TRAIN.formatted(team, team, seed);
    }

    @Test
    void aSubmittedJobIsQueuedWithItsTransitionAndAnOutboxMessageInOneTransaction() {
        String spec = train("alpha", 1);
        Response created = api().post("/api/v1/jobs", spec);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode job = created.json();
        UUID id = UUID.fromString(job.get("id").asString());
        assertThat(job.get("status").asString()).isEqualTo("QUEUED");
        assertThat(job.get("kind").asString()).isEqualTo("Train");
        assertThat(job.get("specHash").asString()).isEqualTo(SpecCodec.specHash(SpecCodec.parse(spec)));
        assertThat(job.get("attempt").asInt()).isEqualTo(1);
        assertThat(created.header("Location")).isEqualTo("/api/v1/jobs/" + id);
        assertThat(job.get("links").get("curves").asString()).isEqualTo("/api/v1/jobs/" + id + "/curves");

        assertThat(jdbc.sql("select status from job where id = ?").param(id).query(String.class).single())
                .isEqualTo("QUEUED");
        assertThat(jdbc.sql("select count(*) from job_transition where job_id = ? and to_status = 'QUEUED'")
                .param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox_message where convert_from(payload, 'UTF8') like ?")
                .param("%" + id + "%").query(Long.class).single()).isEqualTo(1);

        JsonNode fetched = api().get("/api/v1/jobs/" + id).json();
        assertThat(fetched.get("spec").get("epochs").isNumber()).as("defaults are filled in").isTrue();
        assertThat(fetched.get("timeline").get(0).get("to").asString()).isEqualTo("QUEUED");
    }

    @Test
    void anInvalidSpecIsA400ProblemNamingEachFieldAndStoresNothing() {
        long jobsBefore = count("job");
        long outboxBefore = count("outbox_message");
        Response response = api().post("/api/v1/jobs", """
                {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "fashion-mnist"},
                 "model": {"architecture": "mlp", "hidden": [64, -3]}, "epochs": 0, "batchSizee": 10}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://robustlab.io/problems/invalid-spec");
        assertThat(problem.get("errors").findValuesAsString("field"))
                .contains("model.hidden[1]", "epochs", "batchSizee");
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(count("job")).isEqualTo(jobsBefore);
        assertThat(count("outbox_message")).isEqualTo(outboxBefore);
    }

    @Test
    void malformedJsonAndWrongMediaTypeAreProblems() {
        Response malformed = api().post("/api/v1/jobs", "{\"kind\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("detail").asString()).contains("malformed JSON");

        Response text = api().postAs("/api/v1/jobs", "text/plain", train("x", 1));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.contentType()).startsWith("application/problem+json");
        assertThat(text.json().get("type").asString()).endsWith("/unsupported-media-type");
    }

    @Test
    void theSameIdempotencyKeyAndSpecReturnTheSameJobAndAnotherSpecIsA409() {
        String key = UUID.randomUUID().toString();
        Response first = api().post("/api/v1/jobs", train("idem", 7), "Idempotency-Key", key);
        Response again = api().post("/api/v1/jobs", train("idem", 7), "Idempotency-Key", key);
        Response other = api().post("/api/v1/jobs", train("idem", 8), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(jdbc.sql("select count(*) from job where idempotency_key = ?").param(key).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyMakeOneJob() throws Exception {
        String key = UUID.randomUUID().toString();
        List<Integer> statuses;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(clients.submit(() -> api().post("/api/v1/jobs", train("race", 5), "Idempotency-Key", key)
                        .status()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> status : sent) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).contains(201).allMatch(status -> status == 201 || status == 200 || status == 409);
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from job where idempotency_key = ?").param(key).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void reuseReturnsASucceededJobWithTheSameSpecHash() {
        String spec = train("reuse-" + UUID.randomUUID(), 3);
        UUID done = UUID.fromString(api().post("/api/v1/jobs", spec).json().get("id").asString());
        Response beforeSuccess = api().post("/api/v1/jobs?reuse=true", spec);
        assertThat(beforeSuccess.status()).as("a queued job is not reused").isEqualTo(201);

        jdbc.sql("update job set status = 'SUCCEEDED', finished_at = now() where id = ?").param(done).update();
        Response reused = api().post("/api/v1/jobs?reuse=true", spec.replace("\"mlp ", "\"renamed "));
        assertThat(reused.status()).isEqualTo(200);
        assertThat(reused.json().get("id").asString()).isEqualTo(done.toString());
        assertThat(reused.json().get("reused").asBoolean()).isTrue();
        Response notAsked = api().post("/api/v1/jobs", spec);
        assertThat(notAsked.status()).isEqualTo(201);
    }

    @Test
    void listsFilterByKindStatusLabelAndTextAndPageWithACursor() {
        String team = "list-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertThat(api().post("/api/v1/jobs", train(team, 100 + i)).status()).isEqualTo(201);
        }
        JsonNode firstPage = api().get("/api/v1/jobs?label=team=" + team + "&limit=2").json();
        assertThat(firstPage.get("jobs")).hasSize(2);
        JsonNode second = api().get("/api/v1/jobs?label=team=" + team + "&limit=2&cursor="
                + firstPage.get("nextCursor").asString()).json();
        JsonNode third = api().get("/api/v1/jobs?label=team=" + team + "&limit=2&cursor="
                + second.get("nextCursor").asString()).json();
        assertThat(third.get("jobs")).hasSize(1);
        assertThat(third.get("nextCursor")).isNull();
        assertThat(firstPage.get("jobs").get(0).get("createdAt").asString())
                .isGreaterThanOrEqualTo(second.get("jobs").get(0).get("createdAt").asString());

        assertThat(api().get("/api/v1/jobs?text=" + team + "&kind=Train&status=QUEUED").json().get("jobs"))
                .hasSize(5);
        assertThat(api().get("/api/v1/jobs?text=" + team + "&kind=Evaluate").json().get("jobs")).isEmpty();
        assertThat(api().get("/api/v1/jobs?text=" + team + "&status=RUNNING").json().get("jobs")).isEmpty();
        JsonNode oldest = api().get("/api/v1/jobs?label=team=" + team + "&sort=createdAt&limit=1").json();
        assertThat(oldest.get("jobs").get(0).get("name").asString()).isEqualTo("mlp " + team);

        Response badStatus = api().get("/api/v1/jobs?status=DONE");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(api().get("/api/v1/jobs?cursor=nonsense").json().get("errors").get(0).get("field").asString())
                .isEqualTo("cursor");
        assertThat(api().get("/api/v1/jobs?limit=0").status()).isEqualTo(400);
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndThenDeletable() {
        UUID id = UUID.fromString(api().post("/api/v1/jobs", train("cancel", 9)).json().get("id").asString());
        Response deleteQueued = api().delete("/api/v1/jobs/" + id);
        assertThat(deleteQueued.status()).isEqualTo(409);

        Response cancelled = api().post("/api/v1/jobs/" + id + "/cancel", "");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api().post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(409);

        assertThat(api().delete("/api/v1/jobs/" + id).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/jobs/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from job_transition where job_id = ?").param(id).query(Long.class)
                .single()).isZero();
    }

    @Test
    void anUnknownOrMalformedJobIdIsAProblem() {
        Response unknown = api().get("/api/v1/jobs/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Response malformed = api().get("/api/v1/jobs/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void anEvaluateJobOfAQueuedTrainJobWaitsAndOneOfAFailedTrainJobIsRefused() {
        UUID train = UUID.fromString(api().post("/api/v1/jobs", train("wait", 11)).json().get("id").asString());
        String evaluate = """
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"trainJob": "%s"},
                 "dataset": {"name": "fashion-mnist"}, "attacks": [{"name": "fgsm"}], "epsilons": [{"values": [0, 0.1]}]}
                """;
        Response waiting = api().post("/api/v1/jobs", evaluate.formatted(train));
        assertThat(waiting.status()).as(waiting.toString()).isEqualTo(201);
        assertThat(waiting.json().get("waitsFor").asString()).isEqualTo(train.toString());
        UUID evaluateId = UUID.fromString(waiting.json().get("id").asString());
        assertThat(jdbc.sql("select count(*) from outbox_message where convert_from(payload, 'UTF8') like ?")
                .param("%" + evaluateId + "%").query(Long.class).single()).as("not dispatched while it waits")
                .isZero();

        api().post("/api/v1/jobs/" + train + "/cancel", "");
        JsonNode settled = api().get("/api/v1/jobs/" + evaluateId).json();
        assertThat(settled.get("status").asString()).isEqualTo("FAILED");
        assertThat(settled.get("failureReason").asString()).contains(train.toString()).contains("cancelled");

        Response refused = api().post("/api/v1/jobs", evaluate.formatted(train));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("model.trainJob");
        Response unknown = api().post("/api/v1/jobs", evaluate.formatted(UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("model.trainJob");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
