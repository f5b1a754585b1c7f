package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.SplittableRandom;

/**
 * Projected gradient descent under an L∞ budget (Madry, Makelov, Schmidt, Tsipras and Vladu 2018, "Towards Deep
 * Learning Models Resistant to Adversarial Attacks"): optionally start at a uniform point of the ε-ball, then
 * {@code steps} times move {@code stepSize} along the sign of the loss gradient and project back onto the ε-ball
 * and [0,1].
 */
public record PgdAttack(double epsilon, int steps, double stepSize, boolean randomStart) implements Attack {

    public PgdAttack {
        if (!(epsilon >= 0) || steps < 1 || !(stepSize > 0)) {
            throw new IllegalArgumentException("need epsilon >= 0, steps >= 1, stepSize > 0; got " + epsilon + ", "
                    + steps + ", " + stepSize);
        }
    }

    /** Madry et al.'s step size, 2.5·ε/steps, so that the iterates can cross the ball. */
    public static PgdAttack withDefaultStepSize(double epsilon, int steps, boolean randomStart) {
        return new PgdAttack(epsilon, steps, 2.5 * epsilon / steps, randomStart);
    }

    @Override
    public Norm norm() {
        return Norm.LINF;
    }

    @Override
    public NDArray perturb(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        NDManager caller = inputs.getManager();
        float eps = (float) epsilon;
        try (NDManager work = caller.newSubManager(); Network.Frozen frozen = network.freeze()) {
            NDArray x = inputs.duplicate();
            x.attach(work);
            LinfBall ball = LinfBall.around(x, eps);
            NDArray adversarial = randomStart ? ball.project(x.add(uniformNoise(work, x, random))) : x.duplicate();
            adversarial.attach(work);
            for (int step = 0; step < steps; step++) {
                try (NDManager iteration = work.newSubManager()) {
                    NDArray current = adversarial;
                    current.attach(iteration);
                    NDArray gradient = InputGradient.of(network, current, goal);
                    adversarial = ball.project(current.add(gradient.sign().mul(stepSize)));
                    adversarial.attach(work);
                }
            }
            adversarial.attach(caller);
            return adversarial;
        }
    }

    private NDArray uniformNoise(NDManager manager, NDArray like, SplittableRandom random) {
        float[] noise = new float[Math.toIntExact(like.size())];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) ((2 * random.nextDouble() - 1) * epsilon);
        }
        return manager.create(noise, like.getShape());
    }
}
