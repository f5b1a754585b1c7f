package io.robustlab.api.results;

import io.robustlab.api.jobs.JobStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's open event stream of one job. Woken by a notification, the poll or the heartbeat tick, it catches up
 * from its last position on a task of its own, so a slow client delays nobody else; it borrows a database
 * connection only for each read.
 */
final class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    private static final int BATCH = 500;

    private final UUID jobId;
    private final SseEmitter emitter;
    private final JobActivity activity;
    private final Executor executor;
    private final Semaphore reads;
    private final Consumer<LiveStream> onClose;
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicBoolean heartbeatDue = new AtomicBoolean();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The last position sent; touched only by the one running pump. */
    private long position;

    LiveStream(UUID jobId, SseEmitter emitter, long position, JobActivity activity, Executor executor,
            Semaphore reads, Consumer<LiveStream> onClose) {
        this.jobId = jobId;
        this.emitter = emitter;
        this.position = position;
        this.activity = activity;
        this.executor = executor;
        this.reads = reads;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onError(error -> close());
        emitter.onTimeout(this::complete);
    }

    UUID jobId() {
        return jobId;
    }

    boolean closed() {
        return closed.get();
    }

    /** Something may have happened to the job: read and send what is new. */
    void wake() {
        woken.set(true);
        schedule();
    }

    /** Time for a comment line, unless the stream is busy anyway. */
    void heartbeat() {
        heartbeatDue.set(true);
        schedule();
    }

    /** Sends the job's state as the stream's first event. */
    boolean sendJob(JobActivity.Snapshot snapshot, long reconnectMillis) {
        return send(SseEmitter.event().name("job").id(Long.toString(snapshot.position()))
                .reconnectTime(reconnectMillis).data(snapshot.json()));
    }

    /** Ends the stream normally: the client sees the end of the response. */
    void complete() {
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            log.debug("completing the stream of job {}: {}", jobId, e.toString());
        }
        close();
    }

    /** Forgets the stream (idempotent): it gets nothing more and frees its slot. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }

    private void schedule() {
        if (closed.get() || !pumping.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::pump);
        } catch (RejectedExecutionException e) {
            pumping.set(false);
        }
    }

    private void pump() {
        try {
            while (!closed.get()) {
                if (woken.getAndSet(false)) {
                    catchUp();
                } else if (heartbeatDue.getAndSet(false)) {
                    send(SseEmitter.event().comment("heartbeat"));
                } else {
                    break;
                }
            }
        } catch (DataAccessException e) {
            // The next poll tries again; the client keeps its stream meanwhile.
            log.warn("stream of job {}: reading its activity failed: {}", jobId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pumping.set(false);
        }
        if (!closed.get() && (woken.get() || heartbeatDue.get())) {
            schedule();
        }
    }

    /** Sends every event after {@link #position}; ends the stream once the job finished or was deleted. */
    private void catchUp() throws InterruptedException {
        Optional<JobStatus> status = read(() -> activity.status(jobId));
        if (status.isEmpty()) {
            complete();
            return;
        }
        List<ActivityEvent> batch;
        do {
            batch = read(() -> activity.after(jobId, position, BATCH));
            for (ActivityEvent event : batch) {
                if (!send(SseEmitter.event().id(Long.toString(event.position())).name(event.name())
                        .data(event.json()))) {
                    return;
                }
                position = event.position();
                if (event.terminal()) {
                    complete();
                    return;
                }
            }
        } while (batch.size() == BATCH);
        // The status was read before the events: a finished job's final change is among those just sent.
        if (status.get().finished()) {
            complete();
        }
    }

    private boolean send(SseEmitter.SseEventBuilder event) {
        if (closed.get()) {
            return false;
        }
        try {
            emitter.send(event);
            return true;
        } catch (IOException | RuntimeException e) {
            // The client went away; the container completes the request, and the stream is forgotten now.
            log.debug("stream of job {} closed by the client: {}", jobId, e.toString());
            close();
            return false;
        }
    }

    /** A database read, a few at a time across all streams, so that a burst of wake-ups cannot drain the pool. */
    private <T> T read(Supplier<T> query) throws InterruptedException {
        reads.acquire();
        try {
            return query.get();
        } finally {
            reads.release();
        }
    }
}
