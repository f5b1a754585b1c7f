package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

import io.robustlab.contracts.spec.Norm;

import java.util.SplittableRandom;

/**
 * The intersection of the Euclidean ball of radius ε around each clean input (norm over the whole example) and the
 * [0,1] box, as foolbox 3's {@code L2BaseGradientDescent} (attacks/gradient_descent_base.py): steps go along
 * grad/‖grad‖₂ per sample (a zero gradient stays zero), projection scales a perturbation longer than ε down to ε
 * and then clips to the box (which only shortens it), random starts are uniform in the ball.
 */
final class L2Ball implements EpsilonBall {

    /** foolbox's guard against dividing by a zero norm. */
    private static final float SMALLEST_NORM = 1e-12f;

    private final NDArray clean;
    private final float epsilon;

    private L2Ball(NDArray clean, float epsilon) {
        this.clean = clean;
        this.epsilon = epsilon;
    }

    static L2Ball around(NDArray x, float epsilon) {
        return new L2Ball(x, epsilon);
    }

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    @Override
    public NDArray ascend(NDArray iterate, NDArray gradient, float stepSize) {
        // the per-row factor stepSize/‖g‖ is computed on N numbers; the batch-sized passes are in place
        NDArray factor = rowNorms(gradient).maximum(SMALLEST_NORM).pow(-1).muli(stepSize)
                .reshape(EpsilonBall.rowShape(gradient));
        return gradient.muli(factor).addi(iterate);
    }

    @Override
    public NDArray project(NDArray candidate) {
        NDArray delta = candidate.subi(clean);
        // min(1, ε/‖δ‖): shrink only, never grow (foolbox clip_lp_norms)
        NDArray factor = rowNorms(delta).maximum(SMALLEST_NORM).pow(-1).muli(epsilon).minimum(1f)
                .reshape(EpsilonBall.rowShape(delta));
        return delta.muli(factor).addi(clean).clip(0f, 1f);
    }

    /**
     * x + ε·r with r uniform in the unit ball, clipped to the box. r is the first n coordinates of a uniform point
     * on the sphere in n+2 dimensions (Voelker, Gosmann and Stewart 2017, "Efficiently sampling vectors and
     * coordinates from the n-sphere and n-ball"), as foolbox's {@code uniform_l2_n_balls}.
     */
    @Override
    public NDArray randomStart(SplittableRandom random) {
        int rows = Math.toIntExact(clean.getShape().get(0));
        int n = rows == 0 ? 0 : Math.toIntExact(clean.size() / rows);
        float[] noise = new float[rows * n];
        double[] gaussian = new double[n + 2];
        for (int row = 0; row < rows; row++) {
            double squares = 0;
            for (int j = 0; j < gaussian.length; j++) {
                gaussian[j] = random.nextGaussian();
                squares += gaussian[j] * gaussian[j];
            }
            double scale = epsilon / Math.sqrt(squares);
            for (int j = 0; j < n; j++) {
                noise[row * n + j] = (float) (gaussian[j] * scale);
            }
        }
        try (NDArray offset = clean.getManager().create(noise, clean.getShape()); NDArray moved = clean.add(offset)) {
            return project(moved);
        }
    }

    @Override
    public float epsilon() {
        return epsilon;
    }

    @Override
    public NDArray perturbationNorms(NDArray adversarial) {
        return rowNorms(adversarial.sub(clean));
    }

    /** The Euclidean norm of each row, over all its elements. */
    static NDArray rowNorms(NDArray batch) {
        return batch.reshape(batch.getShape().get(0), -1).norm(new int[] {1});
    }
}
