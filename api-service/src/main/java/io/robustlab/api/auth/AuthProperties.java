package io.robustlab.api.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication.
 *
 * @param enabled        false only for a single-user standalone install: every request is then the admin of
 *                       {@link #defaultProject()} (printed loudly at startup)
 * @param adminKey       a bootstrap admin key from configuration (e.g. {@code ROBUSTLAB_AUTH_ADMIN_KEY}), able to
 *                       mint keys; none when blank
 * @param defaultProject the project of the bootstrap admin key and of every request when auth is disabled
 * @param keyCacheTtl    how long a checked key is remembered without asking the database again: a key revoked
 *                       through another replica keeps working for at most this long; zero turns the cache off
 */
@ConfigurationProperties("robustlab.auth")
public record AuthProperties(
        @DefaultValue("true") boolean enabled,
        String adminKey,
        @DefaultValue("default") String defaultProject,
        @DefaultValue("5s") Duration keyCacheTtl) {
}
