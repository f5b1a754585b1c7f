package io.robustlab.core.evaluation;

import java.util.List;

/**
 * Everything an evaluation measured, as written to {@code result.json} (see the robust-core README).
 *
 * @param specHash      {@code SpecCodec.specHash} of the spec with its defaults
 * @param samples       how many samples were evaluated; bitsets index them 0..samples−1 in the order given
 * @param cleanAccuracy the fraction classified correctly without any perturbation
 * @param cleanCorrect  base64 bitset of the samples classified correctly when clean
 * @param epsilons      the epsilon grid, ascending; every curve has one value per epsilon
 * @param curves        one per attack, in the spec's order
 * @param worstCases    per norm ({@code worst-case L∞}, {@code worst-case L2}), then over all attacks
 * @param corruptions   null when the spec asks for none
 * @param weightNoise   one row per sigma; empty when the spec asks for none
 * @param warnings      what the user should look into
 * @param timings       where the time went, and passes per sample
 */
public record EvaluationResult(String specHash, int samples, double cleanAccuracy, String cleanCorrect,
        double[] epsilons, List<RobustnessCurve> curves, List<RobustnessCurve> worstCases,
        CorruptionTable corruptions, List<WeightNoiseRow> weightNoise, List<EvaluationWarning> warnings,
        Timings timings) {

    /** The curve with this label, among the attack curves and the worst cases. */
    public RobustnessCurve curve(String label) {
        return java.util.stream.Stream.concat(curves.stream(), worstCases.stream())
                .filter(c -> c.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no curve labelled " + label));
    }

    /** The index of {@code epsilon} in {@link #epsilons()}. */
    public int epsilonIndex(double epsilon) {
        for (int k = 0; k < epsilons.length; k++) {
            if (epsilons[k] == epsilon) {
                return k;
            }
        }
        throw new IllegalArgumentException("epsilon " + epsilon + " is not in the grid");
    }
}
