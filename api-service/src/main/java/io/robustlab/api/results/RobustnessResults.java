package io.robustlab.api.results;

import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What an Evaluate job measured so far: robustness curves, the corruption table and the weight-noise table. Each
 * part is empty until the worker reports its first point. Accuracies are fractions in [0, 1]; null where
 * undefined (a curve that counts no sample).
 *
 * @param jobId       the job
 * @param curves      the attack curves (label order), then the worst cases (per norm, then over all attacks)
 * @param corruptions accuracy under each corruption and severity
 * @param weightNoise accuracy under relative Gaussian weight noise, by sigma
 */
public record RobustnessResults(UUID jobId, List<Curve> curves, CorruptionTable corruptions,
        List<WeightNoiseLevel> weightNoise) {

    /**
     * Robust accuracy against epsilon for one attack, or the worst case over several.
     *
     * @param label  as robust-core names it: {@code linf-pgd (L∞)}; {@code worst-case L∞}, {@code worst-case L2},
     *               {@code worst-case (all attacks)} or {@code worst-case (all attacks, mixed norms)}
     * @param kind   {@code attack}, or {@code worst-case}: a sample counts as broken at epsilon if any of the
     *               curves it combines broke it there
     * @param norm   the norm of the budget as the worker reports it ({@code linf}, {@code l2}); {@code mixed}
     *               for a worst case over both
     * @param points by increasing epsilon
     */
    public record Curve(String label, CurveKind kind, String norm, List<CurvePoint> points) {
    }

    /**
     * @param samples the samples the accuracy is measured on
     */
    public record CurvePoint(double epsilon, Double accuracy, int samples) {
    }

    /** Whether a curve is one attack's or a worst case. */
    @Schema(type = "string", allowableValues = {"attack", "worst-case"})
    public enum CurveKind {
        ATTACK, WORST_CASE;

        /**
         * robust-core labels every worst-case curve {@code worst-case …} ({@code RobustnessCurve.WORST_CASE}) and
         * gives the one over both norms the norm {@code mixed}.
         */
        static CurveKind of(String label, String norm) {
            String lower = label.toLowerCase(Locale.ROOT);
            return lower.startsWith("worst-case") || lower.startsWith("worst case") || "mixed".equals(norm)
                    ? WORST_CASE : ATTACK;
        }

        @JsonValue
        String json() {
            return this == ATTACK ? "attack" : "worst-case";
        }
    }

    /**
     * @param corruptions  by name
     * @param meanAccuracy the mean over every (corruption, severity) row; null when there is none
     */
    public record CorruptionTable(List<Corruption> corruptions, Double meanAccuracy) {
    }

    /**
     * @param severities   by severity (1–5)
     * @param meanAccuracy the mean over its severities
     */
    public record Corruption(String corruption, List<Severity> severities, Double meanAccuracy) {
    }

    public record Severity(int severity, Double accuracy, int samples) {
    }

    /**
     * @param sigma        the relative noise level: w ← w + sigma·|w|·N(0,1)
     * @param meanAccuracy the mean accuracy over the draws
     * @param stdAccuracy  their standard deviation
     * @param draws        how many noisy copies of the model were measured
     */
    public record WeightNoiseLevel(double sigma, Double meanAccuracy, Double stdAccuracy, int draws) {
    }
}
