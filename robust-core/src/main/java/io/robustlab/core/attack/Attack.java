package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.SplittableRandom;

/** Turns clean inputs into adversarial ones against a network, within a fixed budget epsilon in its norm. */
public interface Attack {

    /**
     * Returns adversarial versions of {@code inputs} (values in [0,1]) that try to reach {@code goal}, in the manager
     * of {@code inputs}; every output lies within epsilon of its input in the attack's norm and inside [0,1]. The network's parameters are frozen meanwhile, so no parameter gradient accumulates, and the
     * network runs in inference mode. A thread may hold one gradient collector at a time: call this between
     * training steps, not inside one (other threads wait their turn, see {@code GradientRecorder}).
     *
     * @param random the source of any randomness (random starts); the caller derives it from its seed
     */
    NDArray perturb(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random);

    /** The budget: every output is within epsilon of its input in {@link #norm()}, and inside [0,1]. */
    double epsilon();

    Norm norm();
}
