/**
 * The broker side of the API: the topology it declares, the relay that publishes the outbox, and the consumer of
 * worker events.
 */
package io.robustlab.api.messaging;
