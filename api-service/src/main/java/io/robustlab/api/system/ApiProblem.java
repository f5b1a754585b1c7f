package io.robustlab.api.system;

import java.util.List;

/** A request the API refuses, with the problem it reports (RFC 9457). */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final List<InvalidField> errors;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiProblem(ProblemType type, String detail, List<InvalidField> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(ProblemType.NOT_FOUND, what + " does not exist");
    }

    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(ProblemType.INVALID_REQUEST, field + " " + message,
                List.of(new InvalidField(field, message)));
    }

    public ProblemType type() {
        return type;
    }

    public List<InvalidField> errors() {
        return errors;
    }
}
