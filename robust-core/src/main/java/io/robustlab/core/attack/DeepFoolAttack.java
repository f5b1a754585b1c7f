package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DeepFool under L2 or L∞ (Moosavi-Dezfooli, Fawzi and Frossard 2016, "DeepFool: a simple and accurate method to
 * fool deep neural networks"), with foolbox 3.3.4's semantics ({@code foolbox/attacks/deepfool.py},
 * {@code L2DeepFoolAttack} and {@code LinfDeepFoolAttack}).
 *
 * <p>The {@code candidates} most likely classes by the clean logits are considered, the first being the clean
 * prediction i0. Each step linearises, for every other candidate k, f_k = l_k − l_i0 (logits, or log-softmax
 * for the cross-entropy loss) with gradient w_k, and takes the candidate with the nearest linearised boundary,
 * d_k = |f_k| / ‖w_k‖* in the dual norm (‖·‖₂ for L2, ‖·‖₁ for L∞). The step to that boundary, with d + 1e-4, is
 * (d / ‖w‖₂) · w for L2 and d · sign(w) for L∞; steps accumulate, and the iterate is the clean input plus (1 +
 * overshoot) times their sum, clipped to [0,1]. A sample stops as soon as it is misclassified and leaves the
 * working batch, so it costs no further forward or backward pass; at most {@code steps} steps are taken.
 *
 * <p>The candidate losses are evaluated in one pass on the batch with each sample repeated candidates − 1 times
 * (foolbox runs one pass per candidate); the result is the same. DeepFool is untargeted only.
 */
public final class DeepFoolAttack implements MinimumNormAttack {

    /** What DeepFool linearises: differences of logits, or of log-softmax (foolbox {@code loss="crossentropy"}). */
    public enum Loss {
        LOGITS, CROSSENTROPY;

