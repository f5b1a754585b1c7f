package io.robustlab.core.evaluation;

import java.util.BitSet;

/**
 * One point of a robustness curve, as the listener hears it.
 *
 * @param curve          the curve's label, {@code linf-pgd (L∞)} or {@code worst-case L∞}
 * @param epsilon        the budget
 * @param robustAccuracy the fraction of the curve's samples not broken at epsilon
 * @param broken         how many of them are broken
 * @param samples        how many samples the curve counts
 */
public record CurvePoint(String curve, double epsilon, double robustAccuracy, int broken, int samples) {

    static CurvePoint of(String curve, double epsilon, BitSet broken, BitSet counted) {
        BitSet inCurve = (BitSet) broken.clone();
        inCurve.and(counted);
        int samples = counted.cardinality();
        int count = inCurve.cardinality();
        return new CurvePoint(curve, epsilon, samples == 0 ? Double.NaN : (double) (samples - count) / samples, count,
                samples);
    }
}
