package io.robustlab.worker.job;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job id and attempt of a message that could not be decoded, read as leniently as possible, so its failure
 * can still be reported against the job.
 */
record JobIdentity(String jobId, int attempt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The identity, if the bytes are a JSON object with a {@code jobId} string; attempt 1 if it has none. */
    static Optional<JobIdentity> peek(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            JsonNode jobId = tree == null ? null : tree.get("jobId");
            if (jobId == null || !jobId.isString() || jobId.asString().isBlank()) {
                return Optional.empty();
            }
            JsonNode attempt = tree.get("attempt");
            return Optional.of(new JobIdentity(jobId.asString(),
                    attempt != null && attempt.canConvertToInt() && attempt.intValue() >= 1 ? attempt.intValue() : 1));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
