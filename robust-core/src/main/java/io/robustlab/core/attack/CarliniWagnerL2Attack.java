package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Carlini-Wagner L2 attack (Carlini and Wagner 2017, "Towards Evaluating the Robustness of Neural Networks"),
 * with foolbox 3.3.4's semantics ({@code foolbox/attacks/carlini_wagner.py}, {@code L2CarliniWagnerAttack}).
 *
 * <p>The input is searched as x' = (tanh(w + δ) + 1)/2 with w = atanh(0.999999·(2x − 1)), so x' stays in [0,1].
 * Adam (learning rate {@code learningRate}, β = 0.9, 0.999, ε = 1e-8, restarted with δ = 0 at each binary search
 * step) minimises, per sample, ‖x' − x̂‖² + c·max(Z_y − max_{j≠y} Z_j + κ, 0) on the logits Z, with x̂ the clean
 * input through the change of variables, y the label and κ the confidence; targeted at t: c·max(max_{j≠t} Z_j −
 * Z_t + κ, 0). After each Adam step's evaluation, x' is kept when it reaches the goal with margin κ and is closer
 * to x (in L2) than the best so far. Over {@code binarySearchSteps} steps the constant c of each sample starts at
 * {@code initialConst}, is multiplied by 10 until a step finds an adversarial, then bisected between the largest
 * failing and the smallest succeeding c (with 10 or more binary search steps the last one uses that smallest
 * succeeding c, as foolbox does).
 *
 * <p>Abort early, per sample: every ceil(steps/10) Adam steps a sample's loss is compared with its loss at the
 * previous check; if it did not fall below 0.9999 times that, the sample leaves the working batch for the rest of
 * this binary search step and costs nothing more in it. Foolbox makes this check on the loss summed over the
 * batch and stops the whole batch; per sample is what early exit asks, and since the samples' losses are
 * independent it leaves every other sample's trajectory unchanged. Samples that reach the goal when clean are not
 * attacked (norm 0).
 */
public final class CarliniWagnerL2Attack implements MinimumNormAttack {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final float ADAM_EPSILON = 1e-8f;

    private final int binarySearchSteps;
    private final int steps;
    private final double learningRate;
    private final double confidence;
    private final double initialConst;
    private final boolean abortEarly;
    private final AtomicLong gradientSamples = new AtomicLong();

    public CarliniWagnerL2Attack(int binarySearchSteps, int steps, double learningRate, double confidence,
            double initialConst, boolean abortEarly) {
        if (binarySearchSteps < 1 || steps < 1 || !(learningRate > 0) || !(confidence >= 0)
                || !(initialConst > 0)) {
            throw new IllegalArgumentException("need binarySearchSteps >= 1, steps >= 1, learningRate > 0, "
                    + "confidence >= 0, initialConst > 0; got " + binarySearchSteps + ", " + steps + ", "
                    + learningRate + ", " + confidence + ", " + initialConst);
        }
        this.binarySearchSteps = binarySearchSteps;
        this.steps = steps;
        this.learningRate = learningRate;
        this.confidence = confidence;
        this.initialConst = initialConst;
        this.abortEarly = abortEarly;
    }

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    @Override
    public MinimumNormResult attack(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        try (MinimumNormRun run = MinimumNormRun.start(network, inputs, goal)) {
            if (run.hasSamplesToAttack()) {
                binarySearch(network, run);
            }
            return run.finish(Norm.L2);
        }
    }

    /** The binary search over c, each of its steps one Adam run on the samples to attack. */
    private void binarySearch(Network network, MinimumNormRun run) {
        long[] ids = run.ids();
        NDArray origins = run.origins();
        NDArray u = origins.mul(2f).sub(1f).mul(0.999999f);
        NDArray w = u.add(1f).div(u.neg().add(1f)).log().mul(0.5f); // atanh, which DJL's PyTorch engine lacks
        AttackGoal goal = run.attackedGoal();
        Working all = new Working(ids, origins, w, w.tanh().add(1f).mul(0.5f), goal.labels(), goal.targets());
        double[] consts = new double[ids.length];
        double[] lower = new double[ids.length];
        double[] upper = new double[ids.length];
        Arrays.fill(consts, initialConst);
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        for (int search = 0; search < binarySearchSteps; search++) {
            if (search == binarySearchSteps - 1 && binarySearchSteps >= 10) {
                for (int r = 0; r < ids.length; r++) {
                    consts[r] = Math.min(upper[r], 1e10);
                }
            }
            boolean[] found = minimise(network, run.best(), all, consts, run.work());
            for (int r = 0; r < ids.length; r++) {
                if (found[r]) {
                    upper[r] = consts[r];
                } else {
                    lower[r] = consts[r];
                }
                consts[r] = Double.isInfinite(upper[r]) ? consts[r] * 10 : (lower[r] + upper[r]) / 2;
            }
        }
    }

