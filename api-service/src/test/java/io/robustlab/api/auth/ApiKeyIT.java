package io.robustlab.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.testing.ApiClient;
import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ApiKeyIT extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRequestWithoutAKeyIsA401ProblemWithABearerChallenge() {
        for (Response response : List.of(anonymousApi().get("/api/v1/jobs"),
                anonymousApi().post("/api/v1/jobs", "{}"), anonymousApi().get("/api/v1/api-keys"),
                anonymousApi().get("/api/v1/no-such-thing"), anonymousApi().get("/actuator/metrics"))) {
            assertUnauthenticated(response);
            assertThat(response.header("WWW-Authenticate")).as(response.toString()).isEqualTo("Bearer realm=\"robustlab\"");
            assertThat(response.json().get("detail").asString()).contains("needs an API key");
        }
    }

    @Test
    void anUnknownMalformedOrDoubledKeyIsA401Problem() {
        String unknown = ApiKeyFormat.mint(new SecureRandom());
        List<Response> refused = List.of(
                withKey(unknown).get("/api/v1/jobs"),
                anonymousApi().withHeader("X-API-Key", unknown).get("/api/v1/jobs"),
                withKey("not-a-key").get("/api/v1/jobs"),
                withKey(ADMIN_KEY + "x").get("/api/v1/jobs"),
                anonymousApi().withHeader("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/jobs"),
                anonymousApi().withHeader("Authorization", "Bearer").get("/api/v1/jobs"),
                api().withHeader("X-API-Key", unknown).get("/api/v1/jobs"),
                // A bad key is refused even where no key is needed: it is a client's mistake worth hearing of.
                withKey(unknown).get("/actuator/health"));
        for (Response response : refused) {
            assertUnauthenticated(response);
            assertThat(response.header("WWW-Authenticate")).as(response.toString()).startsWith("Bearer ")
                    .contains("error=\"invalid_token\"");
        }
        assertThat(refused.get(0).json().get("detail").asString()).isEqualTo("unknown API key");
        assertThat(refused.get(4).json().get("detail").asString()).contains("Bearer <API key>");
        assertThat(refused.get(6).json().get("detail").asString()).contains("different keys");
    }

    @Test
    void publicPathsNeedNoKey() {
        assertThat(anonymousApi().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymousApi().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymousApi().get("/actuator/info").status()).isEqualTo(200);
        Response prometheus = anonymousApi().get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.text()).contains("http_server_requests");
        Response docs = anonymousApi().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode schemes = docs.json().get("components").get("securitySchemes");
        assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
        assertThat(docs.json().get("paths").has("/api/v1/api-keys")).isTrue();
        assertThat(anonymousApi().get("/swagger-ui/index.html").status()).isEqualTo(200);
        // The dashboard (web-ui's jar): its page and its files need no key; it asks for one and sends it to /api.
        for (String page : List.of("/", "/index.html")) {
            Response index = anonymousApi().get(page);
            assertThat(index.status()).as(page).isEqualTo(200);
            assertThat(index.contentType()).startsWith("text/html");
            assertThat(index.text()).contains("<title>RobustLab</title>");
        }
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(anonymousApi().get("/").text());
        assertThat(script.find()).as("index.html loads its script from /assets/").isTrue();
        Response asset = anonymousApi().get(script.group(1));
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
        // A file the dashboard does not have is a 404 problem, not a 401.
        Response missing = anonymousApi().get("/assets/no-such-file.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(anonymousApi().get("/api/v1/jobs").status()).isEqualTo(401);
    }

    @Test
    void aMintedKeyIsShownOnceStoredOnlyAsItsHashAndWorksInEitherHeader() {
        String project = "mint-" + UUID.randomUUID().toString().substring(0, 8);
        Response minted = api().post("/api/v1/api-keys",
                "{\"project\": \"%s\", \"name\": \"ci nightly\"}".formatted(project));

        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        JsonNode body = minted.json();
        String key = body.get("key").asString();
        String id = body.get("id").asString();
        assertThat(key).matches("rl_[A-Za-z0-9_-]{43}");
        assertThat(body.get("project").asString()).isEqualTo(project);
        assertThat(body.get("admin").asBoolean()).isFalse();
        assertThat(body.get("prefix").asString()).isEqualTo(key.substring(0, 11));
        assertThat(minted.header("Location")).isEqualTo("/api/v1/api-keys/" + id);
        assertThat(minted.header("Cache-Control")).contains("no-store");

        String secret = key.substring(ApiKeyFormat.SHOWN);
        String row = jdbc.sql("select cast(k as text) from api_key k where id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        assertThat(row).doesNotContain(secret).contains(ApiKeyFormat.hash(key));

        Response shown = api().get("/api/v1/api-keys/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().has("key")).isFalse();
        Response listed = api().get("/api/v1/api-keys?project=" + project);
        assertThat(listed.json().get("keys").findValuesAsString("id")).containsExactly(id);
        assertThat(listed.text()).doesNotContain(secret);

        ApiClient bearer = withKey(key);
        ApiClient header = anonymousApi().withHeader("X-API-Key", key);
        assertThat(bearer.get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(header.get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(anonymousApi().withHeader("Authorization", "bearer  " + key).get("/api/v1/jobs").status())
                .as("the scheme is case-insensitive").isEqualTo(200);
        Response own = header.get("/api/v1/api-keys");
        assertThat(own.json().get("keys").findValuesAsString("project")).containsOnly(project);
    }

    @Test
    void aJobSubmittedWithAKeyBelongsToTheKeysProject() {
        String project = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = apiForProject(project).post("/api/v1/jobs", """
                {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "fashion-mnist"},
                 "model": {"architecture": "mlp", "hidden": [8]}}
                """);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(jdbc.sql("select project from job where id = ?").param(id).query(String.class).single())
                .isEqualTo(project);
    }

    @Test
    void aRevokedKeyIsA401Problem() {
        String project = "revoke-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode minted = api().post("/api/v1/api-keys",
                "{\"project\": \"%s\", \"name\": \"leaked\"}".formatted(project)).json();
        ApiClient client = withKey(minted.get("key").asString());
        assertThat(client.get("/api/v1/jobs").status()).isEqualTo(200);

        Response revoked = api().delete("/api/v1/api-keys/" + minted.get("id").asString());
        assertThat(revoked.status()).isEqualTo(204);

        Response refused = client.get("/api/v1/jobs");
        assertUnauthenticated(refused);
        assertThat(refused.json().get("detail").asString()).contains("revoked");
        assertThat(api().get("/api/v1/api-keys/" + minted.get("id").asString()).json().get("revokedAt").isString())
                .isTrue();
        assertThat(api().delete("/api/v1/api-keys/" + minted.get("id").asString()).status())
                .as("revoking again changes nothing").isEqualTo(204);
    }

    @Test
    void aNonAdminKeyMintingIsA403ProblemAndAnAdminKeyMintedThroughTheApiMints() {
        String project = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        Response refused = apiForProject(project).post("/api/v1/api-keys",
                "{\"project\": \"%s\", \"name\": \"more\"}".formatted(project));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("https://robustlab.io/problems/forbidden");
        assertThat(refused.json().get("detail").asString()).contains("admin API key");
        assertThat(jdbc.sql("select count(*) from api_key where project = ? and name = 'more'").param(project)
                .query(Long.class).single()).isZero();

        JsonNode admin = api().post("/api/v1/api-keys",
                "{\"project\": \"%s\", \"name\": \"second admin\", \"admin\": true}".formatted(project)).json();
        assertThat(admin.get("admin").asBoolean()).isTrue();
        Response minted = withKey(admin.get("key").asString()).post("/api/v1/api-keys",
                "{\"project\": \"elsewhere\", \"name\": \"by a minted admin\"}");
        assertThat(minted.status()).isEqualTo(201);
    }

    @Test
    void mintingNamesEachInvalidField() {
        assertInvalid(api().post("/api/v1/api-keys", "{\"name\": \"x\"}"), "project");
        assertInvalid(api().post("/api/v1/api-keys", "{\"project\": \"has space\", \"name\": \"x\"}"), "project");
        assertInvalid(api().post("/api/v1/api-keys", "{\"project\": \"" + "p".repeat(65) + "\", \"name\": \"x\"}"),
                "project");
        assertInvalid(api().post("/api/v1/api-keys", "{\"project\": \"p\", \"name\": \" \"}"), "name");
        assertInvalid(api().post("/api/v1/api-keys", "{\"project\": \"p\", \"name\": \"x\", \"admin\": \"yes\"}"),
                "admin");
        Response both = api().post("/api/v1/api-keys", "{\"project\": \"\"}");
        assertThat(both.json().get("errors").findValuesAsString("field")).contains("project", "name")
                .containsOnly("project", "name");

        Response malformed = api().post("/api/v1/api-keys", "{\"project\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("detail").asString()).isEqualTo("the body is not valid JSON");
        assertThat(malformed.text()).doesNotContain("tools.jackson");
    }

    @Test
    void listingAndRevokingAreScopedToTheCallersProject() {
        String project = "scope-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode first = mint(project, "first");
        JsonNode second = mint(project, "second");
        JsonNode foreign = mint("other-" + project, "foreign");
        ApiClient firstClient = withKey(first.get("key").asString());

        assertThat(firstClient.get("/api/v1/api-keys").json().get("keys").findValuesAsString("name"))
                .containsExactly("second", "first");
        Response otherProject = firstClient.get("/api/v1/api-keys?project=other-" + project);
        assertThat(otherProject.status()).isEqualTo(403);
        assertThat(otherProject.contentType()).startsWith("application/problem+json");
        assertThat(firstClient.get("/api/v1/api-keys?project=" + project).status()).isEqualTo(200);
        assertThat(api().get("/api/v1/api-keys?project=other-" + project).json().get("keys")
                .findValuesAsString("name")).containsExactly("foreign");

        assertThat(firstClient.get("/api/v1/api-keys/" + foreign.get("id").asString()).status()).isEqualTo(404);
        assertThat(firstClient.delete("/api/v1/api-keys/" + foreign.get("id").asString()).status()).isEqualTo(404);
        assertThat(firstClient.delete("/api/v1/api-keys/" + second.get("id").asString()).status()).isEqualTo(403);
        assertThat(withKey(second.get("key").asString()).get("/api/v1/jobs").status()).isEqualTo(200);

        assertThat(firstClient.delete("/api/v1/api-keys/" + first.get("id").asString()).status())
                .as("a key may revoke itself").isEqualTo(204);
        assertUnauthenticated(firstClient.get("/api/v1/jobs"));
        assertThat(api().delete("/api/v1/api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private JsonNode mint(String project, String name) {
        Response minted = api().post("/api/v1/api-keys",
                "{\"project\": \"%s\", \"name\": \"%s\"}".formatted(project, name));
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        return minted.json();
    }

    private static void assertInvalid(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("https://robustlab.io/problems/invalid-request");
        assertThat(response.json().get("errors").findValuesAsString("field")).as(response.toString())
                .containsExactly(field);
    }

    static void assertUnauthenticated(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://robustlab.io/problems/unauthenticated");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at org.");
    }
}
