package io.robustlab.worker.job;

import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.Heartbeat;
import io.robustlab.contracts.message.WorkerEvent.Payload;
import io.robustlab.contracts.message.WorkerEvent.Progress;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one run, numbered 0, 1, 2… in the order they are published. Publishing is serialised, so the
 * heartbeat thread and the job's thread never interleave a sequence number, and nothing follows the final event.
 */
final class RunEvents {

    private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

    private final EventPublisher publisher;
    private final String kind;
    private final String jobId;
    private final int attempt;
    private final String runId;
    private final Clock clock;
    private final long progressIntervalNanos;

    private long sequence;
    private boolean finished;
    private Long lastProgressNanos;

    RunEvents(EventPublisher publisher, String kind, String jobId, int attempt, String runId, Clock clock,
            Duration progressInterval) {
        this.publisher = publisher;
        this.kind = kind;
        this.jobId = jobId;
        this.attempt = attempt;
        this.runId = runId;
        this.clock = clock;
        this.progressIntervalNanos = progressInterval.toNanos();
    }

    /** Publishes and waits for the confirm; a failed publish still uses up its number, so no number is reused. */
    synchronized void publish(Payload payload) {
        if (finished) {
            throw new IllegalStateException("run " + runId + " already published its final event");
        }
        long number = sequence++;
        try {
            publisher.publish(kind, new WorkerEvent(jobId, attempt, runId, number, clock.instant(), payload));
        } finally {
            if (payload.terminal()) {
                finished = true;
            }
        }
    }

    /** Publishes progress unless the last progress went out less than the progress interval ago. */
    synchronized boolean progress(Progress progress, long nowNanos) {
        if (finished || lastProgressNanos != null && nowNanos - lastProgressNanos < progressIntervalNanos) {
            return false;
        }
        lastProgressNanos = nowNanos;
        try {
            publish(progress);
            return true;
        } catch (EventPublishException e) {
            // Progress is only information: the next one, or the final event, tells the same story.
            log.warn("progress of job {} not published: {}", jobId, e.getMessage());
            return false;
        }
    }

    /** Publishes a heartbeat, unless the run is over; a failure is logged, the job goes on. */
    void heartbeat() {
        synchronized (this) {
            if (finished) {
                return;
            }
            try {
                publish(new Heartbeat());
            } catch (EventPublishException e) {
                log.warn("heartbeat of job {} not published: {}", jobId, e.getMessage());
            } catch (RuntimeException e) {
                log.error("heartbeat of job {} failed", jobId, e);
            }
        }
    }
}