    /** The samples of one Adam run: their batch ids and, row by row, what the loss needs. */
    private record Working(long[] ids, NDArray clean, NDArray w, NDArray reconstructed, NDArray labels,
            NDArray targets) {

        NDArray classes() {
            return targets != null ? targets : labels;
        }

        AttackGoal goal() {
            return targets != null ? AttackGoal.targeted(labels, targets) : AttackGoal.untargeted(labels);
        }
    }

    /**
     * One binary search step: Adam from δ = 0 with the given constants. Returns, per row of {@code all}, whether
     * an adversarial was found.
     */
    private boolean[] minimise(Network network, BestAdversarials best, Working all, double[] consts,
            NDManager work) {
        boolean[] found = new boolean[all.ids().length];
        int[] rowOf = new int[all.ids().length];
        for (int r = 0; r < rowOf.length; r++) {
            rowOf[r] = r;
        }
        float[] constValues = new float[consts.length];
        for (int r = 0; r < consts.length; r++) {
            constValues[r] = (float) consts[r];
        }
        long checkEvery = (steps + 9) / 10;
        try (NDManager run = work.newSubManager()) {
            Working current = all;
            NDArray c = run.create(constValues);
            NDArray delta = all.w().zerosLike();
            NDArray firstMoment = delta.zerosLike();
            NDArray secondMoment = delta.zerosLike();
            for (NDArray state : new NDArray[] {delta, firstMoment, secondMoment}) {
                state.attach(run);
            }
            double[] lossAtCheck = new double[rowOf.length];
            Arrays.fill(lossAtCheck, Double.POSITIVE_INFINITY);
            for (int step = 0; step < steps && rowOf.length > 0; step++) {
                try (NDManager iteration = run.newSubManager()) {
                    for (NDArray state : new NDArray[] {delta, firstMoment, secondMoment}) {
                        state.attach(iteration);
                    }
                    Working working = current;
                    NDArray constants = c;
                    NDList evaluated = SampleGradients.of(delta, d -> {
                        // PyTorch-owned scalars: a number operand would leave backward a buffer the GC may free
                        NDManager recorded = d.getManager();
                        NDArray perturbed = d.add(working.w()).tanh().add(GradientRecorder.scalar(recorded, 1f))
                                .mul(GradientRecorder.scalar(recorded, 0.5f));
                        NDArray logits = network.logits(perturbed, false);
                        NDArray margin = margin(logits, working.classes(), working.targets() != null);
                        NDArray loss = margin.add(GradientRecorder.scalar(recorded, (float) confidence))
                                .maximum(GradientRecorder.scalar(recorded, 0f)).mul(constants)
                                .add(Rows.squaredL2(perturbed.sub(working.reconstructed())));
                        return new NDList(loss, logits, perturbed);
                    });
                    gradientSamples.addAndGet(rowOf.length);
                    AttackWork.add(rowOf.length);
                    float[] loss = evaluated.get(0).toFloatArray();
                    NDArray gradient = evaluated.get(3);
                    int t = step + 1;
                    firstMoment = firstMoment.mul((float) BETA1).add(gradient.mul((float) (1 - BETA1)));
                    secondMoment = secondMoment.mul((float) BETA2).add(gradient.square().mul((float) (1 - BETA2)));
                    NDArray firstUnbiased = firstMoment.div((float) (1 - StrictMath.pow(BETA1, t)));
                    NDArray secondUnbiased = secondMoment.div((float) (1 - StrictMath.pow(BETA2, t)));
                    delta = delta.sub(firstUnbiased.mul((float) learningRate)
                            .div(secondUnbiased.sqrt().add(ADAM_EPSILON)));

                    boolean[] stays = new boolean[rowOf.length];
                    Arrays.fill(stays, true);
                    if (abortEarly && step % checkEvery == 0) {
                        for (int r = 0; r < rowOf.length; r++) {
                            if (loss[r] <= 0.9999 * lossAtCheck[r]) {
                                lossAtCheck[r] = loss[r];
                            } else {
                                stays[r] = false; // no progress since the last check: this sample is done
                            }
                        }
                    }
                    NDArray perturbed = evaluated.get(2);
                    NDArray logits = evaluated.get(1);
                    boolean[] reached = working.goal().reachedBy(withConfidence(logits, working)).toBooleanArray();
                    float[] norms = Rows.l2(perturbed.sub(working.clean())).toFloatArray();
                    for (int r = 0; r < rowOf.length; r++) {
                        reached[r] &= stays[r];
                        found[rowOf[r]] |= reached[r];
                    }
                    best.offer(working.ids(), perturbed, norms, reached);

                    int left = 0;
                    for (boolean s : stays) {
                        left += s ? 1 : 0;
                    }
                    if (left < rowOf.length) {
                        int[] keptRows = new int[left];
                        long[] keptIds = new long[left];
                        double[] keptLoss = new double[left];
                        int k = 0;
                        for (int r = 0; r < rowOf.length; r++) {
                            if (stays[r]) {
                                keptRows[k] = rowOf[r];
                                keptIds[k] = working.ids()[r];
                                keptLoss[k] = lossAtCheck[r];
                                k++;
                            }
                        }
                        NDArray keep = iteration.create(stays);
                        current = new Working(keptIds, Rows.select(working.clean(), keep, run),
                                Rows.select(working.w(), keep, run), Rows.select(working.reconstructed(), keep, run),
                                Rows.select(working.labels(), keep, run),
                                working.targets() != null ? Rows.select(working.targets(), keep, run) : null);
                        c = Rows.select(c, keep, run);
                        delta = delta.get(keep);
                        firstMoment = firstMoment.get(keep);
                        secondMoment = secondMoment.get(keep);
                        rowOf = keptRows;
                        lossAtCheck = keptLoss;
                    }
                    for (NDArray state : new NDArray[] {delta, firstMoment, secondMoment}) {
                        state.attach(run);
                    }
                }
            }
        }
        return found;
    }

