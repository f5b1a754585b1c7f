package io.robustlab.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Errors raised outside the controllers (routing, the container, the firewall, body limits) are problems too. */
class ProblemResponsesIT extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HttpProperties http;

    @Test
    void anUnknownPathIsA404Problem() {
        for (String path : new String[] {"/api/v1/nothing-here", "/nothing-here", "/api/v2/jobs"}) {
            Response response = api().get(path);
            assertProblem(response, 404, "not-found");
        }
    }

    @Test
    void aProblemIsSentEvenToAClientThatAsksForHtml() {
        Response response = api().send(api().request("/api/v1/nothing-here").header("Accept", "text/html").GET());
        assertProblem(response, 404, "not-found");
    }

    @Test
    void aWrongMethodIsA405ProblemThatSaysWhichAreAllowed() {
        Response response = api().send(api().request("/api/v1/jobs").PUT(HttpRequest.BodyPublishers.noBody()));
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void aRequestTheFirewallRejectsIsA400ProblemFromTheContainersErrorPath() {
        Response response = api().get("/api/v1/jobs;jsessionid=1");
        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("instance").asString()).startsWith("/api/v1/jobs");
    }

    @Test
    void errorsTomcatAnswersItselfAreProblems() {
        Response encodedSlash = api().get("/api/v1/jobs/a%2Fb");
        assertProblem(encodedSlash, 400, "invalid-request");
        Response hugeHeader = api().withHeader("X-Padding", "x".repeat(20_000)).get("/api/v1/jobs");
        assertProblem(hugeHeader, 400, "invalid-request");
    }

    @Test
    void theErrorPathAskedForDirectlyIsA404Problem() {
        assertProblem(anonymousApi().get("/error"), 404, "not-found");
    }

    @Test
    void aBodyAboveTheLimitIsA413ProblemBeforeItIsReadOrAuthenticated() {
        long limit = http.maxRequestBody().toBytes();
        long jobs = jdbc.sql("select count(*) from job").query(Long.class).single();
        String big = "{\"pad\": \"" + "x".repeat((int) limit) + "\"}";

        assertProblem(api().post("/api/v1/jobs", big), 413, "payload-too-large");
        Response keys = api().post("/api/v1/api-keys", big);
        assertProblem(keys, 413, "payload-too-large");
        assertThat(keys.json().get("detail").asString()).contains("at most " + limit + " bytes");
        assertProblem(anonymousApi().post("/api/v1/jobs", big), 413, "payload-too-large");
        assertThat(jdbc.sql("select count(*) from job").query(Long.class).single()).isEqualTo(jobs);
    }

    @Test
    void aChunkedBodyAboveTheLimitIsA413ProblemOnceItPassesTheLimit() {
        byte[] big = new byte[(int) http.maxRequestBody().toBytes() + 10];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        // No Content-Length: the body streams in chunks and is counted as it is read. (Not on /api/v1/jobs,
        // which checks robustlab.jobs.max-spec-bytes itself and would hide a missing limit.)
        Response response = api().send(api().request("/api/v1/api-keys").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertProblem(response, 413, "payload-too-large");
        assertThat(response.json().get("detail").asString()).contains("more than");

        Response small = api().send(api().request("/api/v1/api-keys").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        "{\"project\": \"chunked\", \"name\": \"fits\"}".getBytes()))));
        assertThat(small.status()).as(small.toString()).isEqualTo(201);
    }

    static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo(ProblemType.BASE + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.has("trace")).isFalse();
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
