package io.robustlab.worker.job;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Cancelled;
import io.robustlab.contracts.message.WorkerEvent.Failed;
import io.robustlab.contracts.message.WorkerEvent.Payload;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.worker.device.ComputeDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a decoded job message: {@code started}, heartbeats, the runner (tried again while its failures
 * may pass), then the final event and the settlement: ack once the final event is confirmed, requeue when it
 * could not be or when the worker is shutting down.
 */
final class JobRun {

    private static final Logger log = LoggerFactory.getLogger(JobRun.class);

    private final JobMessage message;
    private final JobRunner runner;
    private final boolean redelivered;
    private final String runId = UUID.randomUUID().toString();
    private final EventPublisher publisher;
    private final RunningJobs running;
    private final JobMetrics metrics;
    private final ComputeDevice device;
    private final ArtifactStore store;
    private final JobLoop.Settings settings;
    private final ScheduledExecutorService heartbeats;
    private final Clock clock;

    JobRun(JobMessage message, JobRunner runner, boolean redelivered, EventPublisher publisher, RunningJobs running,
            JobMetrics metrics, ComputeDevice device, ArtifactStore store, JobLoop.Settings settings,
            ScheduledExecutorService heartbeats, Clock clock) {
        this.message = message;
        this.runner = runner;
        this.redelivered = redelivered;
        this.publisher = publisher;
        this.running = running;
        this.metrics = metrics;
        this.device = device;
        this.store = store;
        this.settings = settings;
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    void execute(Settlement settlement) {
        String kind = message.kind();
        RunEvents events = new RunEvents(publisher, kind, message.jobId(), message.attempt(), runId, clock,
                settings.progressInterval());
        StopSignal signal = running.register(runId, message.jobId(), message.attempt());
        Stop stop = new Stop(signal, settlement);
        metrics.started(kind, runId);
        String outcome = "requeued";
        Path workDirectory = settings.workRoot().resolve(runId);
        try {
            log.info("job {} attempt {} run {} starting{}", message.jobId(), message.attempt(), runId,
                    redelivered ? " (delivered before)" : "");
            try {
                events.publish(new Started(settings.workerId(), device.device(), device.threads(), device.engine()));
            } catch (EventPublishException e) {
                log.warn("job {}: started not confirmed, message back to the queue: {}", message.jobId(),
                        e.getMessage());
                settlement.requeue();
                return;
            }
            long period = settings.heartbeatInterval().toMillis();
            ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(events::heartbeat, period, period,
                    TimeUnit.MILLISECONDS);
            Payload end;
            try {
                Files.createDirectories(workDirectory);
                RunContext context = new RunContext(message, runId, redelivered, settings, device, store,
                        workDirectory, signal, stop, events, metrics, clock);
                end = runWithRetries(context, stop);
            } catch (IOException e) {
                end = new Failed("the worker cannot create its work folder " + workDirectory + ": "
                        + e.getMessage(), true);
            } finally {
                heartbeat.cancel(false);
            }
            if (end == null) {
                log.info("job {} attempt {} stopped {}; message back to the queue", message.jobId(),
                        message.attempt(), settlement.held() ? "for shutdown"
                                : "because its delivery was lost (connection closed or consumer timeout)");
                settlement.requeue();
                return;
            }
            try {
                events.publish(end);
            } catch (EventPublishException e) {
                log.warn("job {}: final event not confirmed, message back to the queue: {}", message.jobId(),
                        e.getMessage());
                settlement.requeue();
                return;
            }
            settlement.ack();
            outcome = switch (end) {
                case Succeeded s -> "succeeded";
                case Cancelled c -> "cancelled";
                default -> "failed";
            };
            log.info("job {} attempt {} run {} {}", message.jobId(), message.attempt(), runId, outcome);
        } finally {
            running.unregister(runId);
            metrics.finished(kind, runId, outcome);
            deleteQuietly(workDirectory);
        }
    }

    /** The final event to publish, or null when the run stopped for shutdown. */
    private Payload runWithRetries(RunContext context, Stop stop) {
        for (int tries = 1; ; tries++) {
            if (stop.getAsBoolean()) {
                return stopped(stop);
            }
            try {
                return new Succeeded(runner.run(context).artifacts());
            } catch (Exception | OutOfMemoryError e) {
                if (stop.getAsBoolean()) {
                    return stopped(stop);
                }
                JobFailure failure = FailureClassification.classify(e);
                if (failure.retryable() && tries < settings.retry().maxAttempts()) {
                    log.warn("job {} failed (try {} of {}), trying again: {}", message.jobId(), tries,
                            settings.retry().maxAttempts(), failure.reason());
                    stop.signal().await(settings.retry().backoff(tries));
                    continue;
                }
                if (failure.retryable() || failure == e) {
                    log.warn("job {} failed: {}", message.jobId(), failure.reason());
                } else {
                    log.error("job {} failed: {}", message.jobId(), failure.reason(), e);
                }
                return new Failed(failure.reason(), failure.retryable());
            }
        }
    }

    private static Payload stopped(Stop stop) {
        String cancelled = stop.signal().cancelReason();
        return cancelled != null ? new Cancelled(cancelled) : null;
    }

    /**
     * When a run should stop: cancelled, shutting down, or its delivery lost (the broker has requeued the message,
     * so going on would only race the run that picks it up).
     */
    record Stop(StopSignal signal, Settlement delivery) implements java.util.function.BooleanSupplier {

        @Override
        public boolean getAsBoolean() {
            return signal.getAsBoolean() || !delivery.held();
        }
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("cannot delete the work folder {}: {}", folder, e.getMessage());
        }
    }
}
