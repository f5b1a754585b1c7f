package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.AttackWork;
import io.robustlab.core.attack.MinimumNormAttack;
import io.robustlab.core.attack.MinimumNormResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One minimum-norm attack (DeepFool, DDN, Carlini-Wagner): run once over the clean-correct samples, it gives the
 * whole curve. As foolbox 3's {@code MinimizationAttack} counts it, a sample is broken at ε when its perturbation δ
 * restricted to the ε-ball still fools the network: L∞ clips δ element-wise to [−ε, ε], L2 scales it down to norm ε;
 * for n = ‖δ‖ ≤ ε that is the adversarial example itself. Every count is a re-prediction: the adversarial examples
 * once, then at each ε the restricted perturbations of the samples still robust with ε &lt; n &lt; ∞ (one forward
 * pass each); a sample with no adversarial found (n = +∞) is robust at every ε without a forward pass. As for
 * fixed-budget attacks, a sample broken at ε stays broken at every larger ε (its restricted example is inside the
 * larger ball).
 */
final class MinimumNormSweep {

    private MinimumNormSweep() {
    }

    static AttackOutcome run(SweepContext context, AttackSpec spec, int attackIndex) {
        long started = System.nanoTime();
        long passesBefore = AttackWork.samplePasses();
        String curve = spec.curveLabel();
        Norm norm = spec.norm();
        SampleBatches batches = context.batches;
        int d = batches.featureCount;
        BitSet counted = context.counted(spec);
        int[] targets = context.targets(spec, attackIndex);
        BitSet cleanBroken = (BitSet) counted.clone();
        cleanBroken.andNot(context.cleanCorrect);
        BitSet candidates = (BitSet) counted.clone();
        candidates.and(context.cleanCorrect);
        int[] indices = candidates.stream().toArray();
        MinimumNormAttack attack = context.attacks.minimumNorm(spec);

        float[] clean = batches.gather(indices);
        float[] adversarial = new float[clean.length];
        double[] norms = new double[indices.length];
        for (int start = 0; start < indices.length; start += batches.batchSize) {
            context.checkCancelled();
            int[] batch = Arrays.copyOfRange(indices, start, Math.min(indices.length, start + batches.batchSize));
            float[] batchClean = Arrays.copyOfRange(clean, start * d, (start + batch.length) * d);
            MinimumNormResult found;
            float[] batchAdversarial;
            try (NDManager work = batches.manager.newSubManager()) {
                NDArray x = batches.array(work, batchClean, batch.length);
                NDArray labels = work.create(Arrays.stream(batch).mapToLong(batches::label).toArray());
                AttackGoal goal = targets == null ? AttackGoal.untargeted(labels)
                        : AttackGoal.targeted(labels, work.create(Arrays.stream(batch).mapToLong(i -> targets[i])
                                .toArray()));
                found = attack.attack(batches.network, x, goal, context.random(attackIndex, start));
                batchAdversarial = found.adversarials().toFloatArray();
            }
            if (found.norms().length != batch.length) {
                throw new IllegalStateException(curve + " returned " + found.norms().length + " norms for "
                        + batch.length + " samples");
            }
            for (int i = 0; i < batch.length; i++) {
                double reported = found.norms()[i];
                double measured = SweepContext.norm(norm, batchAdversarial, batchClean, i * d, d);
                // The reported norm decides the curve, so it must not understate the real perturbation.
                if (reported != Double.POSITIVE_INFINITY
                        && !(measured <= reported + SweepContext.NORM_TOLERANCE * Math.max(1, reported))) {
                    throw new IllegalStateException(curve + " reported a perturbation of " + norm.symbol()
                            + " norm " + reported + " whose measured norm is " + measured);
                }
                norms[start + i] = reported;
            }
            SweepContext.requireInside(curve, norm, Double.POSITIVE_INFINITY, batchAdversarial, batchClean,
                    batch.length, d);
            System.arraycopy(batchAdversarial, 0, adversarial, start * d, batchAdversarial.length);
        }
        context.workDone(1);

        // Whether each adversarial example itself fools the network: what counts where n <= ε.
        int[] predicted = batches.predict(adversarial, indices.length);
        boolean[] fools = new boolean[indices.length];
        for (int i = 0; i < indices.length; i++) {
            fools[i] = norms[i] != Double.POSITIVE_INFINITY && context.fooled(indices[i], predicted[i], targets);
        }
        long verifications = indices.length;

        double[] epsilons = context.epsilons;
        BitSet[] broken = new BitSet[epsilons.length];
        for (int k = 0; k < epsilons.length; k++) {
            context.checkCancelled();
            double epsilon = epsilons[k];
            BitSet now = k > 0 ? (BitSet) broken[k - 1].clone() : (BitSet) cleanBroken.clone();
            List<Integer> restricted = new ArrayList<>();
            for (int i = 0; i < indices.length; i++) {
                if (now.get(indices[i]) || norms[i] == Double.POSITIVE_INFINITY || epsilon == 0) {
                    continue;
                }
                if (norms[i] <= epsilon) {
                    if (fools[i]) {
                        now.set(indices[i]);
                        context.observer.counted(curve, epsilon, indices[i],
                                Arrays.copyOfRange(adversarial, i * d, (i + 1) * d));
                    }
                } else {
                    restricted.add(i);
                }
            }
            if (!restricted.isEmpty()) {
                float[] examples = new float[restricted.size() * d];
                for (int r = 0; r < restricted.size(); r++) {
                    restrict(norm, epsilon, clean, adversarial, restricted.get(r) * d, d, examples, r * d);
                }
                int[] restrictedPredicted = batches.predict(examples, restricted.size());
                verifications += restricted.size();
                for (int r = 0; r < restricted.size(); r++) {
                    int sample = indices[restricted.get(r)];
                    if (context.fooled(sample, restrictedPredicted[r], targets)) {
                        now.set(sample);
                        context.observer.counted(curve, epsilon, sample,
                                Arrays.copyOfRange(examples, r * d, (r + 1) * d));
                    }
                }
            }
            broken[k] = now;
            context.listener.curvePoint(CurvePoint.of(curve, epsilon, now, counted));
            context.workDone(1);
        }

        List<Double> sampleNorms = new ArrayList<>();
        for (int s = 0; s < batches.size(); s++) {
            sampleNorms.add(!counted.get(s) ? null : cleanBroken.get(s) ? 0.0 : null);
        }
        for (int i = 0; i < indices.length; i++) {
            sampleNorms.set(indices[i], norms[i] == Double.POSITIVE_INFINITY ? null : norms[i]);
        }
        RobustnessCurve result = RobustnessCurve.of(curve, spec.name(), norm.symbol(), RobustnessCurve.MINIMUM_NORM,
                counted, broken, sampleNorms);
        return new AttackOutcome(result, new AttackCost(curve, (System.nanoTime() - started) / 1e9, indices.length,
                indices.length * AttackCost.passesPerRun(spec), AttackWork.samplePasses() - passesBefore,
                verifications));
    }

    /**
     * Writes clean + δ restricted to the ε-ball into {@code out}: L∞ clips each component to [−ε, ε], L2 scales δ
     * by ε/‖δ‖ (foolbox's {@code clip_perturbation}); both stay in [0,1] when clean + δ is.
     */
    static void restrict(Norm norm, double epsilon, float[] clean, float[] adversarial, int offset, int length,
            float[] out, int outOffset) {
        double scale = norm == Norm.L2
                ? epsilon / SweepContext.norm(Norm.L2, adversarial, clean, offset, length) : 1;
        for (int j = 0; j < length; j++) {
            double delta = (double) adversarial[offset + j] - clean[offset + j];
            double kept = norm == Norm.LINF ? Math.max(-epsilon, Math.min(epsilon, delta)) : delta * Math.min(1, scale);
            out[outOffset + j] = (float) Math.max(0, Math.min(1, clean[offset + j] + kept));
        }
    }
}
