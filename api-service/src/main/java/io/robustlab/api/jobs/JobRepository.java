package io.robustlab.api.jobs;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface JobRepository extends JpaRepository<Job, UUID> {

    Optional<Job> findByIdAndProject(UUID id, String project);

    Optional<Job> findByProjectAndIdempotencyKey(String project, String idempotencyKey);

    Optional<Job> findFirstByProjectAndSpecHashAndStatusOrderByFinishedAtDesc(String project, String specHash,
            JobStatus status);

    /** The job, locked until the transaction ends, so that events and requests touching it apply one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select j from Job j where j.id = :id")
    Optional<Job> lockById(UUID id);

    List<Job> findByWaitsFor(UUID trainJob);

    @Query("select j.id from Job j where j.status = io.robustlab.api.jobs.JobStatus.RUNNING and j.heartbeatAt < :before")
    List<UUID> findRunningSilentSince(Instant before, Limit limit);
}
