package io.robustlab.api.outbox;

import io.robustlab.api.messaging.MessagingProperties;
import io.robustlab.contracts.message.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a batch of outbox messages and tells which ones the broker took: each is sent persistent, with its
 * message id, correlated for a publisher confirm, and {@code mandatory} so that an unroutable message comes back
 * instead of vanishing. Publishing uses the connection factory's separate publisher connection, so a blocked
 * publisher never stalls the event consumer.
 */
@Component
class OutboxPublisher {

    private final RabbitTemplate routed;
    private final RabbitTemplate broadcast;
    private final String broadcastExchange;
    private final Duration confirmTimeout;

    OutboxPublisher(ConnectionFactory connectionFactory, Topology topology, MessagingProperties properties) {
        this.routed = template(connectionFactory, true);
        // A cancel request is broadcast to whichever workers listen; none listening means none runs the job, so
        // it is not mandatory (and a broker that nacks unroutable mandatory messages, like Qpid, still confirms it).
        this.broadcast = template(connectionFactory, false);
        this.broadcastExchange = topology.controlExchange();
        this.confirmTimeout = properties.confirmTimeout();
    }

    private static RabbitTemplate template(ConnectionFactory connectionFactory, boolean mandatory) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setUsePublisherConnection(true);
        template.setMandatory(mandatory);
        // A returned message is read from its CorrelationData, where the channel puts it before the confirm.
        template.setReturnsCallback(returned -> { });
        return template;
    }

    /** Publishes every message, then waits (at most the confirm timeout in all) for the broker's confirms. */
    List<Publication> publish(List<PendingMessage> batch) {
        List<CorrelationData> correlations = new ArrayList<>(batch.size());
        List<Publication> results = new ArrayList<>(batch.size());
        String connectionError = null;
        for (PendingMessage pending : batch) {
            if (connectionError != null) {
                // The broker is unreachable: the rest of the batch would only wait for the same connect timeout.
                results.add(new Publication(pending, connectionError));
                correlations.add(null);
                continue;
            }
            CorrelationData correlation = new CorrelationData(pending.messageId());
            try {
                RabbitTemplate template = pending.exchange().equals(broadcastExchange) ? broadcast : routed;
                template.send(pending.exchange(), pending.routingKey(), message(pending), correlation);
                correlations.add(correlation);
                results.add(null);
            } catch (AmqpException e) {
                connectionError = "not published: " + describe(e);
                results.add(new Publication(pending, connectionError));
                correlations.add(null);
            }
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (int i = 0; i < batch.size(); i++) {
            if (results.get(i) == null) {
                results.set(i, new Publication(batch.get(i), outcome(correlations.get(i), batch.get(i), deadline)));
            }
        }
        return results;
    }

    /** @return null when confirmed and routed, else the error */
    private String outcome(CorrelationData correlation, PendingMessage pending, long deadline) {
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return "the broker did not confirm within " + confirmTimeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            return "no confirm: " + describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the broker's confirm";
        }
        if (!confirm.ack()) {
            return "the broker refused it (nack): " + confirm.reason();
        }
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null && !pending.exchange().equals(broadcastExchange)) {
            return "unroutable, returned by the broker: " + returned.getReplyCode() + " " + returned.getReplyText()
                    + " (exchange '" + returned.getExchange() + "', routing key '" + returned.getRoutingKey() + "')";
        }
        return null;
    }

    private static Message message(PendingMessage pending) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(pending.messageId());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(Date.from(pending.createdAt()));
        return new Message(pending.payload(), properties);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
    }
}
