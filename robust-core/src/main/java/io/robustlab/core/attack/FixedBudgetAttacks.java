package io.robustlab.core.attack;

import io.robustlab.contracts.spec.AttackSpec;

/** The fixed-budget attacks of an Evaluate spec, built for one epsilon. */
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
     * The attack {@code spec} describes (defaults filled in), with budget {@code epsilon}.
     *
     * @throws IllegalArgumentException when {@code spec} is not a fixed-budget attack
     */
    public static Attack of(AttackSpec spec, double epsilon) {
        return switch (spec.name()) {
            case "fgsm" -> new FgsmAttack(epsilon);
            case "linf-pgd" -> new PgdAttack(epsilon, spec.steps(),
                    spec.stepSize() != null ? spec.stepSize() : spec.relativeStepSize() * epsilon, spec.randomStart());
            case "linf-bim", "l2-pgd", "linf-uniform-noise", "l2-gaussian-noise" ->
                    throw new UnsupportedOperationException(spec.name() + " is not implemented yet");
            default -> throw new IllegalArgumentException(spec.name() + " is not a fixed-budget attack");
        };
    }
}
