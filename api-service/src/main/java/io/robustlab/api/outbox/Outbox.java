package io.robustlab.api.outbox;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes messages to the outbox, inside the caller's transaction: they are published only if it commits. */
@Service
public class Outbox {

    private final OutboxRepository messages;
    private final Clock clock;

    Outbox(OutboxRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** @return the message id the broker will carry, for consumers to recognise a duplicate publish */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueue(String exchange, String routingKey, byte[] payload) {
        String messageId = UUID.randomUUID().toString();
        messages.save(new OutboxMessage(exchange, routingKey, payload, messageId, clock.instant()));
        return messageId;
    }
}
