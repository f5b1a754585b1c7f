package io.robustlab.api.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker topology and the outbox relay.
 *
 * @param namespace      prefix of every exchange and queue name ({@code robustlab.jobs}, {@code robustlab.train}…)
 * @param deliveryLimit  deliveries of one job message before the broker dead-letters it (a job that keeps killing
 *                       its worker)
 * @param quorumQueues   job queues as quorum queues (RabbitMQ: needed for the delivery limit); off for brokers
 *                       that lack them
 * @param relayInterval  how often the relay looks for unsent outbox messages
 * @param relayBatch     messages published per relay round
 * @param confirmTimeout how long the relay waits for the broker to confirm a publish
 */
@ConfigurationProperties("robustlab.messaging")
public record MessagingProperties(
        @DefaultValue("robustlab") String namespace,
        @DefaultValue("5") int deliveryLimit,
        @DefaultValue("true") boolean quorumQueues,
        @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("200") int relayBatch,
        @DefaultValue("5s") Duration confirmTimeout) {
}
