package io.robustlab.worker.job;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often, and how patiently, work that failed for a reason that may pass (the broker or the artifact store
 * unreachable for a moment) is tried again inside the worker.
 *
 * @param maxAttempts    tries in all, the first included
 * @param initialBackoff the pause after the first failure; each later pause doubles, up to {@code maxBackoff}
 * @param maxBackoff     the longest pause
 */
public record RetryPolicy(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry max-attempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry backoffs must satisfy 0 <= initial-backoff <= max-backoff");
        }
    }

    /** The pause after the {@code failures}-th failure in a row (counted from 1). */
    public Duration backoff(int failures) {
        Duration pause = initialBackoff;
        for (int i = 1; i < failures && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }
}
