package io.robustlab.api.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A submitted job: its spec, where it is, and what its worker last said about it. */
@Entity
@Table(name = "job")
public class Job {

    @Id
    private UUID id;
    private String project;
    private String kind;
    @Enumerated(EnumType.STRING)
    private JobStatus status;
    @JdbcTypeCode(SqlTypes.JSON)
    private String spec;
    private String specHash;
    private String name;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> labels;
    private int attempt;
    private int maxAttempts;
    private int runs;
    private String idempotencyKey;
    private String requestHash;
    private UUID waitsFor;
    private String modelArtifact;
    private boolean cancelRequested;
    private Instant cancelRequestedAt;
    private String failureReason;
    private String workerId;
    private String runId;
    private Double progressPercent;
    private String progressPhase;
    private Double etaSeconds;
    private Double samplesPerSecond;
    private Instant heartbeatAt;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant startedAt;
    private Instant finishedAt;
    @Version
    @Column(name = "version")
    private long version;

    protected Job() {
    }

    Job(UUID id, String project, String kind, String spec, String specHash, String name, Map<String, String> labels,
            int maxAttempts, String idempotencyKey, String requestHash, Instant now) {
        this.id = id;
        this.project = project;
        this.kind = kind;
        this.status = JobStatus.QUEUED;
        this.spec = spec;
        this.specHash = specHash;
        this.name = name;
        this.labels = labels;
        this.attempt = 1;
        this.maxAttempts = maxAttempts;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String project() {
        return project;
    }

    public String kind() {
        return kind;
    }

    public JobStatus status() {
        return status;
    }

    public String spec() {
        return spec;
    }

    public String specHash() {
        return specHash;
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public int attempt() {
        return attempt;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public int runs() {
        return runs;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String requestHash() {
        return requestHash;
    }

    public UUID waitsFor() {
        return waitsFor;
    }

    public String modelArtifact() {
        return modelArtifact;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public String failureReason() {
        return failureReason;
    }

    public String workerId() {
        return workerId;
    }

    public String runId() {
        return runId;
    }

    public Double progressPercent() {
        return progressPercent;
    }

    public String progressPhase() {
        return progressPhase;
    }

    public Double etaSeconds() {
        return etaSeconds;
    }

    public Double samplesPerSecond() {
        return samplesPerSecond;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    void waitFor(UUID trainJob) {
        this.waitsFor = trainJob;
    }

    void useModel(String artifact) {
        this.modelArtifact = artifact;
        this.waitsFor = null;
    }

    void requestCancel(Instant now) {
        this.cancelRequested = true;
        this.cancelRequestedAt = now;
        this.updatedAt = now;
    }

    /** Moves to a new status; the caller records the transition. */
    void moveTo(JobStatus next, Instant now) {
        this.status = next;
        this.updatedAt = now;
        if (next == JobStatus.RUNNING && startedAt == null) {
            startedAt = now;
        }
        if (next.finished()) {
            finishedAt = now;
            progressPhase = null;
            etaSeconds = null;
        }
    }

    void fail(String reason, Instant now) {
        this.failureReason = reason;
        moveTo(JobStatus.FAILED, now);
    }

    /** A new run of the current attempt started on a worker. */
    void startRun(String runId, String workerId, Instant now) {
        this.runId = runId;
        this.workerId = workerId;
        this.runs++;
        this.heartbeatAt = now;
        this.updatedAt = now;
    }

    /** Dispatch again after the worker was lost: a new attempt, back in the queue. */
    void requeue(Instant now) {
        this.attempt++;
        this.runId = null;
        this.workerId = null;
        this.heartbeatAt = null;
        this.progressPercent = null;
        this.progressPhase = null;
        this.etaSeconds = null;
        this.samplesPerSecond = null;
        moveTo(JobStatus.QUEUED, now);
    }

    void heartbeat(Instant now) {
        this.heartbeatAt = now;
    }

    void progress(double percent, String phase, Double eta, Double rate, Instant now) {
        this.progressPercent = percent;
        this.progressPhase = phase;
        this.etaSeconds = eta;
        this.samplesPerSecond = rate;
        this.heartbeatAt = now;
        this.updatedAt = now;
    }

    void finishProgress() {
        if (status == JobStatus.SUCCEEDED) {
            progressPercent = 100.0;
        }
    }
}
