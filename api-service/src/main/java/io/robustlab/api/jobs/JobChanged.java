package io.robustlab.api.jobs;

import java.util.UUID;

/**
 * A job changed status (published inside the transaction that changed it; listen after commit).
 *
 * @param jobId   the job
 * @param project its project
 * @param status  its new status
 * @param reason  why
 */
public record JobChanged(UUID jobId, String project, JobStatus status, String reason) {
}
