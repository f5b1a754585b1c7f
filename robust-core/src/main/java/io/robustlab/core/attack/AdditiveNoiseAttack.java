package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Random noise of a fixed size, a baseline that needs no gradient: foolbox 3.3.4's
 * {@code LinfAdditiveUniformNoiseAttack} and {@code L2AdditiveGaussianNoiseAttack} (attacks/additive_noise.py), and
 * with {@code repeats} > 1 their {@code Repeated…} variants.
 * <ul>
 * <li>L∞: U(−1, 1) per element, rescaled per sample so that its largest entry is exactly ε (foolbox's
 *     {@code sample_noise} then {@code get_epsilons}: the noise is normalised to L∞ norm 1 and scaled by ε).
 * <li>L2: N(0, I) per sample, rescaled to Euclidean norm exactly ε.
 * </ul>
 * Either way the noisy input is then clipped to [0,1], as foolbox does (clipping only shortens the perturbation).
 * Each of {@code repeats} draws is tried on the samples no earlier draw broke; a sample broken by any draw keeps
 * that draw (foolbox's {@code BaseRepeatedAdditiveNoiseAttack}, including its check of the clean input: a sample
 * that reaches the goal clean is returned unchanged). A sample no draw breaks gets the last draw. Draws are made in
 * Java from the given generator, for the remaining samples only, in row order: the first draw is the same for any
 * number of repeats, so more repeats break a superset.
 */
public record AdditiveNoiseAttack(Norm norm, double epsilon, int repeats) implements Attack {

    public AdditiveNoiseAttack {
        Objects.requireNonNull(norm, "norm");
        if (!(epsilon >= 0) || repeats < 1) {
            throw new IllegalArgumentException("need epsilon >= 0 and repeats >= 1; got " + epsilon + ", " + repeats);
        }
    }

    @Override
    public NDArray perturb(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        NDManager caller = inputs.getManager();
        try (NDManager work = caller.newSubManager(); Network.Frozen frozen = network.freeze()) {
            NDArray clean = inputs.duplicate();
            clean.attach(work);
            NDArray output = clean.duplicate();
            boolean[] retired = new boolean[Math.toIntExact(clean.getShape().get(0))];
            PgdAttack.retireReachedClean(network, clean, goal, retired);
            for (int draw = 0; draw < repeats; draw++) {
                try (ActiveSamples active = ActiveSamples.of(work, retired); NDManager scratch = work.newSubManager()) {
                    if (active.isEmpty()) {
                        break;
                    }
                    NDArray center = active.track(clean).get().duplicate();
                    center.attach(scratch);
                    NDArray noisy = addNoise(center, random);
                    if (draw < repeats - 1) {
                        AttackGoal activeGoal = new AttackGoal(active.track(goal.labels()).get(),
                                goal.isTargeted() ? active.track(goal.targets()).get() : null);
                        NDArray keep = active.retire(activeGoal.reachedBy(network.logits(noisy, false)), noisy, output);
                        if (keep != null) {
                            noisy = noisy.get(new NDIndex("{}", keep));
                        }
                    }
                    active.writeRemaining(noisy, output);
                }
            }
            EpsilonBall.around(clean, norm, (float) epsilon).verify(output);
            output.attach(caller);
            return output;
        }
    }

    /** {@code center} plus one draw of noise of size ε per row, clipped to [0,1]; in the manager of center. */
    private NDArray addNoise(NDArray center, SplittableRandom random) {
        int rows = Math.toIntExact(center.getShape().get(0));
        int n = Math.toIntExact(center.size() / rows);
        float[] noise = new float[rows * n];
        for (int row = 0; row < rows; row++) {
            if (norm == Norm.LINF) {
                double[] uniform = new double[n];
                double largest = 0;
                for (int j = 0; j < n; j++) {
                    uniform[j] = 2 * random.nextDouble() - 1;
                    largest = Math.max(largest, Math.abs(uniform[j]));
                }
                double scale = largest > 0 ? epsilon / largest : 0;
                for (int j = 0; j < n; j++) {
                    noise[row * n + j] = (float) (uniform[j] * scale);
                }
            } else {
                double[] gaussian = new double[n];
                double squares = 0;
                for (int j = 0; j < n; j++) {
                    gaussian[j] = random.nextGaussian();
                    squares += gaussian[j] * gaussian[j];
                }
                double scale = epsilon / Math.sqrt(squares);
                for (int j = 0; j < n; j++) {
                    noise[row * n + j] = (float) (gaussian[j] * scale);
                }
            }
        }
        NDArray offset = center.getManager().create(noise, center.getShape());
        NDArray noisy = center.add(offset).clip(0f, 1f);
        // float rounding may leave the L2 norm a hair above ε: project (a no-op otherwise)
        return EpsilonBall.around(center, norm, (float) epsilon).project(noisy);
    }
}
