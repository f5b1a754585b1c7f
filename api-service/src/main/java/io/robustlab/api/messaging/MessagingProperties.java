package io.robustlab.api.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker topology and the outbox relay.
 *
 * @param namespace       prefix of every exchange and queue name ({@code robustlab.jobs}, {@code robustlab.train}…)
 * @param deliveryLimit   deliveries of one job message before the broker dead-letters it (a job that keeps killing
 *                        its worker); a quorum-queue feature
 * @param quorumQueues    job queues as quorum queues (RabbitMQ: needed for the delivery limit); off for brokers
 *                        that lack them
 * @param deadLettering   declare the job and event queues with a dead-letter exchange; off for brokers that
 *                        refuse the argument (the embedded Qpid broker closes the connection on it)
 * @param relayInterval   how often the relay looks for unsent outbox messages
 * @param relayBatch      messages published per relay round
 * @param confirmTimeout  how long the relay waits for the broker to confirm a publish
 * @param relayClaim      how long a batch the relay took stays hidden from other relays (other API replicas)
 *                        while it is being published; a relay that dies mid-batch leaves it to be published again
 *                        after this time
 * @param retryBackoff    the wait before publishing a message again after its first failure; it doubles with
 *                        each further failure
 * @param retryBackoffMax the longest wait between two attempts to publish a message
 * @param sentRetention   how long a published outbox message is kept (for inspection) before it is deleted
 * @param metricsInterval how often the queue depths and the outbox lag are measured for the metrics (a scrape
 *                        reads the last measurement, it never waits for the broker or the database)
 */
@ConfigurationProperties("robustlab.messaging")
public record MessagingProperties(
        @DefaultValue("robustlab") String namespace,
        @DefaultValue("5") int deliveryLimit,
        @DefaultValue("true") boolean quorumQueues,
        @DefaultValue("true") boolean deadLettering,
        @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("200") int relayBatch,
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("2m") Duration relayClaim,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("1m") Duration retryBackoffMax,
        @DefaultValue("1d") Duration sentRetention,
        @DefaultValue("10s") Duration metricsInterval) {
}
