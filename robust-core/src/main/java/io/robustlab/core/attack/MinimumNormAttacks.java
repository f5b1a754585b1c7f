package io.robustlab.core.attack;

import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.contracts.spec.Norm;

/** The minimum-norm attacks of an Evaluate spec: run once, they give a whole robustness curve. */
public final class MinimumNormAttacks {

    private MinimumNormAttacks() {
    }

    /**
     * The attack {@code spec} describes; parameters left out take foolbox 3.3.4's defaults
     * ({@link AttackSpec#withDefaults()}).
     *
     * @throws IllegalArgumentException when {@code spec} is not a minimum-norm attack
     */
    public static MinimumNormAttack of(AttackSpec spec) {
        AttackSpec filled = spec.withDefaults();
        return switch (filled.name()) {
            case "linf-deepfool", "l2-deepfool" -> new DeepFoolAttack(
                    filled.name().startsWith("l2") ? Norm.L2 : Norm.LINF, filled.steps(), filled.candidates(),
                    filled.overshoot(), DeepFoolAttack.Loss.named(filled.loss()));
            case "l2-ddn" -> new DdnAttack(filled.steps(), filled.initialEpsilon(), filled.gamma());
            case "l2-carlini-wagner" -> new CarliniWagnerL2Attack(filled.binarySearchSteps(), filled.steps(),
                    filled.learningRate(), filled.confidence(), filled.initialConst(), filled.abortEarly());
            default -> throw new IllegalArgumentException(spec.name() + " is not a minimum-norm attack");
        };
    }
}
