package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoupled Direction and Norm, an L2 attack (Rony, Hafemann, Oliveira, Ben Ayed, Sabourin and Granger 2019,
 * "Decoupling Direction and Norm for Efficient Gradient-Based L2 Adversarial Attacks and Defenses"), with
 * foolbox 3.3.4's semantics ({@code foolbox/attacks/ddn.py}, {@code DDNAttack}).
 *
 * <p>Each of {@code steps} steps i: the step size α = 0.01 + (1 − 0.01)·(1 + cos(π·i/steps))/2 (cosine-annealed
 * from 1, foolbox's {@code max_stepsize}); at x + δ the gradient of the cross-entropy of the logits (of the true
 * class, ascended; of the target, descended) is normalised to L2 norm 1 (a zero gradient is replaced by Gaussian
 * noise from the given generator); x + δ is kept if it reaches the goal with a smaller ‖δ‖₂ than the best so far;
 * δ moves α along the normalised gradient; the norm ε shrinks by (1 − γ) where x + δ reached the goal and grows
 * by (1 + γ) elsewhere, capped at the largest norm the [0,1] box allows; δ is rescaled to norm ε and x + δ
 * clipped to [0,1].
 *
 * <p>DDN refines the norm at every step, so a sample is never done before the last step: only samples that reach
 * the goal when clean (norm 0) skip the attack. Untargeted or targeted.
 */
public final class DdnAttack implements MinimumNormAttack {

    private static final double MAX_STEP_SIZE = 1.0;
    private static final double MIN_STEP_SIZE = 0.01;

    private final int steps;
    private final double initialEpsilon;
    private final double gamma;
    private final AtomicLong gradientSamples = new AtomicLong();

    public DdnAttack(int steps, double initialEpsilon, double gamma) {
        if (steps < 1 || !(initialEpsilon > 0) || !(gamma > 0 && gamma < 1)) {
            throw new IllegalArgumentException("need steps >= 1, initialEpsilon > 0, gamma in (0, 1); got " + steps
                    + ", " + initialEpsilon + ", " + gamma);
        }
        this.steps = steps;
        this.initialEpsilon = initialEpsilon;
        this.gamma = gamma;
    }

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    @Override
    public MinimumNormResult attack(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        try (MinimumNormRun run = MinimumNormRun.start(network, inputs, goal)) {
            if (run.hasSamplesToAttack()) {
                search(network, run.best(), run.ids(), run.origins(), run.attackedGoal(), random, run.work());
            }
            return run.finish(Norm.L2);
        }
    }

    private void search(Network network, BestAdversarials best, long[] ids, NDArray origin, AttackGoal goal,
            SplittableRandom random, NDManager work) {
        NDArray classes = (goal.isTargeted() ? goal.targets() : goal.labels()).reshape(-1, 1);
        NDArray delta = origin.zerosLike();
        NDArray epsilon = work.full(new ai.djl.ndarray.types.Shape(ids.length), (float) initialEpsilon);
        NDArray worstNorm = Rows.l2(NDArrays.maximum(origin, origin.neg().add(1f)));
        for (int i = 0; i < steps; i++) {
            double stepSize = MIN_STEP_SIZE
                    + (MAX_STEP_SIZE - MIN_STEP_SIZE) * (1 + StrictMath.cos(Math.PI * i / steps)) / 2;
            try (NDManager iteration = work.newSubManager()) {
                delta.attach(iteration);
                epsilon.attach(iteration);
                NDArray candidate = origin.add(delta);
                candidate.attach(iteration);
                NDList evaluated = SampleGradients.of(candidate, x -> {
                    NDArray logits = network.logits(x, false);
                    NDArray crossEntropy = logits.logSoftmax(1).gather(classes, 1).reshape(-1).neg();
                    // neg() rather than mul(-1): a number operand would leave backward a buffer the GC may free
                    return new NDList(goal.isTargeted() ? crossEntropy.neg() : crossEntropy, logits);
                });
                gradientSamples.addAndGet(ids.length);
                AttackWork.add(ids.length);
                NDArray direction = unitRows(evaluated.get(2), random);
                NDArray reached = goal.reachedBy(evaluated.get(1));
                best.offer(ids, candidate, Rows.l2(delta).toFloatArray(), reached.toBooleanArray());

                NDArray moved = delta.add(direction.mul((float) stepSize));
                NDArray factor = NDArrays.where(reached, iteration.full(reached.getShape(), (float) (1 - gamma)),
                        iteration.full(reached.getShape(), (float) (1 + gamma)));
                epsilon = epsilon.mul(factor).minimum(worstNorm);
                NDArray scale = epsilon.div(Rows.l2(moved).maximum(1e-12f));
                NDArray projected = moved.mul(Rows.alongRows(scale, moved));
                delta = projected.add(origin).clip(0f, 1f).sub(origin);
                delta.attach(work);
                epsilon.attach(work);
            }
        }
    }

    /** Each row scaled to L2 norm 1; an all-zero row becomes a Gaussian direction first (as foolbox does). */
    private static NDArray unitRows(NDArray gradient, SplittableRandom random) {
        float[] norms = Rows.l2(gradient).toFloatArray();
        long features = gradient.size() / Math.max(norms.length, 1);
        boolean anyZero = false;
        for (float n : norms) {
            anyZero |= n == 0f;
        }
        if (anyZero) {
            float[] values = gradient.toFloatArray();
            for (int r = 0; r < norms.length; r++) {
                if (norms[r] == 0f) {
                    for (long j = r * features; j < (r + 1) * features; j++) {
                        values[(int) j] = (float) random.nextGaussian();
                    }
                }
            }
            gradient = gradient.getManager().create(values, gradient.getShape());
        }
        return gradient.mul(Rows.alongRows(Rows.l2(gradient).maximum(1e-12f).pow(-1f), gradient));
    }

    /** Per-sample gradient evaluations so far. */
    long gradientSamples() {
        return gradientSamples.get();
    }

    @Override
    public String toString() {
        return "l2-ddn(steps=" + steps + ", initialEpsilon=" + initialEpsilon + ", gamma=" + gamma + ")";
    }
}