    /** Z_y − max_{j≠y} Z_j untargeted, max_{j≠t} Z_j − Z_t targeted: the attack succeeds below zero. */
    private static NDArray margin(NDArray logits, NDArray classes, boolean targeted) {
        NDArray index = classes.reshape(-1, 1);
        index.attach(logits.getManager());
        NDArray oneHot = classes.oneHot(Math.toIntExact(logits.getShape().get(1)));
        oneHot.attach(logits.getManager());
        NDArray isClass = oneHot.toType(DataType.BOOLEAN, false);
        NDArray own = logits.gather(index, 1).reshape(-1);
        NDArray bestOther = NDArrays.where(isClass, logits.getManager().full(logits.getShape(),
                Float.NEGATIVE_INFINITY), logits).max(new int[] {1});
        return targeted ? bestOther.sub(own) : own.sub(bestOther);
    }

    /** The logits as foolbox judges a C&W candidate: the goal must hold with margin κ. */
    private NDArray withConfidence(NDArray logits, Working working) {
        if (confidence == 0) {
            return logits;
        }
        float shift = (float) (working.targets() != null ? -confidence : confidence);
        NDArray oneHot = working.classes().oneHot(Math.toIntExact(logits.getShape().get(1)));
        oneHot.attach(logits.getManager());
        return logits.add(oneHot.mul(shift));
    }

    /** Per-sample gradient evaluations so far. */
    long gradientSamples() {
        return gradientSamples.get();
    }

    @Override
    public String toString() {
        return "l2-carlini-wagner(binarySearchSteps=" + binarySearchSteps + ", steps=" + steps + ", learningRate="
                + learningRate + ", confidence=" + confidence + ", initialConst=" + initialConst + ", abortEarly="
                + abortEarly + ")";
    }
}
