package io.robustlab.api.testing;

import io.robustlab.api.ApiApplication;
import java.net.URI;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the API's integration tests: the whole application on a random port, against {@link TestDatabase}
 * and {@link TestBroker}. One Spring context is shared by every test class that adds no configuration of its own.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "robustlab.auth.enabled=false")
public abstract class ApiIntegrationTest {

    @LocalServerPort
    private int port;

    /** A client of this test's API. */
    protected ApiClient api() {
        return new ApiClient(URI.create("http://127.0.0.1:" + port));
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
        registry.add("robustlab.artifacts.root", () -> TestArtifactStore.root().toString());
    }
}
