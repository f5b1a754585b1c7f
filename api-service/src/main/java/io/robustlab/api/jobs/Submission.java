package io.robustlab.api.jobs;

/**
 * What {@code POST /jobs} did with a spec.
 *
 * @param job     the job the caller gets back
 * @param created true for a new job; false when the Idempotency-Key replayed an earlier request or a finished
 *                job with the same spec hash was reused
 * @param reused  true when a finished job with the same spec hash is returned instead of computing again
 */
public record Submission(Job job, boolean created, boolean reused) {
}
