package io.robustlab.api.jobs;

import java.util.List;
import java.util.UUID;

/**
 * A job was deleted from the database; its artifacts are to be removed from the store.
 *
 * @param jobId     the job
 * @param storeKeys the artifact store keys of its artifacts
 */
public record JobDeleted(UUID jobId, List<String> storeKeys) {
}
