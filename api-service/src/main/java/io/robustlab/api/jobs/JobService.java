package io.robustlab.api.jobs;

import io.robustlab.api.auth.Caller;
import io.robustlab.api.system.ApiProblem;
import io.robustlab.api.system.ProblemType;
import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.JobSpec;
import io.robustlab.contracts.spec.SpecCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts, cancels and deletes jobs. Every change of status is recorded as a transition, and every job message
 * goes through the outbox in the same transaction, so an accepted job is never lost.
 */
@Service
public class JobService {

    private final JobRepository jobs;
    private final JobInserts inserts;
    private final JobTimeline timeline;
    private final JobDispatcher dispatcher;
    private final JobProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    JobService(JobRepository jobs, JobInserts inserts, JobTimeline timeline, JobDispatcher dispatcher,
            JobProperties properties, JdbcClient jdbc, Clock clock) {
        this.jobs = jobs;
        this.inserts = inserts;
        this.timeline = timeline;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Accepts a spec: parsed, defaults filled in and validated by job-contracts, then stored with an outbox message
     * in one transaction.
     *
     * @param idempotencyKey null, or the client's key: the same key and request return the first job
     * @param reuse          return a SUCCEEDED job of the caller's project with the same spec hash, if any
     */
    @Transactional
    public Submission submit(Caller caller, byte[] body, String idempotencyKey, boolean reuse) {
        JobSpec spec = SpecCodec.parse(body);
        String specJson = SpecCodec.toJson(spec);
        String requestHash = sha256(specJson);
        if (idempotencyKey != null) {
            Optional<Job> earlier = jobs.findByProjectAndIdempotencyKey(caller.project(), idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }
        String specHash = SpecCodec.specHash(spec);
        if (reuse) {
            Optional<Job> done = jobs.findFirstByProjectAndSpecHashAndStatusOrderByFinishedAtDesc(caller.project(),
                    specHash, JobStatus.SUCCEEDED);
            if (done.isPresent()) {
                return new Submission(done.get(), false, true);
            }
        }
        Instant now = clock.instant();
        Job job = new Job(UUID.randomUUID(), caller.project(), spec.kind(), specJson, specHash,
                spec.metadata().name(), spec.metadata().labels(), properties.maxAttempts(), idempotencyKey,
                requestHash, now);
        String waiting = spec instanceof EvaluateSpec evaluate && evaluate.model().trainJob() != null
                ? linkTrainJob(caller, job, evaluate.model().trainJob()) : null;
        try {
            inserts.insertQueued(job, waiting == null ? "submitted" : waiting);
        } catch (DuplicateKeyException e) {
            throw new ApiProblem(ProblemType.CONFLICT, "a request with this Idempotency-Key is being processed; "
                    + "send it again to get its job");
        }
        timeline.recorded(job, null, JobStatus.QUEUED);
        if (job.waitsFor() == null) {
            dispatcher.dispatch(job, spec);
        }
        return new Submission(job, true, false);
    }

    private static Submission replay(Job earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ApiProblem(ProblemType.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used for job "
                    + earlier.id() + " with a different spec; use a new key for a new job");
        }
        return new Submission(earlier, false, false);
    }

    /**
     * Resolves an Evaluate spec's train job: its model when it succeeded; a wait when it is still to run.
     *
     * @return the reason recorded with the QUEUED transition when the job waits, else null
     */
    private String linkTrainJob(Caller caller, Job job, String trainJobId) {
        String field = "model.trainJob";
        UUID id;
        try {
            id = UUID.fromString(trainJobId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "must be a job id (a UUID), got '" + trainJobId + "'");
        }
        Job train = jobs.findByIdAndProject(id, caller.project())
                .orElseThrow(() -> ApiProblem.invalidField(field, "names no job of this project: " + trainJobId));
        if (!train.kind().equals("Train")) {
            throw ApiProblem.invalidField(field, "names a " + train.kind() + " job; it must name a Train job");
        }
        return switch (train.status()) {
            case SUCCEEDED -> {
                job.useModel(modelFolder(train).orElseThrow(() -> ApiProblem.invalidField(field,
                        "names a Train job that stored no model")));
                yield null;
            }
            case QUEUED, RUNNING -> {
                job.waitFor(train.id());
                yield "submitted; waits for Train job " + train.id();
            }
            case FAILED, CANCELLED -> throw ApiProblem.invalidField(field,
                    "names a Train job that is " + train.status().name().toLowerCase() + "; it has no model");
        };
    }

    /** The key prefix of a Train job's model folder in the artifact store. */
    Optional<String> modelFolder(Job train) {
        return jdbc.sql("select store_key from artifact where job_id = ? and name = ?")
                .params(train.id(), JobMessage.MODEL_DESCRIPTION)
                .query(String.class).optional()
                .map(key -> key.substring(0, key.length() - "model.json".length()));
    }

    @Transactional(readOnly = true)
    public Job get(Caller caller, UUID id) {
        return jobs.findByIdAndProject(id, caller.project()).orElseThrow(() -> ApiProblem.notFound("job " + id));
    }

    /**
     * The caller's job, locked until the transaction ends. Read once, locked: a job read first and locked after
     * could have changed in between (a worker's event), and the persistence context refuses two versions of it.
     */
    private Job locked(Caller caller, UUID id) {
        return jobs.lockById(id).filter(job -> job.project().equals(caller.project()))
                .orElseThrow(() -> ApiProblem.notFound("job " + id));
    }

    /**
     * Cancels a job: a QUEUED job at once; a RUNNING one is asked to stop, and becomes CANCELLED when its worker
     * says it stopped.
     *
     * @throws ApiProblem 409 when the job already finished
     */
    @Transactional
    public Job cancel(Caller caller, UUID id) {
        Job job = locked(caller, id);
        switch (job.status()) {
            case QUEUED -> {
                finish(job, JobStatus.CANCELLED, "cancelled by the user before it started");
                // The message may already be queued: a worker that takes it hears the cancel and stops.
                dispatcher.cancel(job, job.attempt(), "cancelled by the user");
            }
            case RUNNING -> {
                if (!job.cancelRequested()) {
                    job.requestCancel(clock.instant());
                    dispatcher.cancel(job, job.attempt(), "cancelled by the user");
                }
            }
            default -> throw new ApiProblem(ProblemType.CONFLICT,
                    "job " + id + " already finished (" + job.status() + "); only a queued or running job can be cancelled");
        }
        return job;
    }

    /** Whether a job finished (or no longer exists): then nothing is left to settle for it. */
    @Transactional(readOnly = true)
    public boolean settled(UUID id) {
        return jobs.findById(id).map(job -> job.status().finished()).orElse(true);
    }

    /**
     * The broker gave up on a job's message (dead-lettered: past the delivery limit, or rejected as unreadable by a
     * worker): the job fails with the reason, unless it finished already or was dispatched again since.
     *
     * @return whether the job was failed
     */
    @Transactional
    public boolean failDeadLettered(UUID id, int attempt, String reason) {
        Optional<Job> found = jobs.lockById(id);
        if (found.isEmpty() || found.get().status().finished() || found.get().attempt() != attempt) {
            return false;
        }
        finish(found.get(), JobStatus.FAILED, reason);
        return true;
    }

    /**
     * Moves a job to a finished status, records why, and settles the Evaluate jobs waiting for it.
     */
    void finish(Job job, JobStatus status, String reason) {
        JobStatus from = job.status();
        if (status == JobStatus.FAILED) {
            job.fail(reason, clock.instant());
        } else {
            job.moveTo(status, clock.instant());
        }
        job.finishProgress();
        timeline.record(job, from, status, reason);
        for (Job waiting : jobs.findByWaitsFor(job.id())) {
            if (status == JobStatus.SUCCEEDED) {
                Optional<String> model = modelFolder(job);
                if (model.isPresent()) {
                    waiting.useModel(model.get());
                    if (waiting.status() == JobStatus.QUEUED) {
                        dispatcher.dispatch(waiting);
                    }
                    continue;
                }
            }
            waiting.useModel(null);
            if (waiting.status() == JobStatus.QUEUED) {
                String why = status == JobStatus.SUCCEEDED ? "its Train job " + job.id() + " stored no model"
                        : "its Train job " + job.id() + " is " + status.name().toLowerCase();
                JobStatus waitingFrom = waiting.status();
                waiting.fail(why, clock.instant());
                timeline.record(waiting, waitingFrom, JobStatus.FAILED, why);
            }
        }
    }

    /**
     * Deletes a finished job, its results and its history.
     *
     * @return the artifact store keys of its artifacts, for the caller to delete once this commits
     * @throws ApiProblem 409 when the job has not finished
     */
    @Transactional
    public List<String> delete(Caller caller, UUID id) {
        Job job = locked(caller, id);
        if (!job.status().finished()) {
            throw new ApiProblem(ProblemType.CONFLICT, "job " + id + " is " + job.status()
                    + "; cancel it first, then delete it once it has stopped");
        }
        List<String> keys = jdbc.sql("select store_key from artifact where job_id = ?").param(id)
                .query(String.class).list();
        jobs.delete(job);
        return keys;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
