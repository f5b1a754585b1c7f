package io.robustlab.worker.job;

import io.robustlab.artifacts.ArtifactKeys;
import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.StoredArtifact;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.Heartbeat;
import io.robustlab.contracts.message.WorkerEvent.Payload;
import io.robustlab.contracts.message.WorkerEvent.Progress;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.worker.device.ComputeDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link JobContext} of one run. */
final class RunContext implements JobContext {

    private static final Logger log = LoggerFactory.getLogger(RunContext.class);

    private final JobMessage message;
    private final String runId;
    private final boolean redelivered;
    private final JobLoop.Settings settings;
    private final ComputeDevice device;
    private final ArtifactStore store;
    private final Path workDirectory;
    private final StopSignal signal;
    private final BooleanSupplier stop;
    private final RunEvents events;
    private final JobMetrics metrics;
    private final Clock clock;

    RunContext(JobMessage message, String runId, boolean redelivered, JobLoop.Settings settings,
            ComputeDevice device, ArtifactStore store, Path workDirectory, StopSignal signal, BooleanSupplier stop,
            RunEvents events,
            JobMetrics metrics, Clock clock) {
        this.message = message;
        this.runId = runId;
        this.redelivered = redelivered;
        this.settings = settings;
        this.device = device;
        this.store = store;
        this.workDirectory = workDirectory;
        this.signal = signal;
        this.stop = stop;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public JobMessage message() {
        return message;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String workerId() {
        return settings.workerId();
    }

    @Override
    public ComputeDevice device() {
        return device;
    }

    @Override
    public boolean redelivered() {
        return redelivered;
    }

    @Override
    public Path workDirectory() {
        return workDirectory;
    }

    @Override
    public ArtifactStore store() {
        return store;
    }

    @Override
    public String artifactPrefix() {
        return ArtifactKeys.jobAttempt(message.jobId(), message.attempt());
    }

    @Override
    public Artifact upload(String name, Path file, String contentType) throws IOException {
        String key = artifactPrefix() + name;
        RetryPolicy retry = settings.retry();
        for (int tries = 1; ; tries++) {
            try {
                StoredArtifact stored = store.put(key, file, contentType);
                return new Artifact(name, stored.key(), stored.sizeBytes(), stored.sha256(), contentType);
            } catch (IOException e) {
                if (tries >= retry.maxAttempts() || signal.await(retry.backoff(tries))) {
                    throw e;
                }
                log.warn("storing {} failed (try {} of {}), trying again: {}", key, tries, retry.maxAttempts(),
                        e.getMessage());
            }
        }
    }

    @Override
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }

    @Override
    public boolean resumesLater() {
        return stop.getAsBoolean() && signal.cancelReason() == null;
    }

    @Override
    public void progress(double percent, String phase, Double etaSeconds, Double samplesPerSecond) {
        if (samplesPerSecond != null) {
            metrics.samplesPerSecond(message.kind(), samplesPerSecond);
        }
        double clamped = Double.isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent));
        events.progress(new Progress(clamped, phase, etaSeconds, samplesPerSecond), clock.millis() * 1_000_000L);
    }

    @Override
    public void report(Payload payload) {
        if (payload.terminal() || payload instanceof Started || payload instanceof Heartbeat
                || payload instanceof Progress) {
            throw new IllegalArgumentException("the job loop publishes " + payload.getClass().getSimpleName()
                    + " itself; report only results");
        }
        events.publish(payload);
    }
}
