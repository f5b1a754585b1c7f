package io.robustlab.worker.broker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's side of the broker ({@code robustlab.messaging}, the prefix the API's settings share, so one
 * {@code ROBUSTLAB_MESSAGING_NAMESPACE} configures both).
 *
 * @param namespace        prefix of every exchange and queue name; the API declares them
 * @param confirmTimeout   how long a publish waits for the broker's confirm before it counts as failed
 * @param recoveryInterval how long the worker waits before it looks again for a queue or exchange that does not
 *                         exist yet, or reconnects
 */
@ConfigurationProperties("robustlab.messaging")
public record WorkerMessagingProperties(
        @DefaultValue("robustlab") String namespace,
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("5s") Duration recoveryInterval) {
}
