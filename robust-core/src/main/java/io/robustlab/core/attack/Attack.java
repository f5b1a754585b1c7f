package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.SplittableRandom;

/** Turns clean inputs into adversarial ones against a network, within a fixed budget epsilon in its norm. */
public interface Attack {

    /**
     * Returns adversarial versions of {@code inputs} (values in [0,1]) that try to reach {@code goal}, in the manager
     * of {@code inputs}; every output lies within epsilon of its input in the attack's norm and inside [0,1], which
     * the attack verifies before returning (an {@link IllegalStateException} otherwise). The network's parameters
     * are frozen meanwhile, so no parameter gradient accumulates, and the network runs in inference mode. A thread
     * may hold one gradient collector at a time: call this between training steps, not inside one (other threads
     * wait their turn, see {@code GradientRecorder}).
     *
     * @param random the source of any randomness (random starts, noise); the caller derives it from its seed
     * @throws IllegalArgumentException when the attack cannot pursue {@code goal} (FGSM and a targeted goal)
     */
    NDArray perturb(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random);

    /**
     * {@link #perturb} and, per sample, whether the returned array reaches the goal: one forward pass over the
     * returned array, so the success signal is about exactly what the caller gets.
     */
    default AttackResult attack(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        NDArray adversarials = perturb(network, inputs, goal, random);
        try (NDManager check = adversarials.getManager().newSubManager(); Network.Frozen frozen = network.freeze()) {
            NDArray view = adversarials.duplicate();
            view.attach(check);
            NDArray reached = goal.reachedBy(network.logits(view, false));
            return new AttackResult(adversarials, reached.toBooleanArray());
        }
    }

    /** The budget: every output is within epsilon of its input in {@link #norm()}, and inside [0,1]. */
    double epsilon();

    Norm norm();
}
