package io.robustlab.core.evaluation;

/**
 * Something in the result the user should distrust or look into; see the robust-core README for each code.
 *
 * @param code    stable: {@code zero-gradient}, {@code noise-beats-gradient}, {@code no-convergence},
 *                {@code iterative-weaker-than-fgsm}
 * @param message what was seen, with the numbers
 */
public record EvaluationWarning(String code, String message) {

    public static final String ZERO_GRADIENT = "zero-gradient";
    public static final String NOISE_BEATS_GRADIENT = "noise-beats-gradient";
    public static final String NO_CONVERGENCE = "no-convergence";
    public static final String ITERATIVE_WEAKER_THAN_FGSM = "iterative-weaker-than-fgsm";
}
