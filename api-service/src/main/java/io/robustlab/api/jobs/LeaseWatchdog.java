package io.robustlab.api.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes back jobs whose worker went silent. Every {@link JobProperties#watchdogInterval()}, a RUNNING job that
 * had no event for {@link JobProperties#leaseTimeout()} is dispatched again as attempt + 1 (through the outbox,
 * with a cancel request for the old attempt in case its worker is alive but cut off), or FAILED once it used its
 * {@code maxAttempts}. A RUNNING job asked to cancel whose worker did not confirm within one lease timeout (or
 * went silent) is CANCELLED.
 *
 * <p>Each job is settled in its own short transaction, locked with {@code skip locked}: watchdogs of several API
 * replicas share the work and never settle a job twice, and an event being applied to the job is waited for by
 * neither.
 */
@Component
class LeaseWatchdog implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LeaseWatchdog.class);
    /** Jobs settled per sweep at most; the rest wait for the next sweep. */
    private static final int MAX_PER_SWEEP = 1000;

    private final JobRepository jobs;
    private final JobService service;
    private final JobTimeline timeline;
    private final JobDispatcher dispatcher;
    private final JobProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LeaseWatchdog(JobRepository jobs, JobService service, JobTimeline timeline, JobDispatcher dispatcher,
            JobProperties properties, TransactionTemplate transaction, Clock clock) {
        this.jobs = jobs;
        this.service = service;
        this.timeline = timeline;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweepQuietly, properties.watchdogInterval());
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("lease watchdog sweep failed: {}", e.getMessage());
        }
    }

    /** @return how many jobs were requeued, failed or cancelled */
    int sweep() {
        Instant deadline = clock.instant().minus(properties.leaseTimeout());
        int settled = 0;
        while (settled < MAX_PER_SWEEP && Boolean.TRUE.equals(transaction.execute(status -> settleOne(deadline)))) {
            settled++;
        }
        return settled;
    }

    private boolean settleOne(Instant deadline) {
        Optional<Job> lapsed = jobs.lockNextLapsed(deadline);
        if (lapsed.isEmpty()) {
            return false;
        }
        Job job = lapsed.get();
        int attempt = job.attempt();
        String lease = describe(properties.leaseTimeout());
        if (job.cancelRequested()) {
            dispatcher.cancel(job, attempt, "cancelled by the user");
            service.finish(job, JobStatus.CANCELLED,
                    "cancelled; its worker did not confirm within the lease timeout (" + lease + ")");
        } else if (attempt >= job.maxAttempts()) {
            dispatcher.cancel(job, attempt, "its lease expired");
            service.finish(job, JobStatus.FAILED, "lost its worker " + attempt + " times (no event for " + lease
                    + " each time); given up after " + job.maxAttempts() + " attempts");
        } else {
            String worker = job.workerId();
            dispatcher.cancel(job, attempt, "its lease expired; the job runs again as attempt " + (attempt + 1));
            job.requeue(clock.instant());
            timeline.record(job, JobStatus.RUNNING, JobStatus.QUEUED, "worker " + worker + " sent nothing for "
                    + lease + "; dispatched again as attempt " + job.attempt() + " of " + job.maxAttempts());
            dispatcher.dispatch(job);
        }
        log.info("job {} lost its lease at attempt {}: now {}", job.id(), attempt, job.status());
        return true;
    }

    private static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
