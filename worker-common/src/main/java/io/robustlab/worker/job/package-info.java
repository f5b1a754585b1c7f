/**
 * The job loop: a job message in, {@code started}, heartbeats, progress and results out, a final event, and the
 * message settled only after that event is confirmed. Runners plug in through {@link io.robustlab.worker.job.JobRunner}.
 */
package io.robustlab.worker.job;
