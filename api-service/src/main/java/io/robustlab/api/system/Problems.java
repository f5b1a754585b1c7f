package io.robustlab.api.system;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the API's problem bodies, so every producer (MVC, security, container errors) writes the same shape. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        return of(type, type.status(), detail, List.of());
    }

    public static ProblemDetail of(ProblemType type, HttpStatusCode status, String detail, List<InvalidField> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** The problem type that best describes a status the framework chose. */
    public static ProblemType typeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ProblemType.INVALID_REQUEST;
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 416 -> ProblemType.RANGE_NOT_SATISFIABLE;
            case 429 -> ProblemType.TOO_MANY_REQUESTS;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> status.is4xxClientError() ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL;
        };
    }

    public static URI typeUri(HttpStatusCode status) {
        return typeOf(status).uri();
    }
}
