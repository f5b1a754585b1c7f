package io.robustlab.api.messaging;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.robustlab.api.jobs.WorkerEventApplier;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.UnreadableMessageException;
import io.robustlab.contracts.message.WorkerEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Consumes worker events (manual acknowledgement): each is applied in one database transaction and acknowledged
 * only after it committed, so an event is never lost. An unreadable event, or one that can never be applied, is
 * rejected without requeue (the broker dead-letters it to the events dead-letter queue) and logged; an event that
 * failed because the database is unreachable is returned to the queue after a pause and tried again.
 */
@Component
class WorkerEventListener {

    private static final Logger log = LoggerFactory.getLogger(WorkerEventListener.class);
    /** The pause before an event the database could not take goes back to the queue: no hot loop while it is down. */
    private static final Duration REQUEUE_PAUSE = Duration.ofSeconds(1);

    private final WorkerEventApplier applier;
    private final MeterRegistry registry;

    WorkerEventListener(WorkerEventApplier applier, MeterRegistry registry) {
        this.applier = applier;
        this.registry = registry;
    }

    @RabbitListener(id = "worker-events", queues = "#{@topology.eventsQueue()}", ackMode = "MANUAL")
    void onEvent(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        long started = System.nanoTime();
        WorkerEvent event;
        try {
            event = MessageCodec.decodeEvent(message.getBody());
        } catch (UnreadableMessageException e) {
            reject(channel, tag, message, e.getMessage());
            time(started, "unreadable", "rejected");
            return;
        }
        String type = event.payload().type();
        try {
            WorkerEventApplier.Outcome outcome = applier.apply(event);
            channel.basicAck(tag, false);
            time(started, type, outcome.tag());
        } catch (UnreadableMessageException e) {
            reject(channel, tag, message, e.getMessage());
            time(started, type, "rejected");
        } catch (CannotCreateTransactionException | DataAccessResourceFailureException
                | TransientDataAccessException | RecoverableDataAccessException e) {
            log.warn("event {} of job {} not applied, will retry: {}", type, event.jobId(), e.getMessage());
            pause();
            channel.basicNack(tag, false, true);
            time(started, type, "retried");
        } catch (RuntimeException e) {
            // Not the database being away: applying it again would fail again. Kept in the dead-letter queue.
            log.error("event {} of job {} (attempt {}, run {}, sequence {}) cannot be applied; dead-lettered",
                    type, event.jobId(), event.attempt(), event.runId(), event.sequence(), e);
            channel.basicReject(tag, false);
            time(started, type, "rejected");
        }
    }

    private static void reject(Channel channel, long tag, Message message, String why) throws IOException {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        log.error("unreadable worker event dead-lettered ({}): {}", why,
                body.length() > 200 ? body.substring(0, 200) + "…" : body);
        channel.basicReject(tag, false);
    }

    private void time(long started, String type, String outcome) {
        Timer.builder("robustlab.events.apply").tag("type", type).tag("outcome", outcome)
                .description("Receipt to commit of one worker event")
                .register(registry).record(Duration.ofNanos(System.nanoTime() - started));
    }

    private static void pause() {
        try {
            Thread.sleep(REQUEUE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
