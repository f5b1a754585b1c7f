package io.robustlab.worker.job;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.MessageCodec;
import io.robustlab.contracts.message.UnreadableMessageException;
import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.Failed;
import io.robustlab.worker.device.ComputeDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles each delivered job message: decodes it, runs it with the runner of its kind ({@link JobRun}) and settles
 * it with the broker. A message that cannot be decoded, has an unknown schema version or a kind this worker does
 * not run is rejected without requeue (the broker dead-letters it), after a {@code failed} event for its job when
 * its job id can be read. Whatever happens, the message is settled exactly once: a run that ends abnormally
 * returns it to the queue, where the broker's delivery limit stops a job that keeps crashing its worker. A broker
 * without delivery limits (the embedded one of standalone mode) would hand it back forever, so the loop counts
 * the breakdowns of each job attempt itself and fails the job after {@value #BREAKDOWNS_BEFORE_FAILING}.
 */
public final class JobLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobLoop.class);

    /** Runs of one job attempt that may break down (an {@link Error}, a bug) before the job is failed. */
    static final int BREAKDOWNS_BEFORE_FAILING = 3;
    private static final int REMEMBERED_BREAKDOWNS = 1_000;

    /**
     * @param workerId          reported in {@code started}
     * @param heartbeatInterval time between heartbeats of a running job
     * @param progressInterval  the least time between two progress events of a run
     * @param retry             how failures that may pass are tried again
     * @param workRoot          where each run gets its work folder
     */
    public record Settings(String workerId, Duration heartbeatInterval, Duration progressInterval, RetryPolicy retry,
            Path workRoot) {
    }

    private final Map<String, JobRunner> runners = new LinkedHashMap<>();
    private final EventPublisher publisher;
    private final RunningJobs running;
    private final JobMetrics metrics;
    private final ComputeDevice device;
    private final ArtifactStore store;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService heartbeats;
    /** Breakdowns per job attempt ({@code jobId#attempt}), the least recently counted forgotten first. */
    private final Map<String, Integer> breakdowns = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED_BREAKDOWNS;
        }
    };

    public JobLoop(List<JobRunner> runners, EventPublisher publisher, RunningJobs running, JobMetrics metrics,
            ComputeDevice device, ArtifactStore store, Settings settings, Clock clock) {
        for (JobRunner runner : runners) {
            if (this.runners.putIfAbsent(runner.kind(), runner) != null) {
                throw new IllegalArgumentException("two runners for kind " + runner.kind());
            }
            metrics.samplesPerSecond(runner.kind(), 0); // the gauge exists before the first job
        }
        this.publisher = publisher;
        this.running = running;
        this.metrics = metrics;
        this.device = device;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.heartbeats = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("heartbeat-", 0)
                .daemon(true).factory());
    }

    /** The job kinds this loop has runners for. */
    public Set<String> kinds() {
        return runners.keySet();
    }

    /** Handles one delivery; returns once it is settled. */
    public void process(Delivery delivery, Settlement settlement) {
        OnceSettlement once = new OnceSettlement(settlement);
        JobMessage message = null;
        try {
            if (running.shuttingDown()) {
                once.requeue();
                return;
            }
            try {
                message = MessageCodec.decodeJob(delivery.body());
            } catch (UnreadableMessageException e) {
                reject(delivery, "the job message cannot be read: " + e.getMessage(), once);
                return;
            }
            JobRunner runner = runners.get(message.kind());
            if (runner == null) {
                reject(delivery, "a " + message.kind() + " job reached a worker that runs " + kinds()
                        + " (it came from the " + delivery.queueKind() + " queue)", once);
                return;
            }
            new JobRun(message, runner, delivery.seenBefore(), publisher, running, metrics, device, store, settings,
                    heartbeats, clock).execute(once);
        } catch (RuntimeException | Error e) {
            if (message != null && brokeDownTooOften(message, e)) {
                reject(delivery, "the job's run broke down " + BREAKDOWNS_BEFORE_FAILING + " times on worker "
                        + settings.workerId() + " (last: " + e + "); it is not tried again", once);
            } else {
                // Like a worker crash: the message goes back; a job that repeats it is failed after a few times.
                log.error("a job run broke down; its message goes back to the queue", e);
            }
        } finally {
            if (!once.settled()) {
                once.requeue();
            }
        }
    }

    private boolean brokeDownTooOften(JobMessage message, Throwable breakdown) {
        int count;
        synchronized (breakdowns) {
            count = breakdowns.merge(message.jobId() + "#" + message.attempt(), 1, Integer::sum);
        }
        if (count >= BREAKDOWNS_BEFORE_FAILING) {
            log.error("job {} attempt {}: its run broke down {} times; failing it", message.jobId(),
                    message.attempt(), count, breakdown);
            return true;
        }
        return false;
    }

    /** Reports the failure against the job if its id can be read, then dead-letters the message. */
    private void reject(Delivery delivery, String reason, Settlement settlement) {
        Optional<JobIdentity> identity = JobIdentity.peek(delivery.body());
        if (identity.isEmpty()) {
            String body = new String(delivery.body(), StandardCharsets.UTF_8);
            log.error("dead-lettering a message of no job ({}): {}", reason,
                    body.length() > 200 ? body.substring(0, 200) + "…" : body);
        } else {
            JobIdentity job = identity.get();
            log.error("dead-lettering the message of job {} attempt {}: {}", job.jobId(), job.attempt(), reason);
            try {
                publisher.publish(delivery.queueKind(), new WorkerEvent(job.jobId(), job.attempt(),
                        UUID.randomUUID().toString(), 0, clock.instant(), new Failed(reason, false)));
            } catch (EventPublishException e) {
                // Requeueing would only bring the same unreadable message back: it is dead-lettered regardless.
                log.error("the failure of job {} could not be reported: {}", job.jobId(), e.getMessage());
            }
        }
        settlement.reject();
        metrics.rejected(delivery.queueKind());
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }

    /** Passes on the first settlement and ignores any later one. */
    private static final class OnceSettlement implements Settlement {

        private final Settlement target;
        private boolean settled;

        OnceSettlement(Settlement target) {
            this.target = target;
        }

        boolean settled() {
            return settled;
        }

        @Override
        public boolean held() {
            return target.held();
        }

        @Override
        public void ack() {
            if (!settled) {
                settled = true;
                target.ack();
            }
        }

        @Override
        public void requeue() {
            if (!settled) {
                settled = true;
                target.requeue();
            }
        }

        @Override
        public void reject() {
            if (!settled) {
                settled = true;
                target.reject();
            }
        }
    }
}
