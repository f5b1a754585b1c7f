package io.robustlab.api.system;

/**
 * One field of a request that is wrong, as listed in a problem's {@code errors}.
 *
 * @param field   its path in the request body ({@code model.hidden[1]}) or the parameter's name
 * @param message what is wrong with it ({@code must be > 0})
 */
public record InvalidField(String field, String message) {
}
