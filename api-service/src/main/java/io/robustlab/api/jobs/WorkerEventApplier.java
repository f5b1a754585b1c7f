package io.robustlab.api.jobs;

import io.robustlab.contracts.message.UnreadableMessageException;
import io.robustlab.contracts.message.WorkerEvent;
import io.robustlab.contracts.message.WorkerEvent.Artifact;
import io.robustlab.contracts.message.WorkerEvent.Cancelled;
import io.robustlab.contracts.message.WorkerEvent.CorruptionPoint;
import io.robustlab.contracts.message.WorkerEvent.CurvePoint;
import io.robustlab.contracts.message.WorkerEvent.EpochMetric;
import io.robustlab.contracts.message.WorkerEvent.Failed;
import io.robustlab.contracts.message.WorkerEvent.Heartbeat;
import io.robustlab.contracts.message.WorkerEvent.Payload;
import io.robustlab.contracts.message.WorkerEvent.Progress;
import io.robustlab.contracts.message.WorkerEvent.Started;
import io.robustlab.contracts.message.WorkerEvent.Succeeded;
import io.robustlab.contracts.message.WorkerEvent.WeightNoisePoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies what a worker reports to its job, idempotently, in one transaction with the job row locked.
 *
 * <ul>
 * <li>An event is identified by {@code (jobId, runId, sequence)} and recorded in {@code job_event}; the same event
 *     again (a redelivery, a publish repeated by the worker) changes nothing.
 * <li>An event of an older attempt than the job's is ignored and not recorded: that attempt was given up (its
 *     worker lost its lease) and its results belong to nobody; its {@code started} is answered with a cancel
 *     request, so the worker running it stops.
 * <li>Status only moves forward: {@code started} moves a QUEUED job to RUNNING; a terminal event finishes a job
 *     that has not finished; nothing reopens a finished job (a {@code started} for it is answered with a cancel
 *     request). Results (metrics, curve points, artifacts) are stored whenever they arrive, also after the job
 *     finished, so out-of-order delivery loses none; a point reported twice is overwritten, not doubled.
 * <li>Every event of the current attempt renews a RUNNING job's lease ({@code heartbeatAt}).
 * </ul>
 */
@Component
public class WorkerEventApplier {

