package io.robustlab.api.testing;

import io.robustlab.api.ApiApplication;
import java.net.URI;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the API's integration tests: the whole application on a random port, against {@link TestDatabase}
 * and {@link TestBroker}, with authentication on. One Spring context is shared by every test class that adds no
 * configuration of its own; the broker namespace is deleted when the last one closes ({@link BrokerCleanup}).
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"robustlab.auth.enabled=true", "robustlab.auth.admin-key=" + ApiIntegrationTest.ADMIN_KEY,
                "robustlab.auth.default-project=" + ApiIntegrationTest.DEFAULT_PROJECT})
@Import(BrokerCleanup.class)
public abstract class ApiIntegrationTest {

    /** The bootstrap admin key the test application is configured with. */
    protected static final String ADMIN_KEY = "it-bootstrap-admin-key-0123456789abcdef";
    /** The project of {@link #ADMIN_KEY}, where {@link #api()} works. */
    protected static final String DEFAULT_PROJECT = "default";

    @LocalServerPort
    private int port;

    /** A client of this test's API, authenticated with the bootstrap admin key (project {@value DEFAULT_PROJECT}). */
    protected ApiClient api() {
        return withKey(ADMIN_KEY);
    }

    /** A client that presents no key. */
    protected ApiClient anonymousApi() {
        return new ApiClient(URI.create("http://127.0.0.1:" + port));
    }

    /** A client that presents this key as {@code Authorization: Bearer}. */
    protected ApiClient withKey(String key) {
        return anonymousApi().withHeader("Authorization", "Bearer " + key);
    }

    /** A client with a new non-admin key of another project, minted through the API by the admin key. */
    protected ApiClient apiForProject(String project) {
        ApiClient.Response minted = api().post("/api/v1/api-keys",
                "{\"project\": \"%s\", \"name\": \"test %s\"}".formatted(project, UUID.randomUUID()));
        if (minted.status() != 201) {
            throw new IllegalStateException("cannot mint a key for project " + project + ": " + minted);
        }
        return withKey(minted.json().get("key").asString());
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", () -> "");
        TestBroker broker = TestBroker.get();
        registry.add("spring.rabbitmq.host", broker::host);
        registry.add("spring.rabbitmq.port", broker::port);
        registry.add("robustlab.messaging.namespace", broker::namespace);
        if (broker.embedded()) {
            registry.add("robustlab.messaging.quorum-queues", () -> "false");
            registry.add("robustlab.messaging.dead-lettering", () -> "false");
        }
        registry.add("robustlab.artifacts.root", () -> TestArtifactStore.root().toString());
    }
}
