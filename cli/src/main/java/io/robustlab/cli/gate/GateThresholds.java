package io.robustlab.cli.gate;

import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;

/**
 * What a model must reach. Accuracies are fractions in [0, 1].
 *
 * @param minClean  the least clean accuracy, or null for no clean check
 * @param minRobust the least robust accuracy at {@code atEpsilon}, or null for no robust check
 * @param atEpsilon the perturbation budget of the robust check; it must be a point of the job's epsilon grid
 * @param attack    the curve of the robust check: {@code worst} (over all attacks), {@code worst-linf},
 *                  {@code worst-l2}, or an attack's name or label
 */
public record GateThresholds(Double minClean, Double minRobust, Double atEpsilon, String attack) {

    /** @throws CliException {@link Exit#USAGE} for thresholds that check nothing or cannot be met by a fraction */
    public GateThresholds {
        if (minClean == null && minRobust == null) {
            throw usage("give --min-clean, --min-robust with --at-eps, or both");
        }
        fraction("--min-clean", minClean);
        fraction("--min-robust", minRobust);
        if (minRobust != null && atEpsilon == null) {
            throw usage("--min-robust needs --at-eps: the epsilon at which robust accuracy is checked");
        }
        if (minRobust == null && atEpsilon != null) {
            throw usage("--at-eps applies only with --min-robust");
        }
        if (atEpsilon != null && (!Double.isFinite(atEpsilon) || atEpsilon < 0)) {
            throw usage("--at-eps must be a finite number >= 0 (got " + atEpsilon + ")");
        }
        if (attack == null || attack.isBlank()) {
            throw usage("--attack must name a curve (default: worst)");
        }
    }

    private static void fraction(String option, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw usage(option + " must be an accuracy between 0 and 1 (got " + value + ")");
        }
    }

    private static CliException usage(String message) {
        return new CliException(Exit.USAGE, message);
    }
}
