package io.robustlab.api.results;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's open event stream of a {@link ActivitySource}: one job or a whole project. Woken by a notification,
 * the poll or the heartbeat tick, it catches up from its last position on a task of its own, so a slow client delays
 * nobody else; it borrows a database connection only for each read.
 */
final class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    private static final int BATCH = 500;
    /** The first look again while a transaction still running holds events back; doubled while it lasts. */
    private static final long FIRST_SETTLE_MILLIS = 50;
    private static final long MAX_SETTLE_MILLIS = 2000;

    private final ActivitySource source;
    private final SseEmitter emitter;
    private final Executor executor;
    private final Semaphore reads;
    private final ObjLongConsumer<LiveStream> onSettling;
    private final Consumer<LiveStream> onClose;
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicBoolean heartbeatDue = new AtomicBoolean();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Touched only by the one running pump. */
    private long settleMillis = FIRST_SETTLE_MILLIS;

    /**
     * @param source     what it follows, and from where; read only by the one running pump
     * @param onSettling called when the source has more that is not final yet: wake the stream again after so many
     *                   milliseconds
     * @param onClose    called once, when the stream closes
     */
    LiveStream(ActivitySource source, SseEmitter emitter, Executor executor, Semaphore reads,
            ObjLongConsumer<LiveStream> onSettling, Consumer<LiveStream> onClose) {
        this.source = source;
        this.emitter = emitter;
        this.executor = executor;
        this.reads = reads;
        this.onSettling = onSettling;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onError(error -> close());
        emitter.onTimeout(this::complete);
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** The key its wake-ups come by. */
    String key() {
        return source.key();
    }

    boolean closed() {
        return closed.get();
    }

    /** Something may have happened: read and send what is new. */
    void wake() {
        woken.set(true);
        schedule();
    }

    /** Time for a comment line, unless the stream is busy anyway. */
    void heartbeat() {
        heartbeatDue.set(true);
        schedule();
    }

    /** Sends the stream's first event: a job's state, or that a project's stream is ready. */
    boolean sendFirst(String name, String id, String json, long reconnectMillis) {
        return send(SseEmitter.event().name(name).id(id).reconnectTime(reconnectMillis).data(json));
    }

    /** Ends the stream normally: the client sees the end of the response. */
    void complete() {
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            log.debug("completing the stream of {}: {}", source, e.toString());
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
            log.warn("stream of {}: reading its activity failed: {}", source, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pumping.set(false);
        }
        if (!closed.get() && (woken.get() || heartbeatDue.get())) {
            schedule();
        }
    }

    /** Sends every event after the last one sent; ends the stream once the source is over. */
    private void catchUp() throws InterruptedException {
        ActivitySource.Reading reading;
        do {
            reading = read(() -> source.next(BATCH));
            for (ActivityEvent event : reading.events()) {
                if (!send(SseEmitter.event().id(event.id()).name(event.name()).data(event.json()))) {
                    return;
                }
                if (event.terminal()) {
                    complete();
                    return;
                }
            }
        } while (reading.more());
        if (reading.over()) {
            complete();
        } else if (reading.settling()) {
            onSettling.accept(this, settleMillis);
            settleMillis = Math.min(settleMillis * 2, MAX_SETTLE_MILLIS);
        } else {
            settleMillis = FIRST_SETTLE_MILLIS;
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
            log.debug("stream of {} closed by the client: {}", source, e.toString());
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
