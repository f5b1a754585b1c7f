package io.robustlab.api.system;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** The kinds of problem the API reports, each with a stable {@code type} URI (RFC 9457). */
public enum ProblemType {
    INVALID_SPEC("invalid-spec", HttpStatus.BAD_REQUEST, "The spec is invalid"),
    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "The request is invalid"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.CONFLICT,
            "The Idempotency-Key was used with another request"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
            "The requested range is not satisfiable"),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "A service the API needs is unavailable"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    /** Where the problem types are documented. */
    public static final String BASE = "https://robustlab.io/problems/";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
