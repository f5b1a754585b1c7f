/**
 * What the trainer and attack workers share, as Spring Boot auto-configuration: a worker starts in any application
 * with {@link io.robustlab.worker.job.JobRunner} beans. Configured by {@link io.robustlab.worker.WorkerProperties}.
 */
package io.robustlab.worker;
