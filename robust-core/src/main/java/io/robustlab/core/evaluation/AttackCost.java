package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.AttackSpec;
import java.util.Objects;

/**
 * What one attack's curve cost.
 *
 * @param curve                the curve's label
 * @param seconds              wall time of its attack runs and re-predictions
 * @param samplesAttacked      samples sent to the attack, summed over epsilons (a sample attacked at 3 epsilons
 *                             counts 3 times)
 * @param attackPasses         forward+backward passes by the spec: samplesAttacked × the attack's passes per run
 *                             (steps × restarts for PGD, steps for BIM and DDN, 1 for FGSM, repeats for noise,
 *                             binarySearchSteps × steps for C&amp;W): an upper bound where an attack stops early
 * @param measuredPasses       forward+backward sample passes the attack really ran ({@code AttackWork}): early exit
 *                             included, forward-only noise draws not counted
 * @param verificationForwards samples this engine re-predicted (one forward each) to count successes
 */
public record AttackCost(String curve, double seconds, long samplesAttacked, long attackPasses,
        long measuredPasses, long verificationForwards) {

    /**
     * Forward+backward passes one run of the attack spends on one sample, by its spec (an upper bound where the
     * attack stops early): steps × restarts for PGD, steps for BIM, DeepFool and DDN, 1 for FGSM, repeats (forward
     * only) for the noise attacks, binarySearchSteps × steps for Carlini-Wagner.
     */
    public static long passesPerRun(AttackSpec spec) {
        return switch (spec.name()) {
            case "fgsm" -> 1;
            case "linf-pgd", "l2-pgd" -> (long) value(spec.steps()) * value(spec.restarts());
            case "linf-uniform-noise", "l2-gaussian-noise" -> value(spec.repeats());
            case "l2-carlini-wagner" -> (long) value(spec.binarySearchSteps()) * value(spec.steps());
            default -> value(spec.steps());
        };
    }

    private static int value(Integer parameter) {
        return Objects.requireNonNullElse(parameter, 1);
    }
}
