package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

/**
 * What a {@link MinimumNormAttack} found for a batch.
 *
 * @param adversarials per sample, the best adversarial example found (inside [0,1]); the clean input where none
 *                     was found
 * @param norms        per sample, the norm of {@code adversarials[i] − inputs[i]} in the attack's norm, measured
 *                     on the returned arrays; {@code Float.POSITIVE_INFINITY} where no adversarial was found (and
 *                     0 for a sample already misclassified when clean)
 */
public record MinimumNormResult(NDArray adversarials, float[] norms) {
}
