package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;
import io.robustlab.core.model.NoGradScope;

/**
 * One minimum-norm attack on one batch, from the clean prediction to the result: what DeepFool, DDN and
 * Carlini-Wagner share. Starting it turns autograd off in the thread, freezes the network and predicts the clean
 * batch once; samples that reach the goal when clean are done at norm 0 ({@link BestAdversarials}), and the attack
 * works on the rows of the others ({@link #select}), offering what it finds to {@link #best()}. Closing it frees
 * every array of {@link #work()} and restores the network and the thread; the result of {@link #finish} lives in
 * the manager of the inputs and outlives it.
 * <pre>{@code
 * try (MinimumNormRun run = MinimumNormRun.start(network, inputs, goal)) {
 *     if (run.hasSamplesToAttack()) {
 *         search(run.origins(), run.attackedGoal(), ...);   // offers candidates to run.best()
 *     }
 *     return run.finish(norm);
 * }
 * }</pre>
 */
final class MinimumNormRun implements AutoCloseable {

    private final Network network;
    private final NDArray inputs;
    private final AttackGoal goal;
    private final NoGradScope noGrad;
    private final NDManager work;
    private final Network.Frozen frozen;
    private final NDArray clean;
    private final NDArray cleanLogits;
    private final BestAdversarials best;
    private final long[] ids;
    private final NDArray attacked;

    private MinimumNormRun(Network network, NDArray inputs, AttackGoal goal) {
        this.network = network;
        this.inputs = inputs;
        this.goal = goal;
        this.noGrad = new NoGradScope();
        try {
            this.work = inputs.getManager().newSubManager();
            this.frozen = network.freeze();
            this.clean = inputs.duplicate();
            clean.attach(work);
            this.cleanLogits = network.logits(clean, false);
            this.best = BestAdversarials.forBatch(inputs, goal.reachedBy(cleanLogits).toBooleanArray());
            this.ids = best.toAttack();
            this.attacked = work.create(best.maskOf(ids));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Predicts {@code inputs} (values in [0,1]) once and sets aside the samples that reach {@code goal} clean. */
    static MinimumNormRun start(Network network, NDArray inputs, AttackGoal goal) {
        return new MinimumNormRun(network, inputs, goal);
    }

    /** Where the attack's arrays go: freed when the run closes. */
    NDManager work() {
        return work;
    }

    /** The logits of the clean batch, one row per sample of the batch, in {@link #work()}. */
    NDArray cleanLogits() {
        return cleanLogits;
    }

    /** The best adversarial of every sample so far. */
    BestAdversarials best() {
        return best;
    }

    /** The batch index of each sample to attack (those that do not reach the goal when clean), ascending. */
    long[] ids() {
        return ids;
    }

    boolean hasSamplesToAttack() {
        return ids.length > 0;
    }

    /** The rows of the samples to attack, from an array with one row per sample of the batch, in {@link #work()}. */
    NDArray select(NDArray fullBatch) {
        return Rows.select(fullBatch, attacked, work);
    }

    /** The clean inputs of the samples to attack, row for row with {@link #ids()}. */
    NDArray origins() {
        return select(clean);
    }

    /** The goal of the samples to attack, row for row with {@link #ids()}. */
    AttackGoal attackedGoal() {
        NDArray labels = select(goal.labels());
        return goal.isTargeted() ? AttackGoal.targeted(labels, select(goal.targets())) : AttackGoal.untargeted(labels);
    }

    /** The result, re-checked and measured in {@code norm} as {@link BestAdversarials#finish} does. */
    MinimumNormResult finish(Norm norm) {
        return best.finish(network, inputs, goal, norm);
    }

    /** Unfreezes the network, frees the work manager and restores autograd, in that order. */
    @Override
    public void close() {
        try (noGrad; work; frozen) {
            // the resources above close in reverse order; those a failed start never opened are null and skipped
        }
    }
}
