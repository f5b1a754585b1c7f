package io.robustlab.worker.job;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.Payload;
import io.robustlab.worker.device.ComputeDevice;
import java.io.IOException;
import java.nio.file.Path;

/** What a {@link JobRunner} gets for one run of a job message. */
public interface JobContext {

    JobMessage message();

    /** This execution of the message (a new one for each delivery), as the events carry it. */
    String runId();

    String workerId();

    /** The device, threads and engine the job runs with. */
    ComputeDevice device();

    /** Whether the message was delivered before (redelivered flag or delivery count): an earlier run may have left checkpoints. */
    boolean redelivered();

    /** An empty folder for this run, deleted when the run ends. */
    Path workDirectory();

    ArtifactStore store();

    /** Where this attempt's files go: {@code jobs/{jobId}/attempt-{n}/}. */
    String artifactPrefix();

    /**
     * Stores a file under {@link #artifactPrefix()} + {@code name}, trying again with backoff when the store fails,
     * and returns the reference to report.
     *
     * @param name e.g. {@code model/weights.npz} or {@code result.json}
     */
    Artifact upload(String name, Path file, String contentType) throws IOException;

    /** True once the job was cancelled or the worker is shutting down: stop within a batch. */
    boolean stopRequested();

    /**
     * True once the run must stop but its job is not over: the worker is shutting down (or the broker took the
     * delivery back), so the message returns to the queue and another run resumes the job. A runner that can save
     * its work in progress (a checkpoint of the epoch under way) should do it now, quickly: the shutdown grace
     * period is short. False for a cancel, whose work is not resumed.
     */
    boolean resumesLater();

    /**
     * Reports progress; published at most once per progress interval, the rest dropped.
     *
     * @param percent          0–100
     * @param phase            e.g. "epoch 3/10"
     * @param etaSeconds       seconds left, or null
     * @param samplesPerSecond the current rate, or null
     */
    void progress(double percent, String phase, Double etaSeconds, Double samplesPerSecond);

    /**
     * Publishes a result event (epoch metric, curve point, corruption point, weight-noise point) and waits for the
     * broker's confirm.
     *
     * @throws IllegalArgumentException for the events the loop itself publishes (started, heartbeat, progress,
     *                                  succeeded, failed, cancelled)
     * @throws EventPublishException    when the broker did not confirm it
     */
    void report(Payload payload);
}
