package io.robustlab.api.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How jobs are run.
 *
 * @param maxAttempts      dispatches of a job before it fails for good when its workers keep vanishing
 * @param leaseTimeout     a RUNNING job whose worker sent no event for this long has lost its worker
 * @param watchdogInterval how often the lease watchdog looks
 * @param maxSpecBytes     the largest spec body accepted ({@code 413} above)
 */
@ConfigurationProperties("robustlab.jobs")
public record JobProperties(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("2m") Duration leaseTimeout,
        @DefaultValue("15s") Duration watchdogInterval,
        @DefaultValue("1048576") int maxSpecBytes) {
}
