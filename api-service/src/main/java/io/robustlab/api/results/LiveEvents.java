package io.robustlab.api.results;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.robustlab.api.auth.Caller;
import io.robustlab.api.system.ApiProblem;
import io.robustlab.api.system.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live event streams of this replica, of one job or of a whole project: opened by the controller, woken by
 * {@link JobActivityListener} (a notification for one job wakes its streams and its project's), by a slow poll (all
 * of them) and by the heartbeat tick.
 *
 * <p>It stops before the web server's graceful shutdown (a higher lifecycle phase stops first) and completes every
 * stream, so open streams never hold the shutdown; their clients reconnect, to another replica, with Last-Event-ID.
 */
@Component
class LiveEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    /** Concurrent database reads of all streams together; a small part of the connection pool. */
    private static final int CONCURRENT_READS = 4;

    private final JobActivity activity;
    private final ProjectActivity projectActivity;
    private final JobProjects jobProjects;
    private final LiveEventProperties properties;
    private final StreamQuota quota;
    /** By {@link ActivitySource#key()}. */
    private final Map<String, Set<LiveStream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger projectStreams = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final Semaphore reads = new Semaphore(CONCURRENT_READS);
    private final ExecutorService pumps = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("live-event-stream-", 0).factory());
    private volatile ScheduledExecutorService timer;
    private volatile boolean running;

    LiveEvents(JobActivity activity, ProjectActivity projectActivity, JobProjects jobProjects,
            LiveEventProperties properties, MeterRegistry registry) {
        this.activity = activity;
        this.projectActivity = projectActivity;
        this.jobProjects = jobProjects;
        this.properties = properties;
        this.quota = new StreamQuota(properties.maxStreamsPerProject());
        Gauge.builder("robustlab.live.streams", open, AtomicInteger::get)
                .description("Open live event streams (SSE) on this replica").register(registry);
    }

    /**
     * Opens a stream of a job: its current state first (event {@code job}), then what happens to it; or, when the
     * client reconnects with the id of the last event it got, everything after that event.
     *
     * @throws ApiProblem 404 for a job the caller cannot see, 429 when the project has too many streams open,
     *                    503 while the replica shuts down
     */
    SseEmitter open(Caller caller, UUID jobId, Long lastEventId) {
        requireRunning();
        JobActivity.Snapshot snapshot = null;
        if (lastEventId == null) {
            snapshot = activity.snapshot(caller, jobId);
        } else {
            activity.requireVisible(caller, jobId);
        }
        long position = snapshot != null ? snapshot.position() : lastEventId;
        LiveStream stream = start(caller, new JobSource(jobId, position, activity));
        if (snapshot != null) {
            if (!stream.sendFirst("job", Long.toString(position), snapshot.json(), reconnectMillis())) {
                return stream.emitter();
            }
            if (snapshot.status().finished()) {
                stream.complete();
                return stream.emitter();
            }
        }
        return follow(stream);
    }

    /**
     * Opens a stream of the caller's project: event {@code ready} first, then every status change and progress of
     * its jobs that pass the filter; or, when the client reconnects with the id of the last event it got, everything
     * after that event.
     *
     * @throws ApiProblem 429 when the project has too many streams open, 503 while the replica shuts down
     */
    SseEmitter openProject(Caller caller, ProjectFilter filter, ProjectPosition lastEventId) {
        requireRunning();
        ProjectPosition position = lastEventId != null ? lastEventId : projectActivity.head();
        projectStreams.incrementAndGet();
        LiveStream stream;
        try {
            stream = start(caller, new ProjectSource(caller, filter, position, projectActivity));
        } catch (ApiProblem refused) {
            projectStreams.decrementAndGet();
            throw refused;
        }
        if (lastEventId == null && !stream.sendFirst("ready", position.toString(), "{}", reconnectMillis())) {
            return stream.emitter();
        }
        return follow(stream);
    }

    private void requireRunning() {
        if (!running) {
            throw new ApiProblem(ProblemType.UNAVAILABLE, "this API server is shutting down; reconnect");
        }
    }

    private LiveStream start(Caller caller, ActivitySource source) {
        String project = caller.project();
        if (!quota.tryAcquire(project)) {
            throw new ApiProblem(ProblemType.TOO_MANY_REQUESTS, "project " + project + " already has "
                    + quota.maxPerProject() + " event streams open on this server, the most allowed; close one");
        }
        open.incrementAndGet();
        SseEmitter emitter = new SseEmitter(properties.maxStreamDuration().toMillis());
        return new LiveStream(source, emitter, pumps, reads, this::settleLater, closed -> forget(project, closed));
    }

    private SseEmitter follow(LiveStream stream) {
        streams.computeIfAbsent(stream.key(), key -> ConcurrentHashMap.newKeySet()).add(stream);
        if (stream.closed()) {
            // The client left before the stream was registered: its slot is already free.
            unregister(stream);
        }
        stream.wake();
        return stream.emitter();
    }

    private long reconnectMillis() {
        return properties.reconnectDelay().toMillis();
    }

    private void settleLater(LiveStream stream, long millis) {
        ScheduledExecutorService ticks = timer;
        if (ticks != null && running) {
            try {
                ticks.schedule(stream::wake, millis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    /** Something happened to a job: its streams look, and its project's. */
    void wake(UUID jobId) {
        wake(ActivitySource.ofJob(jobId));
        if (projectStreams.get() > 0) {
            jobProjects.of(jobId).ifPresent(project -> wake(ActivitySource.ofProject(project)));
        }
    }

    private void wake(String key) {
        Set<LiveStream> following = streams.get(key);
        if (following != null) {
            following.forEach(LiveStream::wake);
        }
    }

    /** Every stream looks: after a gap in notifications, and as the slow poll. */
    void wakeAll() {
        streams.values().forEach(following -> following.forEach(LiveStream::wake));
    }

    /** Open streams on this replica. */
    int openStreams() {
        return open.get();
    }

    /** Called once per stream, when it closes. */
    private void forget(String project, LiveStream stream) {
        unregister(stream);
        if (stream.key().equals(ActivitySource.ofProject(project))) {
            projectStreams.decrementAndGet();
        }
        quota.release(project);
        open.decrementAndGet();
    }

    private void unregister(LiveStream stream) {
        streams.computeIfPresent(stream.key(), (key, following) -> {
            following.remove(stream);
            return following.isEmpty() ? null : following;
        });
    }

    @Override
    public void start() {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("live-event-ticks").daemon().factory());
        long heartbeat = properties.heartbeat().toMillis();
        ticks.scheduleWithFixedDelay(
                () -> streams.values().forEach(following -> following.forEach(LiveStream::heartbeat)),
                heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long poll = properties.pollInterval().toMillis();
        ticks.scheduleWithFixedDelay(this::wakeAll, poll, poll, TimeUnit.MILLISECONDS);
        timer = ticks;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService ticks = timer;
        if (ticks != null) {
            ticks.shutdownNow();
        }
        List<LiveStream> all = streams.values().stream().flatMap(Set::stream).toList();
        // Each on a task of its own: completing waits for a send in progress, which a stuck client can hold.
        CompletableFuture<?>[] completed = all.stream()
                .map(stream -> CompletableFuture.runAsync(stream::complete, pumps))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(completed).get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("{} live event streams did not complete on shutdown: {}", all.size(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!all.isEmpty()) {
            log.info("ended {} live event streams for shutdown; their clients reconnect", all.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first: before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) waits for requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
