package io.robustlab.cli.client;

import java.util.Map;
import java.util.Set;

/**
 * A job as {@code GET /api/v1/jobs/{id}} shows it (the fields the CLI uses; see the API's {@code JobView}).
 *
 * @param status        QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param waitsFor      the Train job an Evaluate job waits for, if any
 * @param failureReason why a FAILED or CANCELLED job ended
 */
public record Job(String id, String kind, String status, String specHash, String name, Map<String, String> labels,
        int attempt, int maxAttempts, int runs, boolean reused, String waitsFor, boolean cancelRequested,
        String failureReason, String workerId, Progress progress, String createdAt, String startedAt,
        String finishedAt, Double durationSeconds) {

    public static final String SUCCEEDED = "SUCCEEDED";
    private static final Set<String> FINISHED = Set.of(SUCCEEDED, "FAILED", "CANCELLED");

    /** How far a running job is, as its worker last said. */
    public record Progress(Double percent, String phase, Double etaSeconds, Double samplesPerSecond,
            String heartbeatAt) {
    }

    public boolean finished() {
        return isFinal(status);
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }

    /** Whether a status is one a job never leaves. */
    public static boolean isFinal(String status) {
        return FINISHED.contains(status);
    }
}
