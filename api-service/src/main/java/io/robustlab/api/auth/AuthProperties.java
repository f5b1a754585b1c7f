package io.robustlab.api.auth;

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
 */
@ConfigurationProperties("robustlab.auth")
public record AuthProperties(
        @DefaultValue("true") boolean enabled,
        String adminKey,
        @DefaultValue("default") String defaultProject) {
}
