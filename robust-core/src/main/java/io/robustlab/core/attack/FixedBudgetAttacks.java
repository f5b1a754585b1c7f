package io.robustlab.core.attack;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.Norm;

/**
 * The fixed-budget attacks of an Evaluate spec, built for one epsilon. Every one stops working on a sample once it
 * reaches the goal ({@link StopRule#AT_GOAL}). Whether the goal is targeted is the caller's: it passes
 * {@code AttackGoal.targeted(labels, targets)} when {@code spec.targeted()}, with the targets of
 * {@code spec.targetClass()} or drawn from its seed; FGSM rejects a targeted goal.
 */
public final class FixedBudgetAttacks {

    private FixedBudgetAttacks() {
    }

    /** Whether {@code spec} names an attack that runs once per epsilon (as opposed to a minimum-norm one). */
    public static boolean isFixedBudget(AttackSpec spec) {
        return switch (spec.name()) {
            case "fgsm", "linf-bim", "linf-pgd", "l2-pgd", "linf-uniform-noise", "l2-gaussian-noise" -> true;
            default -> false;
        };
    }

    /**
     * The attack {@code spec} describes (missing defaults are filled in, foolbox 3.3.4's), with budget
     * {@code epsilon}: the step is {@code stepSize} if given, else {@code relativeStepSize}·ε.
     *
     * @throws IllegalArgumentException when {@code spec} is not a fixed-budget attack
     */
    public static Attack of(AttackSpec spec, double epsilon) {
        AttackSpec filled = spec.withDefaults();
        return switch (filled.name()) {
            case "fgsm" -> new FgsmAttack(epsilon, filled.randomStart(), StopRule.AT_GOAL);
            case "linf-bim", "linf-pgd" -> gradientAttack(filled, Norm.LINF, epsilon);
            case "l2-pgd" -> gradientAttack(filled, Norm.L2, epsilon);
            case "linf-uniform-noise" -> new AdditiveNoiseAttack(Norm.LINF, epsilon, filled.repeats());
            case "l2-gaussian-noise" -> new AdditiveNoiseAttack(Norm.L2, epsilon, filled.repeats());
            default -> throw new IllegalArgumentException(filled.name() + " is not a fixed-budget attack");
        };
    }

    private static PgdAttack gradientAttack(AttackSpec spec, Norm norm, double epsilon) {
        double stepSize = spec.stepSize() != null ? spec.stepSize() : spec.relativeStepSize() * epsilon;
        int restarts = spec.restarts() != null ? spec.restarts() : 1;
        return new PgdAttack(norm, epsilon, spec.steps(), stepSize, spec.randomStart(), restarts, StopRule.AT_GOAL);
    }
}
