package io.robustlab.contracts.spec;

/**
 * One rule a spec breaks.
 *
 * @param field   the path of the offending field, with dots and indices ({@code model.hidden[1]});
 *                empty when the spec as a whole is wrong (malformed JSON, not an object)
 * @param message what is wrong with it, to be read after the field ({@code must be > 0})
 */
public record SpecViolation(String field, String message) {

    /** The violation as one sentence: {@code model.hidden[1] must be > 0}. */
    @Override
    public String toString() {
        return field.isEmpty() ? message : field + " " + message;
    }
}
