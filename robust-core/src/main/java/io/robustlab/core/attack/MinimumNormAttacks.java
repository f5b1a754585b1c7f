package io.robustlab.core.attack;

import io.robustlab.contracts.spec.AttackSpec;

/** The minimum-norm attacks of an Evaluate spec: run once, they give a whole robustness curve. */
public final class MinimumNormAttacks {

    private MinimumNormAttacks() {
    }

    /**
     * The attack {@code spec} describes (defaults filled in).
     *
     * @throws IllegalArgumentException when {@code spec} is not a minimum-norm attack
     */
    public static MinimumNormAttack of(AttackSpec spec) {
        switch (spec.name()) {
            case "linf-deepfool", "l2-deepfool", "l2-ddn", "l2-carlini-wagner" ->
                    throw new UnsupportedOperationException(spec.name() + " is not implemented yet");
            default -> throw new IllegalArgumentException(spec.name() + " is not a minimum-norm attack");
        }
    }
}
