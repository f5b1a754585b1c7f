package io.robustlab.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A job as the API shows it.
 *
 * @param reused     true when this job was returned for a new submission with the same spec hash
 * @param waitsFor   the Train job this Evaluate job waits for, if any
 * @param spec       the full spec (defaults filled in), in the single-job view only
 * @param timeline   every status change, in the single-job view only
 * @param links      where to go next: self, cancel, metrics, curves, events, artifacts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        UUID id, String kind, JobStatus status, String specHash, String name, Map<String, String> labels,
        int attempt, int maxAttempts, int runs, boolean reused, UUID waitsFor, boolean cancelRequested,
        String failureReason, String workerId, Progress progress, Instant createdAt, Instant updatedAt,
        Instant startedAt, Instant finishedAt, Double durationSeconds, JsonNode spec, List<Transition> timeline,
        Map<String, String> links) {

    /** How far a running job is, as its worker last said. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(Double percent, String phase, Double etaSeconds, Double samplesPerSecond,
            Instant heartbeatAt) {
    }

    /** One status change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transition(JobStatus from, JobStatus to, int attempt, String reason, Instant at) {
    }

    public static JobView summary(Job job, boolean reused) {
        return of(job, reused, null, null);
    }

    static JobView of(Job job, boolean reused, JsonNode spec, List<JobTransition> transitions) {
        Progress progress = job.progressPercent() == null && job.heartbeatAt() == null ? null
                : new Progress(job.progressPercent(), job.progressPhase(), job.etaSeconds(), job.samplesPerSecond(),
                        job.heartbeatAt());
        Double duration = job.startedAt() == null ? null : Duration.between(job.startedAt(),
                job.finishedAt() != null ? job.finishedAt() : job.updatedAt()).toMillis() / 1000.0;
        List<Transition> timeline = transitions == null ? null : transitions.stream()
                .map(t -> new Transition(t.from(), t.to(), t.attempt(), t.reason(), t.at())).toList();
        return new JobView(job.id(), job.kind(), job.status(), job.specHash(), job.name(), job.labels(),
                job.attempt(), job.maxAttempts(), job.runs(), reused, job.waitsFor(), job.cancelRequested(),
                job.failureReason(), job.workerId(), progress, job.createdAt(), job.updatedAt(), job.startedAt(),
                job.finishedAt(), duration, spec, timeline, links(job));
    }

    private static Map<String, String> links(Job job) {
        String self = "/api/v1/jobs/" + job.id();
        return Map.of("self", self, "cancel", self + "/cancel", "metrics", self + "/metrics",
                "curves", self + "/curves", "events", self + "/events", "artifacts", self + "/artifacts");
    }
}
