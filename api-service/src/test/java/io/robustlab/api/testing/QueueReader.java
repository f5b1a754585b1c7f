package io.robustlab.api.testing;

import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.UnreadableMessageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Reads a queue as a consumer would, for tests that check what reached it. */
public final class QueueReader {

    private final RabbitTemplate rabbit;

    public QueueReader(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /**
     * Takes messages off the queue until one is wanted; the others (earlier tests' messages) are dropped.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when none came within the timeout
     */
    public Message await(String queue, Predicate<Message> wanted, Duration timeout) {
        return awaitAll(queue, wanted, timeout).getLast();
    }

    /** A job message of this job and attempt. */
    public static Predicate<Message> isJob(UUID jobId, int attempt) {
        return message -> {
            try {
                JobMessage job = MessageCodec.decodeJob(message.getBody());
                return job.jobId().equals(jobId.toString()) && job.attempt() == attempt;
            } catch (UnreadableMessageException e) {
                return false;
            }
        };
    }

    /** Like {@link #await}, but returns every message taken, the wanted one last. */
    public List<Message> awaitAll(String queue, Predicate<Message> wanted, Duration timeout) {
        List<Message> taken = new ArrayList<>();
        AtomicReference<Message> found = new AtomicReference<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            Message message;
            while ((message = rabbit.receive(queue)) != null) {
                taken.add(message);
                if (wanted.test(message)) {
                    found.set(message);
                    return true;
                }
            }
            return false;
        });
        return taken;
    }
}
