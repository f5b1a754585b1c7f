package io.robustlab.api.jobs;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

    /**
     * A RUNNING job whose lease lapsed before the deadline (no event since, or a cancel not confirmed since),
     * locked; a job another API replica is settling is skipped, not waited for.
     */
    @Query(value = """
            select * from job
            where status = 'RUNNING'
              and (heartbeat_at < :deadline or (cancel_requested and cancel_requested_at < :deadline))
            order by heartbeat_at
            limit 1
            for update skip locked
            """, nativeQuery = true)
    Optional<Job> lockNextLapsed(Instant deadline);
}
