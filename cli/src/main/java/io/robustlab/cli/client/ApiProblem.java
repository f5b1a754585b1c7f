package io.robustlab.cli.client;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An error the API answered with: an RFC 9457 {@code application/problem+json} body, or what could be made of a body
 * that is not one (a proxy's HTML page).
 *
 * @param status the HTTP status
 * @param type   the problem's type URI, null when the body was not a problem
 * @param title  a short summary of the type ({@code The spec is invalid})
 * @param detail what happened in this case
 * @param errors the fields that were wrong, each with what is wrong with it
 */
public record ApiProblem(int status, String type, String title, String detail, List<FieldError> errors) {

    /** One offending field: {@code model.hidden[1]}, {@code must be > 0}. */
    public record FieldError(String field, String message) {
    }

    /** Reads a problem body; anything else becomes a problem with the status and the start of the body. */
    static ApiProblem read(int status, String body) {
        JsonNode json = null;
        try {
            json = body == null || body.isBlank() ? null : RobustLabApi.JSON.readTree(body);
        } catch (RuntimeException e) {
            // not JSON: described below
        }
        if (json == null || !json.isObject() || !(json.has("title") || json.has("detail"))) {
            String text = body == null ? "" : body.strip();
            return new ApiProblem(status, null, null, text.isEmpty() ? null
                    : text.length() > 300 ? text.substring(0, 300) + "…" : text, List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : json.path("errors")) {
            errors.add(new FieldError(error.path("field").asString(""), error.path("message").asString("")));
        }
        return new ApiProblem(status, json.path("type").asString(null), json.path("title").asString(null),
                json.path("detail").asString(null), List.copyOf(errors));
    }

    /**
     * The problem for people: the title with the status, the detail, then one line per field.
     * <pre>
     * The spec is invalid (HTTP 400): 2 problems: epochs must be <= 10000; model.hiden is not a known field
     *   epochs: must be <= 10000
     *   model.hiden: is not a known field (did you mean hidden?)
     * </pre>
     */
    public String describe() {
        StringBuilder text = new StringBuilder(title != null ? title : "the API answered").append(" (HTTP ")
                .append(status).append(')');
        if (detail != null && !detail.isBlank()) {
            text.append(": ").append(detail);
        }
        for (FieldError error : errors) {
            text.append(System.lineSeparator()).append("  ").append(error.field().isEmpty() ? "(spec)" : error.field())
                    .append(": ").append(error.message());
        }
        return text.toString();
    }
}
