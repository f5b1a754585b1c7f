/**
 * The broker side of the API: the topology it declares, the consumer of worker events, and the queue metrics. The
 * relay that publishes job messages is in {@code outbox}.
 */
package io.robustlab.api.messaging;
