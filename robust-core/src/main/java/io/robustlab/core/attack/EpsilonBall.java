package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

import io.robustlab.contracts.spec.Norm;

import java.util.SplittableRandom;

/**
 * The points an attack may return for a batch of clean inputs: within ε of each input in one norm, and inside the
 * [0,1] box. Each norm brings its own steepest-ascent step, projection and random start, as foolbox 3's
 * {@code LinfBaseGradientDescent} and {@code L2BaseGradientDescent} (attacks/gradient_descent_base.py).
 */
sealed interface EpsilonBall permits LinfBall, L2Ball {

    /** Slack for float rounding when the budget is verified: |δ| may exceed ε by this much. */
    float TOLERANCE = 1e-6f;

    /** The ball of radius {@code epsilon} in {@code norm} around each row of {@code clean}. */
    static EpsilonBall around(NDArray clean, Norm norm, float epsilon) {
        return switch (norm) {
            case LINF -> LinfBall.around(clean, epsilon);
            case L2 -> L2Ball.around(clean, epsilon);
        };
    }

    Norm norm();

    /**
     * {@code iterate} moved {@code stepSize} along the steepest ascent direction of this norm for {@code gradient}.
     * Consumes {@code gradient}: the step is computed in place in its array (one pass fewer per step), and the
     * result is that array, in its manager.
     */
    NDArray ascend(NDArray iterate, NDArray gradient, float stepSize);

    /**
     * The nearest point of the ball ∩ [0,1] (for L2: scaled back onto the ball, then clipped to the box), in the
     * manager of {@code candidate}. May overwrite {@code candidate}: pass an array you no longer need.
     */
    NDArray project(NDArray candidate);

    /** A uniform point of the ball, clipped to the box; drawn in Java from {@code random}, row after row. */
    NDArray randomStart(SplittableRandom random);

    /**
     * Throws unless every row of {@code adversarial} lies in the ball (up to {@link #TOLERANCE}) and in [0,1]:
     * attacks check their output rather than trust their arithmetic.
     */
    default void verify(NDArray adversarial) {
        if (adversarial.getShape().get(0) == 0) {
            return;
        }
        verifyBox(adversarial);
        try (NDArray norms = perturbationNorms(adversarial)) {
            verifyNorms(norms, epsilon(), norm());
        }
    }

    /** The radius of the ball. */
    float epsilon();

    /** Per row, the size of the perturbation {@code adversarial − clean} in this norm. */
    NDArray perturbationNorms(NDArray adversarial);

    /** The shape (N, 1, 1, …) that broadcasts a per-row value over a batch shaped like {@code batch}. */
    static long[] rowShape(NDArray batch) {
        long[] shape = new long[batch.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = batch.getShape().get(0);
        return shape;
    }

    /** Throws unless {@code values} lie in [0,1]. */
    private static void verifyBox(NDArray values) {
        if (values.isEmpty()) {
            return;
        }
        float min = values.min().getFloat();
        float max = values.max().getFloat();
        if (!(min >= 0f && max <= 1f)) {
            throw new IllegalStateException("attack output leaves the [0,1] box: values in [" + min + ", " + max
                    + "]");
        }
    }

    /** Throws unless every per-row norm is at most epsilon (up to the tolerance). */
    private static void verifyNorms(NDArray norms, float epsilon, Norm norm) {
        if (norms.isEmpty()) {
            return;
        }
        float largest = norms.max().getFloat();
        if (!(largest <= epsilon + TOLERANCE)) {
            throw new IllegalStateException("attack output leaves the " + norm.symbol() + " ball: a perturbation of "
                    + largest + " > epsilon " + epsilon);
        }
    }
}
