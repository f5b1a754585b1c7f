package io.robustlab.worker.broker;

import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.Topology;
import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.worker.job.EventPublishException;
import io.robustlab.worker.job.EventPublisher;
import io.robustlab.worker.job.RetryPolicy;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes worker events to the events exchange, persistent and mandatory, on the publisher connection, and waits
 * for each confirm. A nack, a return (no queue bound: the event would be lost although acked) or no confirm in time
 * is tried again with backoff. The routing key is {@code <train|attack>.<event type>}, e.g. {@code train.started}.
 */
public final class RabbitEventPublisher implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(RabbitEventPublisher.class);

    private final RabbitTemplate template;
    private final String exchange;
    private final Duration confirmTimeout;
    private final RetryPolicy retry;

    public RabbitEventPublisher(ConnectionFactory connectionFactory, Topology topology, Duration confirmTimeout,
            RetryPolicy retry) {
        if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
            throw new IllegalStateException("worker events need publisher confirms and returns: set "
                    + "spring.rabbitmq.publisher-confirm-type=correlated and spring.rabbitmq.publisher-returns=true");
        }
        this.template = new RabbitTemplate(connectionFactory);
        this.template.setMandatory(true);
        // Returns are read from each publish's CorrelationData; the callback only keeps the template from warning.
        this.template.setReturnsCallback(returned -> log.debug("event returned: {}", returned.getReplyText()));
        this.template.setUsePublisherConnection(true);
        this.exchange = topology.eventsExchange();
        this.confirmTimeout = confirmTimeout;
        this.retry = retry;
    }

    @Override
    public void publish(String kind, WorkerEvent event) {
        String type = event.payload().type();
        String routingKey = Topology.routingKey(kind) + "." + type;
        Message message = message(event);
        for (int tries = 1; ; tries++) {
            String problem = attempt(message, routingKey, event, tries);
            if (problem == null) {
                return;
            }
            if (tries >= retry.maxAttempts()) {
                throw new EventPublishException(type + " event " + event.sequence() + " of job " + event.jobId()
                        + " not confirmed after " + tries + " tries: " + problem);
            }
            log.warn("{} event of job {} not confirmed (try {} of {}), trying again: {}", type, event.jobId(), tries,
                    retry.maxAttempts(), problem);
            pause(retry.backoff(tries));
        }
    }

    /** One publish; null when it was confirmed and routed, else what went wrong. */
    private String attempt(Message message, String routingKey, WorkerEvent event, int tries) {
        CorrelationData correlation = new CorrelationData(event.runId() + "/" + event.sequence() + "/" + tries);
        try {
            template.send(exchange, routingKey, message, correlation);
            CorrelationData.Confirm confirm = correlation.getFuture().get(confirmTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            ReturnedMessage returned = correlation.getReturned();
            if (!confirm.ack()) {
                return "refused by the broker: " + confirm.reason();
            }
            return returned == null ? null
                    : "unroutable (" + returned.getReplyText() + "): no queue is bound to " + exchange;
        } catch (AmqpException e) {
            return e.getMessage();
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "no confirm within " + confirmTimeout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while publishing an event of job " + event.jobId(), e);
        }
    }

    private static Message message(WorkerEvent event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(event.runId() + "/" + event.sequence());
        properties.setTimestamp(Date.from(event.at()));
        properties.setAppId("robustlab-worker");
        return new Message(MessageCodec.encode(event), properties);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while waiting to publish again", e);
        }
    }

}
