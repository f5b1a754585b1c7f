package io.robustlab.api.jobs;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a new job and its first transition in one SQL statement. Submission is the API's hot path: plain SQL in one
 * round trip instead of the persistence context's inserts and flush (measured with {@code bench/run SubmitLoad}).
 */
@Component
class JobInserts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    JobInserts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a job built by {@link Job#Job} (QUEUED, attempt 1) and its transition from nothing to QUEUED.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the project already has a job with its
     *                                                       idempotency key
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void insertQueued(Job job, String reason) {
        Timestamp created = Timestamp.from(job.createdAt());
        jdbc.sql("""
                with queued as (
                    insert into job (id, project, kind, status, spec, spec_hash, name, labels, attempt, max_attempts,
                                     runs, idempotency_key, request_hash, waits_for, model_artifact,
                                     cancel_requested, created_at, updated_at, version)
                    values (:id, :project, :kind, 'QUEUED', cast(:spec as jsonb), :specHash, :name,
                            cast(:labels as jsonb), :attempt, :maxAttempts, 0, :idempotencyKey, :requestHash,
                            :waitsFor, :modelArtifact, false, :created, :created, 0)
                    returning id)
                insert into job_transition (job_id, from_status, to_status, attempt, reason, at)
                select id, null, 'QUEUED', :attempt, :reason, :created from queued
                """)
                .param("id", job.id())
                .param("project", job.project())
                .param("kind", job.kind())
                .param("spec", job.spec())
                .param("specHash", job.specHash())
                .param("name", job.name())
                .param("labels", JSON.writeValueAsString(job.labels()))
                .param("attempt", job.attempt())
                .param("maxAttempts", job.maxAttempts())
                .param("idempotencyKey", job.idempotencyKey())
                .param("requestHash", job.requestHash())
                .param("waitsFor", job.waitsFor())
                .param("modelArtifact", job.modelArtifact())
                .param("reason", reason)
                .param("created", created)
                .update();
    }
}
