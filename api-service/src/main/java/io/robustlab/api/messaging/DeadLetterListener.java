package io.robustlab.api.messaging;

import com.rabbitmq.client.Channel;
import io.robustlab.api.jobs.JobService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the job messages the broker dead-lettered (a job that kept killing its worker past the delivery limit, or a
 * message a worker could not read) and fails their jobs with the broker's reason, so that no job waits forever for
 * a message that is gone. The message is acknowledged once the job is settled; its body is logged.
 */
@Component
@ConditionalOnProperty(name = "robustlab.messaging.dead-lettering", havingValue = "true", matchIfMissing = true)
class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long a worker's own failure report has to arrive before the dead letter's reason is used. */
    private static final Duration WORKER_REPORT_GRACE = Duration.ofSeconds(5);

    private final JobService jobs;

    DeadLetterListener(JobService jobs) {
        this.jobs = jobs;
    }

    @RabbitListener(id = "dead-letters", queues = "#{@topology.deadLetterQueue()}", ackMode = "MANUAL")
    void onDeadLetter(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        String reason = reason(message.getMessageProperties().getHeaders());
        JsonNode body = readable(message.getBody());
        UUID jobId = body == null ? null : uuid(body.get("jobId"));
        JsonNode attempt = body == null ? null : body.get("attempt");
        if (jobId == null || attempt == null || !attempt.canConvertToInt()) {
            log.warn("dead-lettered message without a job id and attempt ({}), dropped: {}", reason,
                    abbreviate(message.getBody()));
            channel.basicAck(tag, false);
            return;
        }
        try {
            if (reason.startsWith("rejected")) {
                awaitTheWorkersOwnReport(jobId);
            }
            boolean failed = jobs.failDeadLettered(jobId, attempt.intValue(), "its message was dead-lettered by the "
                    + "broker (" + reason + "); a job that keeps stopping its worker, or a message a worker cannot "
                    + "read, ends here");
            log.warn("job {} attempt {}: message dead-lettered ({}); {}", jobId, attempt.intValue(), reason,
                    failed ? "job FAILED" : "job already finished or dispatched again");
            channel.basicAck(tag, false);
        } catch (RuntimeException e) {
            log.warn("job {}: dead-lettered message not settled, will retry: {}", jobId, e.getMessage());
            channel.basicNack(tag, false, true);
        }
    }

    /**
     * A worker that rejects a message it cannot run first reports {@code failed} with the reason a user can act on
     * ("epochs must be > 0"); that event travels through another queue, so it is given a moment to arrive before
     * the broker's less specific reason is recorded instead.
     */
    private void awaitTheWorkersOwnReport(UUID jobId) {
        long deadline = System.nanoTime() + WORKER_REPORT_GRACE.toNanos();
        while (!jobs.settled(jobId) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The broker's reason from the first {@code x-death} entry: e.g. {@code delivery_limit from robustlab.train}. */
    static String reason(Map<String, Object> headers) {
        if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.getFirst() instanceof Map<?, ?> death) {
            return death.get("reason") + " from " + death.get("queue")
                    + (death.get("count") == null ? "" : ", " + death.get("count") + " time(s)");
        }
        Object first = headers.get("x-first-death-reason");
        return first == null ? "no reason given" : first.toString();
    }

    private static JsonNode readable(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree != null && tree.isObject() ? tree : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static UUID uuid(JsonNode node) {
        try {
            return node == null || !node.isString() ? null : UUID.fromString(node.asString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
