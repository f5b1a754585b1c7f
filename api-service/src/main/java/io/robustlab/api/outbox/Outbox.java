package io.robustlab.api.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes messages to the outbox, inside the caller's transaction: they are published only if it commits. */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return the message id the broker will carry, for consumers to recognise a duplicate publish */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueue(String exchange, String routingKey, byte[] payload) {
        String messageId = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        // Plain SQL: every submission writes one of these, and the persistence context has nothing to add.
        jdbc.sql("""
                insert into outbox_message (exchange, routing_key, payload, message_id, created_at, available_at)
                values (?, ?, ?, ?, ?, ?)
                """).params(exchange, routingKey, payload, messageId, now, now).update();
        return messageId;
    }
}