    private static final Logger log = LoggerFactory.getLogger(WorkerEventApplier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What became of an event; {@link #tag()} is its metric tag. */
    public enum Outcome {
        APPLIED("applied"),
        DUPLICATE("duplicate"),
        STALE_ATTEMPT("stale-attempt"),
        UNKNOWN_ATTEMPT("unknown-attempt"),
        UNKNOWN_JOB("unknown-job");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final JobRepository jobs;
    private final JobService service;
    private final JobTimeline timeline;
    private final JobDispatcher dispatcher;
    private final JdbcClient jdbc;
    private final Clock clock;

    WorkerEventApplier(JobRepository jobs, JobService service, JobTimeline timeline, JobDispatcher dispatcher,
            JdbcClient jdbc, Clock clock) {
        this.jobs = jobs;
        this.service = service;
        this.timeline = timeline;
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
        this.clock = clock;
    }


    /**
     * @throws UnreadableMessageException when the event names no job id
     * @throws org.springframework.dao.DataIntegrityViolationException when it carries values the database refuses
     *                                                                  (a point without a curve name…)
     */
    @Transactional
    public Outcome apply(WorkerEvent event) {
        Optional<Job> found = jobs.lockById(jobId(event));
        if (found.isEmpty()) {
            log.info("event {} for job {}, which does not exist (deleted?), ignored", event.payload().type(),
                    event.jobId());
            return Outcome.UNKNOWN_JOB;
        }
        Job job = found.get();
        if (event.attempt() < job.attempt()) {
            if (event.payload() instanceof Started) {
                dispatcher.cancel(job, event.attempt(), "attempt " + event.attempt()
                        + " was given up; the job runs again as attempt " + job.attempt());
            }
            log.debug("event {} of job {} from attempt {} ignored: the job is at attempt {}",
                    event.payload().type(), job.id(), event.attempt(), job.attempt());
            return Outcome.STALE_ATTEMPT;
        }
        if (event.attempt() > job.attempt()) {
            log.warn("event {} of job {} from attempt {} ignored: the job was never dispatched beyond attempt {}",
                    event.payload().type(), job.id(), event.attempt(), job.attempt());
            return Outcome.UNKNOWN_ATTEMPT;
        }
        if (!record(job, event)) {
            return Outcome.DUPLICATE;
        }
        Instant now = clock.instant();
        switch (event.payload()) {
            case Started started -> started(job, event, started, now);
            case Heartbeat heartbeat -> alive(job, now);
            case Progress progress -> {
                if (!job.status().finished()) {
                    job.progress(progress.percent(), progress.phase(), progress.etaSeconds(),
                            progress.samplesPerSecond(), now);
                }
            }
            case EpochMetric metric -> {
                store(job, event.attempt(), metric);
                alive(job, now);
            }
            case CurvePoint point -> {
                store(job, event.attempt(), point);
                alive(job, now);
            }
            case CorruptionPoint point -> {
                store(job, event.attempt(), point);
                alive(job, now);
            }
            case WeightNoisePoint point -> {
                store(job, event.attempt(), point);
                alive(job, now);
            }
            case Succeeded succeeded -> succeeded(job, event, succeeded, now);
            case Failed failed -> {
                if (finishes(job, event)) {
                    service.finish(job, JobStatus.FAILED, failed.reason() == null || failed.reason().isBlank()
                            ? "its worker reported a failure without a reason" : failed.reason());
                }
            }
            case Cancelled cancelled -> {
                if (finishes(job, event)) {
                    service.finish(job, JobStatus.CANCELLED, cancelled.reason() == null
                            || cancelled.reason().isBlank() ? "stopped by its worker" : cancelled.reason());
                }
            }
        }
        return Outcome.APPLIED;
    }

    private static UUID jobId(WorkerEvent event) {
        try {
            return UUID.fromString(event.jobId());
        } catch (IllegalArgumentException e) {
            throw new UnreadableMessageException("a worker event's jobId is a UUID, not '" + event.jobId() + "'", e);
        }
    }

    /** @return false when the event was recorded before: a duplicate */
    private boolean record(Job job, WorkerEvent event) {
        return jdbc.sql("""
                insert into job_event (job_id, attempt, run_id, sequence, type, payload, received_at)
                values (:job, :attempt, :run, :sequence, :type, cast(:payload as jsonb), :at)
                on conflict (job_id, run_id, sequence) do nothing
                """)
                .param("job", job.id()).param("attempt", event.attempt()).param("run", event.runId())
                .param("sequence", event.sequence()).param("type", event.payload().type())
                .param("payload", JSON.writerFor(Payload.class).writeValueAsString(event.payload()))
                .param("at", Timestamp.from(clock.instant()))
                .update() == 1;
    }

    private void started(Job job, WorkerEvent event, Started started, Instant now) {
        String worker = started.workerId() + (started.device() == null ? "" : " (" + started.device() + ")");
        switch (job.status()) {
            case QUEUED -> {
                job.startRun(event.runId(), started.workerId(), now);
                job.moveTo(JobStatus.RUNNING, now);
                timeline.record(job, JobStatus.QUEUED, JobStatus.RUNNING, "started on worker " + worker);
            }
            case RUNNING -> {
                if (!event.runId().equals(job.runId())) {
                    job.startRun(event.runId(), started.workerId(), now);
                    timeline.record(job, JobStatus.RUNNING, JobStatus.RUNNING, "attempt " + job.attempt()
                            + " started again on worker " + worker + " (run " + job.runs()
                            + " of the job): the broker delivered it again");
                }
            }
            default -> log.info("job {} is {}; run {} of attempt {} on worker {} is told to stop", job.id(),
                    job.status(), event.runId(), event.attempt(), worker);
        }
        if (job.status().finished()) {
            dispatcher.cancel(job, event.attempt(),
                    "the job is already " + job.status().name().toLowerCase(Locale.ROOT));
        } else if (job.cancelRequested()) {
            dispatcher.cancel(job, event.attempt(), "cancelled by the user");
        }
    }

    private void succeeded(Job job, WorkerEvent event, Succeeded succeeded, Instant now) {
        // Stored even when the job already finished otherwise: deleting the job then deletes these files too.
        for (Artifact artifact : succeeded.artifacts() == null ? List.<Artifact>of()
                : succeeded.artifacts()) {
            jdbc.sql("""
                    insert into artifact (job_id, name, store_key, size_bytes, sha256, content_type, attempt, created_at)
                    values (:job, :name, :key, :size, :sha256, :type, :attempt, :at)
                    on conflict (job_id, name) do update set store_key = excluded.store_key,
                        size_bytes = excluded.size_bytes, sha256 = excluded.sha256,
                        content_type = excluded.content_type, attempt = excluded.attempt,
                        created_at = excluded.created_at
                    """)
                    .param("job", job.id()).param("name", artifact.name()).param("key", artifact.key())
                    .param("size", artifact.sizeBytes()).param("sha256", artifact.sha256())
                    .param("type", artifact.contentType()).param("attempt", event.attempt())
                    .param("at", Timestamp.from(now)).update();
        }
        if (!job.status().finished()) {
            service.finish(job, JobStatus.SUCCEEDED, job.workerId() == null ? "succeeded"
                    : "succeeded on worker " + job.workerId());
        }
    }

    /**
     * Whether a failed or cancelled event ends the job: not when it finished already, nor when it comes from a
     * run the broker has since given to another worker (that run is the job's now).
     */
    private static boolean finishes(Job job, WorkerEvent event) {
        if (job.status().finished()) {
            return false;
        }
        if (job.runId() != null && !job.runId().equals(event.runId())) {
            log.info("job {}: {} from run {} ignored, run {} is the current one", job.id(),
                    event.payload().type(), event.runId(), job.runId());
            return false;
        }
        return true;
    }

    private static void alive(Job job, Instant now) {
        if (job.status() == JobStatus.RUNNING) {
            job.heartbeat(now);
        }
    }

    private void store(Job job, int attempt, EpochMetric metric) {
        jdbc.sql("""
                insert into epoch_metric (job_id, epoch, attempt, train_loss, train_accuracy, test_loss,
                    test_accuracy, learning_rate, seconds)
                values (:job, :epoch, :attempt, :trainLoss, :trainAccuracy, :testLoss, :testAccuracy,
                    :learningRate, :seconds)
                on conflict (job_id, epoch) do update set attempt = excluded.attempt,
                    train_loss = excluded.train_loss, train_accuracy = excluded.train_accuracy,
                    test_loss = excluded.test_loss, test_accuracy = excluded.test_accuracy,
                    learning_rate = excluded.learning_rate, seconds = excluded.seconds
                """)
                .param("job", job.id()).param("epoch", metric.epoch()).param("attempt", attempt)
                .param("trainLoss", metric.trainLoss()).param("trainAccuracy", metric.trainAccuracy())
                .param("testLoss", metric.testLoss()).param("testAccuracy", metric.testAccuracy())
                .param("learningRate", metric.learningRate()).param("seconds", metric.seconds())
                .update();
    }

    private void store(Job job, int attempt, CurvePoint point) {
        jdbc.sql("""
                insert into curve_point (job_id, curve, epsilon, norm, accuracy, samples, attempt)
                values (:job, :curve, :epsilon, :norm, :accuracy, :samples, :attempt)
                on conflict (job_id, curve, epsilon) do update set norm = excluded.norm,
                    accuracy = excluded.accuracy, samples = excluded.samples, attempt = excluded.attempt
                """)
                .param("job", job.id()).param("curve", point.curve()).param("epsilon", point.epsilon())
                .param("norm", point.norm()).param("accuracy", point.accuracy()).param("samples", point.samples())
                .param("attempt", attempt)
                .update();
    }

    private void store(Job job, int attempt, CorruptionPoint point) {
        jdbc.sql("""
                insert into corruption_result (job_id, corruption, severity, accuracy, samples, attempt)
                values (:job, :corruption, :severity, :accuracy, :samples, :attempt)
                on conflict (job_id, corruption, severity) do update set accuracy = excluded.accuracy,
                    samples = excluded.samples, attempt = excluded.attempt
                """)
                .param("job", job.id()).param("corruption", point.corruption()).param("severity", point.severity())
                .param("accuracy", point.accuracy()).param("samples", point.samples()).param("attempt", attempt)
                .update();
    }

    private void store(Job job, int attempt, WeightNoisePoint point) {
        jdbc.sql("""
                insert into weight_noise_result (job_id, sigma, mean_accuracy, std_accuracy, draws, attempt)
                values (:job, :sigma, :mean, :std, :draws, :attempt)
                on conflict (job_id, sigma) do update set mean_accuracy = excluded.mean_accuracy,
                    std_accuracy = excluded.std_accuracy, draws = excluded.draws, attempt = excluded.attempt
                """)
                .param("job", job.id()).param("sigma", point.sigma()).param("mean", point.meanAccuracy())
                .param("std", point.stdAccuracy()).param("draws", point.draws()).param("attempt", attempt)
                .update();
    }
}
