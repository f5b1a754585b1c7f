package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Signs that a robustness number should not be trusted as it stands (Carlini, Athalye, Papernot, Brendel, Rauber,
 * Tsipras, Goodfellow, Madry and Kurakin 2019, "On Evaluating Adversarial Robustness", list these checks). The
 * thresholds are in the robust-core README.
 */
final class RobustnessWarnings {

    /** A share of samples with a zero or non-finite input gradient above which gradient attacks are blind. */
    static final double ZERO_GRADIENT_SHARE = 0.10;
    /** One sample-percent: differences between curves smaller than this are noise. */
    static final double CURVE_MARGIN = 0.01;
    /** The L∞ budget from which an undefended-enough attack should break nearly every image in [0,1]. */
    static final double LINF_UNBOUNDED = 0.3;
    /** The same for L2. */
    static final double L2_UNBOUNDED = 3.0;
    /** Robust accuracy above this at such a budget suggests gradient masking. */
    static final double CONVERGED_ACCURACY = 0.05;

    private static final Set<String> NOISE = Set.of("linf-uniform-noise", "l2-gaussian-noise");
    private static final Set<String> ITERATIVE_LINF = Set.of("linf-bim", "linf-pgd");

    private RobustnessWarnings() {
    }

    static List<EvaluationWarning> of(int samples, int degenerateGradients, List<AttackSpec> attacks,
            List<RobustnessCurve> curves, List<RobustnessCurve> worstPerNorm, double[] epsilons) {
        List<EvaluationWarning> warnings = new ArrayList<>();
        if (degenerateGradients > ZERO_GRADIENT_SHARE * samples) {
            warnings.add(new EvaluationWarning(EvaluationWarning.ZERO_GRADIENT, String.format(Locale.ROOT,
                    "%d of %d samples (%.0f%%) have an all-zero or non-finite input gradient on the clean input: "
                            + "gradient attacks cannot move them, so robust accuracy may be overstated (saturated "
                            + "or masked gradients)", degenerateGradients, samples,
                    100.0 * degenerateGradients / samples)));
        }
        for (int a = 0; a < attacks.size(); a++) {
            if (!NOISE.contains(attacks.get(a).name())) {
                continue;
            }
            for (int g = 0; g < attacks.size(); g++) {
                if (NOISE.contains(attacks.get(g).name()) || attacks.get(g).norm() != attacks.get(a).norm()) {
                    continue;
                }
                int k = widestGapBelow(curves.get(a), curves.get(g));
                if (k >= 0) {
                    warnings.add(new EvaluationWarning(EvaluationWarning.NOISE_BEATS_GRADIENT, String.format(
                            Locale.ROOT, "%s leaves %.1f%% robust at epsilon %s, below %s's %.1f%%: random noise "
                                    + "should not beat a gradient attack; its gradients may be masked or its "
                                    + "parameters too weak", curves.get(a).label(),
                            100 * curves.get(a).robustAccuracy()[k], epsilons[k], curves.get(g).label(),
                            100 * curves.get(g).robustAccuracy()[k])));
                }
            }
        }
        for (RobustnessCurve worst : worstPerNorm) {
            double unbounded = worst.norm().equals(Norm.L2.symbol()) ? L2_UNBOUNDED : LINF_UNBOUNDED;
            int last = epsilons.length - 1;
            if (last >= 0 && epsilons[last] >= unbounded && worst.robustAccuracy()[last] > CONVERGED_ACCURACY) {
                warnings.add(new EvaluationWarning(EvaluationWarning.NO_CONVERGENCE, String.format(Locale.ROOT,
                        "%s is still %.1f%% at epsilon %s: a budget this large should break nearly every sample; "
                                + "suspect gradient masking or attacks with too few steps",
                        worst.label(), 100 * worst.robustAccuracy()[last], epsilons[last])));
            }
        }
        int fgsm = -1;
        for (int a = 0; a < attacks.size(); a++) {
            if (attacks.get(a).name().equals("fgsm")) {
                fgsm = a;
            }
        }
        for (int a = 0; fgsm >= 0 && a < attacks.size(); a++) {
            AttackSpec attack = attacks.get(a);
            if (!ITERATIVE_LINF.contains(attack.name()) || Boolean.TRUE.equals(attack.targeted())) {
                continue;
            }
            int k = widestGapBelow(curves.get(fgsm), curves.get(a));
            if (k >= 0) {
                warnings.add(new EvaluationWarning(EvaluationWarning.ITERATIVE_WEAKER_THAN_FGSM, String.format(
                        Locale.ROOT, "%s leaves %.1f%% robust at epsilon %s where single-step %s leaves %.1f%%: "
                                + "its step size is too small for its step count (steps × step size should "
                                + "exceed epsilon)", curves.get(a).label(), 100 * curves.get(a).robustAccuracy()[k],
                        epsilons[k], curves.get(fgsm).label(), 100 * curves.get(fgsm).robustAccuracy()[k])));
            }
        }
        return warnings;
    }

    /** The epsilon index where {@code lower} is below {@code other} by the most (more than the margin), or −1. */
    private static int widestGapBelow(RobustnessCurve lower, RobustnessCurve other) {
        int worst = -1;
        double largest = CURVE_MARGIN;
        for (int k = 0; k < lower.robustAccuracy().length; k++) {
            double gap = other.robustAccuracy()[k] - lower.robustAccuracy()[k];
            if (gap > largest) {
                largest = gap;
                worst = k;
            }
        }
        return worst;
    }
}
