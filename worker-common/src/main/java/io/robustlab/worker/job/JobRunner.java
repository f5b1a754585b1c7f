package io.robustlab.worker.job;

/**
 * Runs one kind of job; the trainer and the attack worker each implement one. The job loop around it publishes
 * {@code started}, heartbeats and the final event, retries failures that may pass, and settles the message.
 *
 * <p>A runner checks {@link JobContext#stopRequested()} often (between batches) and, when it turns true, stops by
 * throwing anything: the loop reports a cancellation or, on shutdown, returns the message to the queue. Failures
 * the user can act on are thrown as {@link JobFailure} with a reason; an {@code IOException} counts as a failure
 * that may pass and runs the job again (so a runner resumes from what it stored); anything else fails the job at
 * once.
 */
public interface JobRunner {

    /** The spec kind this runner runs: {@code Train} or {@code Evaluate}. */
    String kind();

    /** Runs the job in {@code context}; the artifacts it returns are reported in the {@code succeeded} event. */
    JobResult run(JobContext context) throws Exception;
}
