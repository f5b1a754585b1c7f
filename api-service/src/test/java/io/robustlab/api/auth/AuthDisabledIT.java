package io.robustlab.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.api.testing.ApiClient.Response;
import io.robustlab.api.testing.ApiIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The standalone single-user mode: no key needed, every request the admin of the default project. */
@TestPropertySource(properties = {"robustlab.auth.enabled=false", "robustlab.auth.default-project=solo",
        "spring.datasource.hikari.maximum-pool-size=4"})
@DirtiesContext
class AuthDisabledIT extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyRequestIsTheAdminOfTheDefaultProjectWithoutAKey() {
        Response created = anonymousApi().post("/api/v1/jobs", """
                {"apiVersion": "robustlab/v1", "kind": "Train", "dataset": {"name": "fashion-mnist"},
                 "model": {"architecture": "mlp", "hidden": [4]}}
                """);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(jdbc.sql("select project from job where id = ?").param(id).query(String.class).single())
                .isEqualTo("solo");
        assertThat(anonymousApi().get("/api/v1/jobs/" + id).status()).isEqualTo(200);

        Response minted = anonymousApi().post("/api/v1/api-keys", "{\"project\": \"solo\", \"name\": \"later\"}");
        assertThat(minted.status()).as("admin rights without a key").isEqualTo(201);
    }

    @Test
    void aPresentedKeyIsIgnored() {
        assertThat(withKey("rl_" + "B".repeat(43)).get("/api/v1/jobs").status()).isEqualTo(200);
    }
}
