package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.Norm;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/** What every attack sweep of one run shares: samples, clean result, grid, seed, listener, hooks, progress. */
final class SweepContext {

    /** Slack for float rounding when a perturbation's norm is compared with its budget. */
    static final double NORM_TOLERANCE = 1e-6;

    final SampleBatches batches;
    final BitSet cleanCorrect;
    final double[] epsilons;
    final long seed;
    final EvaluationOptions options;
    final AttackSource attacks;
    final AdversarialObserver observer;
    final EvaluationListener listener;
    private final BooleanSupplier cancelled;
    private final double totalWork;
    private double doneWork;

    SweepContext(SampleBatches batches, BitSet cleanCorrect, double[] epsilons, long seed, EvaluationOptions options,
            AttackSource attacks, AdversarialObserver observer, EvaluationListener listener,
            BooleanSupplier cancelled, double totalWork) {
        this.batches = batches;
        this.cleanCorrect = cleanCorrect;
        this.epsilons = epsilons;
        this.seed = seed;
        this.options = options;
        this.attacks = attacks;
        this.observer = observer;
        this.listener = listener;
        this.cancelled = cancelled;
        this.totalWork = Math.max(1, totalWork);
    }

    void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new EvaluationCancelledException();
        }
    }

    void workDone(double units) {
        doneWork = Math.min(totalWork, doneWork + units);
        listener.progress(doneWork / totalWork);
    }

    /** A random stream that depends on the seed and the given coordinates only (attack, epsilon, batch). */
    SplittableRandom random(long... coordinates) {
        long h = seed + 0x9E3779B97F4A7C15L;
        for (long c : coordinates) {
            h = mix(h ^ mix(c + 0x9E3779B97F4A7C15L));
        }
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Per sample, the class a targeted attack pushes it to, or null for an untargeted one. Without targetClass each
     * sample's target is drawn uniformly from the other classes with the spec's seed (per attack index).
     */
    int[] targets(AttackSpec spec, int attackIndex) {
        if (!Boolean.TRUE.equals(spec.targeted())) {
            return null;
        }
        int classes = batches.samples.classes();
        int[] targets = new int[batches.size()];
        SplittableRandom random = random(attackIndex, -1);
        for (int i = 0; i < targets.length; i++) {
            targets[i] = spec.targetClass() != null ? spec.targetClass()
                    : (batches.label(i) + 1 + random.nextInt(classes - 1)) % classes;
        }
        return targets;
    }

    /** The samples a curve counts: all, except a fixed target class's own samples. */
    BitSet counted(AttackSpec spec) {
        BitSet counted = new BitSet(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            if (!(Boolean.TRUE.equals(spec.targeted()) && spec.targetClass() != null
                    && batches.label(i) == spec.targetClass())) {
                counted.set(i);
            }
        }
        return counted;
    }

    /** Whether {@code predicted} reaches the goal for the sample: its target, or any class but its label. */
    boolean fooled(int sample, int predicted, int[] targets) {
        return targets != null ? predicted == targets[sample] : predicted != batches.label(sample);
    }

    /** The L∞ or L2 norm of {@code adversarial[i] − clean[i]}, in double. */
    static double norm(Norm norm, float[] adversarial, float[] clean, int offset, int length) {
        double result = 0;
        for (int j = offset; j < offset + length; j++) {
            double delta = (double) adversarial[j] - clean[j];
            result = norm == Norm.LINF ? Math.max(result, Math.abs(delta)) : result + delta * delta;
        }
        return norm == Norm.LINF ? result : Math.sqrt(result);
    }

    /**
     * Throws unless every example of {@code adversarial} is in [0,1] and within {@code limit} of its clean one:
     * an attack that leaves its budget must stop the run, never bend a curve.
     */
    static void requireInside(String curve, Norm norm, double limit, float[] adversarial, float[] clean, int count,
            int featureCount) {
        if (adversarial.length != count * featureCount) {
            throw new IllegalStateException(curve + " returned " + adversarial.length + " values for " + count
                    + " examples of " + featureCount);
        }
        for (int i = 0; i < count; i++) {
            double n = norm(norm, adversarial, clean, i * featureCount, featureCount);
            if (!(n <= limit + NORM_TOLERANCE * Math.max(1, limit))) {
                throw new IllegalStateException(curve + " returned a perturbation of " + norm.symbol() + " norm " + n
                        + " above its budget " + limit);
            }
        }
        for (float v : adversarial) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalStateException(curve + " returned an input value " + v + " outside [0,1]");
            }
        }
    }
}
