package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Iterative gradient attacks under an L∞ or an L2 budget, as foolbox 3.3.4's {@code BaseGradientDescent.run}
 * (attacks/gradient_descent_base.py): optionally start at a uniform point of the ε-ball, then {@code steps} times
 * move {@code stepSize} along the steepest ascent direction of the norm (L∞: sign of the gradient; L2: the
 * gradient over its Euclidean norm, per sample) and project back onto the ε-ball ∩ [0,1] (see {@link LinfBall},
 * {@link L2Ball}). Untargeted, it ascends the loss on the true labels; targeted, it descends the loss on the targets.
 * <ul>
 * <li>PGD: projected gradient descent with a random start (Madry, Makelov, Schmidt, Tsipras and Vladu 2018,
 *     "Towards Deep Learning Models Resistant to Adversarial Attacks"), foolbox's
 *     {@code LinfProjectedGradientDescentAttack} and {@code L2ProjectedGradientDescentAttack}
 *     (projected_gradient_descent.py), plus restarts from new random starts;
 * <li>BIM: the same without random start (Kurakin, Goodfellow and Bengio 2017, "Adversarial Examples in the
 *     Physical World"), foolbox's {@code LinfBasicIterativeAttack} (basic_iterative_method.py).
 * </ul>
 *
 * <p>With {@link StopRule#AT_GOAL} (the default), a sample leaves the batch at the first iterate whose prediction
 * reaches the goal, judged on the logits of the forward pass that the gradient needs anyway; that iterate is what
 * is returned for it (see {@link ActiveSamples}). A sample that reaches the goal clean is returned unchanged
 * (foolbox would still perturb it; it is broken either way, and the clean input is the smallest proof). Restarts
 * run again, each from a new random start drawn from the same generator, on the samples no earlier run broke; the
 * first run draws exactly what a single run draws, so more restarts break a superset. A sample no run breaks gets
 * the last iterate of the last run. Random starts are drawn for the active samples only, in row order.
 *
 * @param stepSize  the step in input units (foolbox: {@code rel_stepsize}·ε unless {@code abs_stepsize} is given)
 * @param restarts  runs from new random starts; more than 1 needs a random start and {@link StopRule#AT_GOAL}
 */
public record PgdAttack(Norm norm, double epsilon, int steps, double stepSize, boolean randomStart, int restarts,
        StopRule stopRule) implements Attack {

    public PgdAttack {
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(stopRule, "stopRule");
        if (!(epsilon >= 0) || steps < 1 || !(stepSize >= 0) || restarts < 1) {
            throw new IllegalArgumentException("need epsilon >= 0, steps >= 1, stepSize >= 0, restarts >= 1; got "
                    + epsilon + ", " + steps + ", " + stepSize + ", " + restarts);
        }
        if (restarts > 1 && (!randomStart || stopRule != StopRule.AT_GOAL)) {
            throw new IllegalArgumentException("restarts > 1 need a random start and StopRule.AT_GOAL: without them"
                    + " every restart would repeat the first");
        }
    }

    /** L∞ PGD, one run, stopping each sample at its goal. */
    public static PgdAttack linf(double epsilon, int steps, double stepSize, boolean randomStart) {
        return new PgdAttack(Norm.LINF, epsilon, steps, stepSize, randomStart, 1, StopRule.AT_GOAL);
    }

    /** L2 PGD, one run, stopping each sample at its goal. */
    public static PgdAttack l2(double epsilon, int steps, double stepSize, boolean randomStart) {
        return new PgdAttack(Norm.L2, epsilon, steps, stepSize, randomStart, 1, StopRule.AT_GOAL);
    }

    /** The basic iterative method: L∞, no random start. */
    public static PgdAttack basicIterative(double epsilon, int steps, double stepSize) {
        return linf(epsilon, steps, stepSize, false);
    }

    /** L∞ PGD with Madry et al.'s step size, 2.5·ε/steps, so that the iterates can cross the ball. */
    public static PgdAttack withDefaultStepSize(double epsilon, int steps, boolean randomStart) {
        return linf(epsilon, steps, 2.5 * epsilon / steps, randomStart);
    }

    public PgdAttack withRestarts(int runs) {
        return new PgdAttack(norm, epsilon, steps, stepSize, randomStart, runs, stopRule);
    }

    public PgdAttack withStopRule(StopRule rule) {
        return new PgdAttack(norm, epsilon, steps, stepSize, randomStart, restarts, rule);
    }

    @Override
    public NDArray perturb(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        NDManager caller = inputs.getManager();
        float eps = (float) epsilon;
        boolean early = stopRule == StopRule.AT_GOAL;
        try (NDManager work = caller.newSubManager(); Network.Frozen frozen = network.freeze()) {
            NDArray clean = inputs.duplicate();
            clean.attach(work);
            NDArray output = clean.duplicate();
            boolean[] retired = new boolean[Math.toIntExact(clean.getShape().get(0))];
            if (early && randomStart) {
                // the first gradient step sees the random start, not the clean input: check the clean input first
                retireReachedClean(network, clean, goal, retired);
            }
            for (int run = 0; run < restarts; run++) {
                try (ActiveSamples active = ActiveSamples.of(work, retired)) {
                    if (active.isEmpty()) {
                        break;
                    }
                    runOnce(network, clean, goal, random, work, active, output, early, run == restarts - 1);
                }
            }
            EpsilonBall.around(clean, norm, eps).verify(output);
            output.attach(caller);
            return output;
        }
    }

    /** One run from one start over the active samples; writes each sample's kept point into {@code output}. */
    private void runOnce(Network network, NDArray clean, AttackGoal goal, SplittableRandom random, NDManager work,
            ActiveSamples active, NDArray output, boolean early, boolean lastRun) {
        float eps = (float) epsilon;
        ActiveSamples.Column center = active.track(clean);
        ActiveSamples.Column labels = active.track(goal.labels());
        ActiveSamples.Column targets = goal.isTargeted() ? active.track(goal.targets()) : null;
        EpsilonBall ball = EpsilonBall.around(center.get(), norm, eps);
        ActiveSamples.Column iterate = active.trackAligned(randomStart ? ball.randomStart(random)
                : center.get().duplicate());
        for (int step = 0; step < steps; step++) {
            // one manager per step: the gradient, the logits and every intermediate are freed with it
            try (NDManager scratch = work.newSubManager()) {
                AttackGoal activeGoal = new AttackGoal(labels.get(), targets == null ? null : targets.get());
                InputGradient.Step gradient = InputGradient.at(network, iterate.get(), activeGoal, scratch);
                NDArray direction = gradient.gradient();
                if (early) {
                    long checkStarted = System.nanoTime();
                    NDArray keep = active.retire(activeGoal.reachedBy(gradient.logits()), iterate.get(), output);
                    if (active.isEmpty()) {
                        AttackWork.exitChecked(System.nanoTime() - checkStarted, true);
                        return;
                    }
                    if (keep != null) {
                        direction = direction.get(new NDIndex("{}", keep));
                        ball = EpsilonBall.around(center.get(), norm, eps);
                    }
                    AttackWork.exitChecked(System.nanoTime() - checkStarted, keep != null);
                }
                iterate.set(ball.project(ball.ascend(iterate.get(), direction, (float) stepSize)));
            }
        }
        if (early && !lastRun) {
            // a later run must not redo a sample the last iterate already breaks
            try (NDManager scratch = work.newSubManager()) {
                NDArray last = iterate.get().duplicate();
                last.attach(scratch);
                AttackGoal activeGoal = new AttackGoal(labels.get(), targets == null ? null : targets.get());
                active.retire(activeGoal.reachedBy(network.logits(last, false)), iterate.get(), output);
            }
        }
        active.writeRemaining(iterate.get(), output);
    }

    /** Marks the samples whose clean prediction already reaches the goal; their output row stays the clean input. */
    static void retireReachedClean(Network network, NDArray clean, AttackGoal goal, boolean[] retired) {
        try (NDManager scratch = clean.getManager().newSubManager()) {
            NDArray view = clean.duplicate();
            view.attach(scratch);
            boolean[] reached = goal.reachedBy(network.logits(view, false)).toBooleanArray();
            for (int row = 0; row < retired.length; row++) {
                retired[row] |= reached[row];
            }
        }
    }
}
