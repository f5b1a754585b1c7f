package io.robustlab.api.jobs;

import io.robustlab.api.system.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of jobs ended: the creation time and id of its last job, opaque to clients. Keyset pagination:
 * a job created while a client pages is never shown twice and never skipped.
 */
public record JobCursor(Instant createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiProblem 400 naming the {@code cursor} parameter when it was not made by {@link #encode()} */
    public static JobCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            return new JobCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiProblem.invalidField("cursor", "is not a cursor this API returned");
        }
    }
}
