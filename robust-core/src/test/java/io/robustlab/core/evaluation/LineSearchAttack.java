package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.MinimumNormAttack;
import io.robustlab.core.attack.MinimumNormResult;
import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;
import java.util.SplittableRandom;

/**
 * A test-only minimum-L2 attack: along each sample's normalised loss gradient, the smallest step t in [0, 4]
 * (bisection, 16 rounds) at which clip(x + t·g/‖g‖, 0, 1) fools the network; +∞ where t = 4 does not.
 */
final class LineSearchAttack implements MinimumNormAttack {

    private static final float LONGEST = 4f;

    /** Every batch of adversarial examples returned, in call order. */
    final java.util.List<float[]> returned = new java.util.ArrayList<>();

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    @Override
    public MinimumNormResult attack(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        NDManager caller = inputs.getManager();
        int n = Math.toIntExact(inputs.getShape().get(0));
        int d = Math.toIntExact(inputs.size() / n);
        float[] x = inputs.toFloatArray();
        float[] direction;
        try (NDManager work = caller.newSubManager(); Network.Frozen frozen = network.freeze()) {
            NDArray input = inputs.duplicate();
            input.attach(work);
            input.setRequiresGradient(true);
            try (GradientRecorder recorder = GradientRecorder.open(work.getEngine())) {
                recorder.backward(network.loss(network.logits(input, false), goal.labels()));
            }
            direction = input.getGradient().toFloatArray();
        }
        for (int i = 0; i < n; i++) {
            double length = 0;
            for (int j = i * d; j < (i + 1) * d; j++) {
                length += (double) direction[j] * direction[j];
            }
            for (int j = i * d; j < (i + 1) * d; j++) {
                direction[j] = length == 0 ? 0 : (float) (direction[j] / Math.sqrt(length));
            }
        }
        float[] low = new float[n];
        float[] high = new float[n];
        java.util.Arrays.fill(high, LONGEST);
        boolean[] found = fooled(network, inputs, goal, step(x, direction, high, d));
        for (int round = 0; round < 16; round++) {
            float[] middle = new float[n];
            for (int i = 0; i < n; i++) {
                middle[i] = (low[i] + high[i]) / 2;
            }
            boolean[] fools = fooled(network, inputs, goal, step(x, direction, middle, d));
            for (int i = 0; i < n; i++) {
                if (fools[i]) {
                    high[i] = middle[i];
                } else {
                    low[i] = middle[i];
                }
            }
        }
        float[] adversarial = step(x, direction, high, d);
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            if (!found[i]) {
                System.arraycopy(x, i * d, adversarial, i * d, d);
                norms[i] = Float.POSITIVE_INFINITY;
            } else {
                norms[i] = (float) SweepContext.norm(Norm.L2, adversarial, x, i * d, d);
                norms[i] = Math.nextUp(norms[i]); // never understate the norm by float rounding
            }
        }
        returned.add(adversarial);
        return new MinimumNormResult(caller.create(adversarial, inputs.getShape()), norms);
    }

    private static float[] step(float[] x, float[] direction, float[] t, int d) {
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = Math.max(0f, Math.min(1f, x[j] + t[j / d] * direction[j]));
        }
        return out;
    }

    private static boolean[] fooled(Network network, NDArray inputs, AttackGoal goal, float[] candidate) {
        try (NDManager work = inputs.getManager().newSubManager()) {
            NDArray reached = goal.reachedBy(network.logits(work.create(candidate, inputs.getShape()), false));
            return reached.toBooleanArray();
        }
    }
}
