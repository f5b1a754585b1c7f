package io.robustlab.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.testing.ApiClient;
import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every job query is scoped to the caller's project: another project's job does not exist for it. */
class ProjectIsolationIT extends ApiIntegrationTest {

    static final String TRAIN = """
            {"apiVersion": "robustlab/v1", "kind": "Train", "metadata": {"name": "%s"},
             "dataset": {"name": "fashion-mnist"}, "model": {"architecture": "mlp", "hidden": [16]}}
            """;
    static final String EVALUATE = """
            {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"trainJob": "%s"},
             "dataset": {"name": "fashion-mnist"}, "attacks": [{"name": "fgsm"}], "epsilons": [{"values": [0, 0.1]}]}
            """;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anotherProjectsJobIsA404ForGetCancelAndDeleteAndIsNotListed() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ApiClient alice = apiForProject("alice-" + tag);
        ApiClient bob = apiForProject("bob-" + tag);
        UUID queued = submit(alice, "queued " + tag);
        UUID finished = submit(alice, "finished " + tag);
        jdbc.sql("update job set status = 'SUCCEEDED', finished_at = now() where id = ?").param(finished).update();

        for (ApiClient stranger : new ApiClient[] {bob, api()}) {
            assertNotFound(stranger.get("/api/v1/jobs/" + queued));
            assertNotFound(stranger.post("/api/v1/jobs/" + queued + "/cancel", ""));
            assertNotFound(stranger.delete("/api/v1/jobs/" + finished));
            assertThat(stranger.get("/api/v1/jobs?text=" + tag).json().get("jobs")).isEmpty();
            assertThat(stranger.get("/api/v1/jobs?limit=200").json().get("jobs").findValuesAsString("id"))
                    .doesNotContain(queued.toString(), finished.toString());
        }
        // Nothing a stranger did touched the jobs.
        assertThat(status(queued)).isEqualTo("QUEUED");
        assertThat(status(finished)).isEqualTo("SUCCEEDED");
        assertThat(alice.get("/api/v1/jobs?text=" + tag).json().get("jobs")).hasSize(2);
        assertThat(alice.get("/api/v1/jobs/" + queued).status()).isEqualTo(200);
        assertThat(alice.delete("/api/v1/jobs/" + finished).status()).isEqualTo(204);
    }

    @Test
    void anEvaluateSpecNamingAnotherProjectsTrainJobIsRefusedLikeAnUnknownOne() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ApiClient alice = apiForProject("alice-" + tag);
        ApiClient bob = apiForProject("bob-" + tag);
        UUID train = submit(alice, "model " + tag);
        jdbc.sql("update job set status = 'SUCCEEDED', finished_at = now() where id = ?").param(train).update();
        long bobsJobs = jobsOf("bob-" + tag);

        Response refused = bob.post("/api/v1/jobs", EVALUATE.formatted(train));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("model.trainJob");
        UUID unknown = UUID.randomUUID();
        Response unknownRefused = bob.post("/api/v1/jobs", EVALUATE.formatted(unknown));
        assertThat(error.get("message").asString().replace(train.toString(), "ID"))
                .as("no hint that the job exists elsewhere")
                .isEqualTo(unknownRefused.json().get("errors").get(0).get("message").asString()
                        .replace(unknown.toString(), "ID"));
        assertThat(jobsOf("bob-" + tag)).isEqualTo(bobsJobs);
    }

    private UUID submit(ApiClient client, String name) {
        Response created = client.post("/api/v1/jobs", TRAIN.formatted(name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private String status(UUID id) {
        return jdbc.sql("select status from job where id = ?").param(id).query(String.class).single();
    }

    private long jobsOf(String project) {
        return jdbc.sql("select count(*) from job where project = ?").param(project).query(Long.class).single();
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("https://robustlab.io/problems/not-found");
    }
}
