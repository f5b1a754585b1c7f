package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

/** The intersection of the L∞ ball of radius ε around a clean input and the [0,1] box. */
final class LinfBall {

    private final NDArray lower;
    private final NDArray upper;

    private LinfBall(NDArray lower, NDArray upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** The ball around {@code x}; its bounds live in the manager of x. */
    static LinfBall around(NDArray x, float epsilon) {
        return new LinfBall(x.sub(epsilon).clip(0f, 1f), x.add(epsilon).clip(0f, 1f));
    }

    /** Clamps {@code candidate} into the ball element-wise; the result is in the manager of the candidate. */
    NDArray project(NDArray candidate) {
        return candidate.maximum(lower).minimum(upper);
    }
}
