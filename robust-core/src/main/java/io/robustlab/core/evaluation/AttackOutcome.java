package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.AttackSpec;
import java.util.Objects;

/** One attack's curve and what it cost. */
record AttackOutcome(RobustnessCurve curve, AttackCost cost) {

    /**
     * Forward+backward passes one run of the attack spends on one sample, by its spec (an upper bound where the
     * attack stops early): steps × restarts for PGD, steps for BIM, DeepFool and DDN, 1 for FGSM, repeats (forward
     * only) for the noise attacks, binarySearchSteps × steps for Carlini-Wagner.
     */
    static long passesPerRun(AttackSpec spec) {
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
