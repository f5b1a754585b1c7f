package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The fast gradient sign method (Goodfellow, Shlens and Szegedy 2015, "Explaining and Harnessing Adversarial
 * Examples"): one step of size ε along the sign of the loss gradient, clipped to [0,1]; foolbox 3's
 * {@code LinfFastGradientAttack} (attacks/fast_gradient_method.py), which is one L∞ gradient step of
 * {@code rel_stepsize} 1 without random start, and which rejects a targeted goal as this does. With
 * {@link StopRule#AT_GOAL} (the default) a sample whose clean prediction is already wrong is returned unchanged.
 * With {@code randomStart} the step starts from a uniform point of the ε-cube, as foolbox's {@code random_start}.
 */
public record FgsmAttack(double epsilon, boolean randomStart, StopRule stopRule) implements Attack {

    public FgsmAttack {
        Objects.requireNonNull(stopRule, "stopRule");
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
        }
    }

    /** FGSM for evaluation, from the clean input: samples already misclassified are left alone. */
    public FgsmAttack(double epsilon) {
        this(epsilon, false, StopRule.AT_GOAL);
    }

    @Override
    public Norm norm() {
        return Norm.LINF;
    }

    @Override
    public NDArray perturb(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        if (goal.isTargeted()) {
            throw new IllegalArgumentException("FGSM is untargeted only (as foolbox's LinfFastGradientAttack): use "
                    + "targeted linf-bim or linf-pgd instead");
        }
        return new PgdAttack(Norm.LINF, epsilon, 1, epsilon, randomStart, 1, stopRule).perturb(network, inputs, goal, random);
    }
}
