package io.robustlab.core.evaluation;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Robust accuracy against epsilon for one attack, or the worst case over several; the epsilons are the result's.
 *
 * @param label          {@code linf-pgd (L∞)}, {@code worst-case L2}, {@code worst-case (all attacks, mixed norms)}
 * @param attack         the attack's name ({@code linf-pgd}); {@code worst-case} for a worst case
 * @param norm           {@code L∞} or {@code L2}; {@code mixed} for a worst case over both norms
 * @param kind           {@code fixed-budget}, {@code minimum-norm} or {@code worst-case}
 * @param samples        the curve's denominator: samples it counts (a targeted attack with a target class leaves
 *                       that class's samples out)
 * @param counted        base64 bitset of those samples (index into the evaluated samples)
 * @param robustAccuracy per epsilon, (samples − broken)/samples, so that at ε = 0 it equals the clean accuracy exactly
 * @param broken         per epsilon, base64 bitset of the broken samples ({@link SampleBits})
 * @param norms          minimum-norm attacks only: per sample, the norm of the perturbation found; 0 for a sample
 *                       misclassified when clean; null where none was found or the sample is not counted
 */
public record RobustnessCurve(String label, String attack, String norm, String kind, int samples, String counted,
        double[] robustAccuracy, List<String> broken, List<Double> norms) {

    public static final String FIXED_BUDGET = "fixed-budget";
    public static final String MINIMUM_NORM = "minimum-norm";
    public static final String WORST_CASE = "worst-case";
    public static final String MIXED = "mixed";

    static RobustnessCurve of(String label, String attack, String norm, String kind, BitSet counted,
            BitSet[] broken, List<Double> norms) {
        int samples = counted.cardinality();
        double[] accuracy = new double[broken.length];
        List<String> encoded = new ArrayList<>();
        for (int k = 0; k < broken.length; k++) {
            BitSet inCurve = (BitSet) broken[k].clone();
            inCurve.and(counted);
            accuracy[k] = samples == 0 ? Double.NaN : (double) (samples - inCurve.cardinality()) / samples;
            encoded.add(SampleBits.encode(broken[k]));
        }
        return new RobustnessCurve(label, attack, norm, kind, samples, SampleBits.encode(counted), accuracy,
                encoded, norms);
    }

    /** The broken set at epsilon index {@code k}, decoded. */
    public BitSet brokenAt(int k) {
        return SampleBits.decode(broken.get(k));
    }

    /**
     * The worst case over {@code curves} on {@code sampleCount} samples: a sample is robust at epsilon only if no
     * curve's attack broke it there (the OR of their broken sets). Works on curves read back from JSON, so any
     * subset of attacks can be recombined without re-running them.
     */
    public static RobustnessCurve worstCase(String label, String norm, List<RobustnessCurve> curves,
            int sampleCount) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("a worst case needs at least one curve");
        }
        int points = curves.getFirst().broken.size();
        BitSet[] union = new BitSet[points];
        for (int k = 0; k < points; k++) {
            union[k] = new BitSet(sampleCount);
            for (RobustnessCurve curve : curves) {
                union[k].or(curve.brokenAt(k));
            }
        }
        BitSet all = new BitSet(sampleCount);
        all.set(0, sampleCount);
        return of(label, WORST_CASE, norm, WORST_CASE, all, union, null);
    }
}
