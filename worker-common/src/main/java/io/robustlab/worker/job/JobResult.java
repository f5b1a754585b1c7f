package io.robustlab.worker.job;

import io.robustlab.contracts.message.WorkerEvent.Artifact;
import java.util.List;

/**
 * What a finished job produced.
 *
 * @param artifacts the files it stored, as {@link JobContext#upload} returned them
 */
public record JobResult(List<Artifact> artifacts) {

    public JobResult {
        artifacts = List.copyOf(artifacts);
    }
}
