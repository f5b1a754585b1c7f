package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;
import java.util.SplittableRandom;

/**
 * An attack that looks, per sample, for the smallest perturbation (in its norm) that reaches the goal: DeepFool,
 * DDN, Carlini-Wagner. One run gives the whole accuracy-vs-epsilon curve: a sample is broken at epsilon when its
 * perturbation, scaled down to norm epsilon if larger, still reaches the goal (foolbox 3's
 * {@code MinimizationAttack} semantics).
 */
public interface MinimumNormAttack {

    Norm norm();

    /**
     * Finds the perturbations for a batch of {@code inputs} (values in [0,1]). Parameters are frozen meanwhile; the
     * network runs in inference mode. Results are in the manager of {@code inputs}.
     */
    MinimumNormResult attack(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random);
}