        /** {@code logits} or {@code crossentropy}, as in {@code AttackSpec.loss}. */
        public static Loss named(String name) {
            return switch (name) {
                case "logits" -> LOGITS;
                case "crossentropy" -> CROSSENTROPY;
                default -> throw new IllegalArgumentException("DeepFool loss must be logits or crossentropy, got "
                        + name);
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Norm norm;
    private final int steps;
    private final int candidates;
    private final double overshoot;
    private final Loss loss;
    private final AtomicLong gradientSamples = new AtomicLong();

    public DeepFoolAttack(Norm norm, int steps, int candidates, double overshoot, Loss loss) {
        if (norm == null || loss == null || steps < 1 || candidates < 2 || !(overshoot >= 0)) {
            throw new IllegalArgumentException("need a norm and a loss, steps >= 1, candidates >= 2, overshoot >= 0;"
                    + " got " + norm + ", " + loss + ", " + steps + ", " + candidates + ", " + overshoot);
        }
        this.norm = norm;
        this.steps = steps;
        this.candidates = candidates;
        this.overshoot = overshoot;
        this.loss = loss;
    }

    @Override
    public Norm norm() {
        return norm;
    }

    /**
     * @throws IllegalArgumentException for a targeted goal: DeepFool only moves away from the clean prediction
     */
    @Override
    public MinimumNormResult attack(Network network, NDArray inputs, AttackGoal goal, SplittableRandom random) {
        if (goal.isTargeted()) {
            throw new IllegalArgumentException("DeepFool is untargeted; use l2-ddn or l2-carlini-wagner for a "
                    + "targeted attack");
        }
        try (MinimumNormRun run = MinimumNormRun.start(network, inputs, goal)) {
            int classes = Math.toIntExact(run.cleanLogits().getShape().get(1));
            int considered = Math.min(candidates, classes);
            if (considered < 2) {
                throw new IllegalArgumentException("DeepFool needs at least 2 classes, the model has " + classes);
            }
            if (run.hasSamplesToAttack()) {
                NDArray ranked = run.cleanLogits().argSort(1, false).get(":, :" + considered);
                search(network, run.best(), run.ids(), run.origins(), run.select(ranked),
                        run.attackedGoal().labels(), run.work());
            }
            return run.finish(norm);
        }
    }

    private void search(Network network, BestAdversarials best, long[] ids, NDArray origin, NDArray ranked,
            NDArray labels, NDManager work) {
        int others = Math.toIntExact(ranked.getShape().get(1)) - 1;
        NDArray current = origin;
        NDArray total = origin.zerosLike();
        for (int step = 0; step < steps && ids.length > 0; step++) {
            try (NDManager iteration = work.newSubManager()) {
                for (NDArray state : new NDArray[] {origin, ranked, labels, current, total}) {
                    state.attach(iteration);
                }
                gradientSamples.addAndGet(ids.length);
                AttackWork.add(ids.length);
                total = total.add(nearestBoundaryStep(network, current, ranked, others));
                current = origin.add(total.mul((float) (1 + overshoot))).clip(0f, 1f);

                boolean[] fooled = AttackGoal.untargeted(labels).reachedBy(network.logits(current, false))
                        .toBooleanArray();
                best.offer(ids, current, BestAdversarials.measure(current, origin, norm), fooled);
                boolean[] stays = new boolean[ids.length];
                long[] left = new long[ids.length];
                int kept = 0;
                for (int r = 0; r < ids.length; r++) {
                    stays[r] = !fooled[r];
                    if (stays[r]) {
                        left[kept++] = ids[r];
                    }
                }
                ids = Arrays.copyOf(left, kept);
                NDArray keep = iteration.create(stays);
                origin = Rows.select(origin, keep, work);
                ranked = Rows.select(ranked, keep, work);
                labels = Rows.select(labels, keep, work);
                current = Rows.select(current, keep, work);
                total = Rows.select(total, keep, work);
            }
        }
    }

    /** Per sample, the step to the nearest linearised boundary among the other candidate classes. */
    private NDArray nearestBoundaryStep(Network network, NDArray current, NDArray ranked, int others) {
        long samples = current.getShape().get(0);
        NDArray repeated = current.repeat(0, others);
        NDArray top = ranked.get(":, 0").repeat(0, others).reshape(-1, 1);
        NDArray other = ranked.get(":, 1:").reshape(-1, 1);
        NDList evaluated = SampleGradients.of(repeated, x -> {
            NDArray logits = network.logits(x, false);
            NDArray scores = loss == Loss.LOGITS ? logits : logits.logSoftmax(1);
            return new NDList(scores.gather(other, 1).sub(scores.gather(top, 1)).reshape(-1));
        });
        NDArray differences = evaluated.get(0).reshape(samples, others);
        NDArray gradients = evaluated.get(1).reshape(samples, others, -1);
        NDArray dualNorms = norm == Norm.L2 ? gradients.square().sum(new int[] {2}).sqrt()
                : gradients.abs().sum(new int[] {2});
        NDArray distances = differences.abs().div(dualNorms.add(1e-8f));
        NDArray nearest = distances.argMin(1).oneHot(others);
        NDArray distance = distances.min(new int[] {1}).add(1e-4f);
        NDArray direction = gradients.mul(nearest.expandDims(2)).sum(new int[] {1});
        NDArray step = norm == Norm.L2
                ? direction.mul(distance.div(direction.square().sum(new int[] {1}).sqrt().add(1e-8f)).expandDims(1))
                : direction.sign().mul(distance.expandDims(1));
        return step.reshape(current.getShape());
    }

    /** Per-sample gradient evaluations so far (a sample's pass over all its candidates counts once). */
    long gradientSamples() {
        return gradientSamples.get();
    }

    @Override
    public String toString() {
        return (norm == Norm.L2 ? "l2" : "linf") + "-deepfool(steps=" + steps + ", candidates=" + candidates
                + ", overshoot=" + overshoot + ", loss=" + loss + ")";
    }
}
