package io.robustlab.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.ApiApplication;
import io.robustlab.api.testing.ApiClient;
import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API with its database unreachable (a closed port; the shared PostgreSQL is never stopped): requests that need
 * the database are 503 problems with {@code Retry-After}, whether the database is needed to check the key or to
 * answer.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "robustlab.auth.enabled=true",
                "robustlab.auth.admin-key=" + DatabaseDownIT.ADMIN_KEY,
                // Start without the database: no migration, no schema check, no connection at startup.
                "spring.flyway.enabled=false",
                "spring.jpa.hibernate.ddl-auto=none",
                "spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect",
                "spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
                "spring.datasource.hikari.initialization-fail-timeout=-1",
                "spring.datasource.hikari.connection-timeout=250",
                "spring.datasource.hikari.minimum-idle=0",
                "spring.datasource.hikari.maximum-pool-size=2"})
@DirtiesContext
class DatabaseDownIT {

    static final String ADMIN_KEY = "database-down-admin-key-0123456789abcdef";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        int closed = closedPort();
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + closed + "/robustlab");
        registry.add("spring.datasource.username", () -> "postgres");
        TestBroker broker = TestBroker.get();
        registry.add("spring.rabbitmq.host", broker::host);
        registry.add("spring.rabbitmq.port", broker::port);
        registry.add("robustlab.messaging.namespace", broker::namespace);
    }

    @Test
    void aRequestThatNeedsTheDatabaseIsA503ProblemWithRetryAfter() {
        Response response = client().withHeader("Authorization", "Bearer " + ADMIN_KEY).get("/api/v1/jobs");
        assertUnavailable(response);
    }

    @Test
    void aMintedKeyThatCannotBeCheckedIsA503ProblemNotA401() {
        Response response = client().withHeader("X-API-Key", "rl_" + "A".repeat(43)).get("/api/v1/jobs");
        assertUnavailable(response);
    }

    @Test
    void whatNeedsNoDatabaseStillAnswers() {
        assertThat(client().get("/v3/api-docs").status()).isEqualTo(200);
        Response noKey = client().get("/api/v1/jobs");
        assertThat(noKey.status()).isEqualTo(401);
    }

    private ApiClient client() {
        return new ApiClient(URI.create("http://127.0.0.1:" + port));
    }

    private static void assertUnavailable(Response response) {
        ProblemResponsesIT.assertProblem(response, 503, "unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.json().get("detail").asString()).contains("database");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
