package io.robustlab.api.artifacts;

import io.robustlab.api.jobs.JobDeleted;
import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.ArtifactKeys;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted job's artifacts from the store. Best effort: the job's rows are already gone, so a file that
 * cannot be deleted is logged and left behind (an orphan the store's own lifecycle rules may collect), never an
 * error for the client.
 */
@Component
class ArtifactCleanup {

    private static final Logger log = LoggerFactory.getLogger(ArtifactCleanup.class);

    private final ArtifactStore store;

    ArtifactCleanup(ArtifactStore store) {
        this.store = store;
    }

    /** {@link JobDeleted} is published by the controller after the deletion committed. */
    @EventListener
    void jobDeleted(JobDeleted deleted) {
        // Everything under the job's folder: checkpoints and the files of runs the API ignored were never reported.
        String folder = ArtifactKeys.job(deleted.jobId().toString());
        try {
            store.deletePrefix(folder);
        } catch (IOException | RuntimeException e) {
            log.warn("job {}: its folder {} was not deleted from the store: {}", deleted.jobId(), folder,
                    e.toString());
        }
        int removed = 0;
        for (String key : deleted.storeKeys()) {
            if (key.startsWith(folder)) {
                removed++;
                continue;
            }
            try {
                store.delete(key);
                removed++;
            } catch (IOException | RuntimeException e) {
                log.warn("job {}: artifact {} was not deleted from the store: {}", deleted.jobId(), key,
                        e.toString());
            }
        }
        log.info("job {} deleted: its folder {} and {} of its {} recorded artifacts removed from the store",
                deleted.jobId(), folder, removed, deleted.storeKeys().size());
    }
}
