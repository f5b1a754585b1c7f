package io.robustlab.api.artifacts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One file a job wrote, as the API lists it.
 *
 * @param name        its name within the job, e.g. {@code model/weights.npz}
 * @param sizeBytes   its size
 * @param sha256      lowercase hex SHA-256 of its bytes (also the download's ETag)
 * @param contentType its media type
 * @param attempt     the attempt of the job that wrote it
 * @param createdAt   when it was recorded
 * @param download    where to download it
 */
public record ArtifactView(
        @Schema(example = "model/weights.npz") String name,
        long sizeBytes,
        String sha256,
        @Schema(example = "application/octet-stream") String contentType,
        int attempt,
        Instant createdAt,
        @Schema(example = "/api/v1/jobs/0b6f…/artifacts/model/weights.npz") String download) {
}
