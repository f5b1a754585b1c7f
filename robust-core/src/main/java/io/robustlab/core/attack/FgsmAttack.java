package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.SplittableRandom;

/**
 * The fast gradient sign method (Goodfellow, Shlens and Szegedy 2015, "Explaining and Harnessing Adversarial
 * Examples"): one step of size ε along the sign of the loss gradient, clipped to [0,1].
 */
public record FgsmAttack(double epsilon) implements Attack {

    public FgsmAttack {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
        }
    }

    @Override
    public Norm norm() {
        return Norm.LINF;
    }

    @Override
    public NDArray perturb(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        NDManager caller = inputs.getManager();
        try (NDManager work = caller.newSubManager(); Network.Frozen frozen = network.freeze()) {
            NDArray x = inputs.duplicate();
            x.attach(work);
            NDArray gradient = InputGradient.of(network, x, goal);
            NDArray adversarial = LinfBall.around(x, (float) epsilon).project(x.add(gradient.sign().mul(epsilon)));
            adversarial.attach(caller);
            return adversarial;
        }
    }
}
