package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

import io.robustlab.contracts.spec.Norm;

import java.util.SplittableRandom;

/**
 * The intersection of the L∞ ball of radius ε around a clean input and the [0,1] box. Steps go along the sign of
 * the gradient, projection clips to [x−ε, x+ε] ∩ [0,1], random starts are uniform in the cube (foolbox 3
 * {@code LinfBaseGradientDescent}, attacks/gradient_descent_base.py).
 */
final class LinfBall implements EpsilonBall {

    private final NDArray clean;
    private final float epsilon;
    /** max(x−ε, 0) and min(x+ε, 1), computed at the first projection: a ball that only verifies never needs them. */
    private NDArray lower;
    private NDArray upper;

    private LinfBall(NDArray clean, float epsilon) {
        this.clean = clean;
        this.epsilon = epsilon;
    }

    /** The ball around {@code x}; its bounds will live in the manager of x. */
    static LinfBall around(NDArray x, float epsilon) {
        return new LinfBall(x, epsilon);
    }

    @Override
    public Norm norm() {
        return Norm.LINF;
    }

    @Override
    public NDArray ascend(NDArray iterate, NDArray gradient, float stepSize) {
        return gradient.signi().muli(stepSize).addi(iterate);
    }

    /** Clamps {@code candidate} into the ball element-wise; the result is in the manager of the candidate. */
    @Override
    public NDArray project(NDArray candidate) {
        if (lower == null) {
            lower = clean.sub(epsilon).clip(0f, 1f);
            upper = clean.add(epsilon).clip(0f, 1f);
        }
        return candidate.maximum(lower).minimum(upper);
    }

    /** x + U(−ε, ε) per element, clipped to the box. */
    @Override
    public NDArray randomStart(SplittableRandom random) {
        float[] noise = new float[Math.toIntExact(clean.size())];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) ((2 * random.nextDouble() - 1) * epsilon);
        }
        try (NDArray moved = clean.getManager().create(noise, clean.getShape()).addi(clean)) {
            return project(moved);
        }
    }

    @Override
    public float epsilon() {
        return epsilon;
    }

    @Override
    public NDArray perturbationNorms(NDArray adversarial) {
        long rows = adversarial.getShape().get(0);
        return adversarial.sub(clean).abs().reshape(rows, -1).max(new int[] {1});
    }
}
