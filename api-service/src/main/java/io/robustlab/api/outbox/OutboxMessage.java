package io.robustlab.api.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A message waiting to be published, or published ({@code sentAt} set once the broker confirmed it). Written here,
 * with JPA; read and updated by {@link OutboxRelay}, in batches with SQL.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String exchange;
    private String routingKey;
    private byte[] payload;
    private String messageId;
    private Instant createdAt;
    private Instant availableAt;
    private int attempts;
    private String lastError;
    private Instant sentAt;

    protected OutboxMessage() {
    }

    OutboxMessage(String exchange, String routingKey, byte[] payload, String messageId, Instant now) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.payload = payload;
        this.messageId = messageId;
        this.createdAt = now;
        this.availableAt = now;
    }

    public Long id() {
        return id;
    }

    public String exchange() {
        return exchange;
    }

    public String routingKey() {
        return routingKey;
    }

    public byte[] payload() {
        return payload;
    }

    public String messageId() {
        return messageId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant availableAt() {
        return availableAt;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
