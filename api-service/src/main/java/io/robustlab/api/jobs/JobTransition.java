package io.robustlab.api.jobs;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One change of a job's status, with when and why: the job's timeline. */
@Entity
@Table(name = "job_transition")
class JobTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID jobId;
    @Enumerated(EnumType.STRING)
    private JobStatus fromStatus;
    @Enumerated(EnumType.STRING)
    private JobStatus toStatus;
    private int attempt;
    private String reason;
    private Instant at;

    protected JobTransition() {
    }

    JobTransition(UUID jobId, JobStatus from, JobStatus to, int attempt, String reason, Instant at) {
        this.jobId = jobId;
        this.fromStatus = from;
        this.toStatus = to;
        this.attempt = attempt;
        this.reason = reason;
        this.at = at;
    }

    JobStatus from() {
        return fromStatus;
    }

    JobStatus to() {
        return toStatus;
    }

    int attempt() {
        return attempt;
    }

    String reason() {
        return reason;
    }

    Instant at() {
        return at;
    }
}
