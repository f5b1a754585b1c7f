package io.robustlab.api.outbox;

import java.time.Instant;

/**
 * An outbox message the relay claimed and is about to publish.
 *
 * @param id        its row
 * @param attempts  how many times publishing it failed before
 */
record PendingMessage(long id, String exchange, String routingKey, byte[] payload, String messageId,
        Instant createdAt, int attempts) {
}
