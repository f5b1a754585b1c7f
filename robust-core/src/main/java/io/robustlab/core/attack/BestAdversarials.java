package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.Network;

import java.util.Arrays;

/**
 * Per sample of a batch, the best adversarial example a minimum-norm attack has found so far, kept on the host so
 * that samples can leave the working batch at any time. It turns into a {@link MinimumNormResult} whose norms are
 * measured on the returned arrays and whose finite norms are all re-checked against the goal.
 */
final class BestAdversarials {

    private final int samples;
    private final int features;
    private final float[] rows;
    private final float[] norms;
    private final boolean[] reachedWhenClean;

    private BestAdversarials(int samples, int features, boolean[] reachedWhenClean) {
        this.samples = samples;
        this.features = features;
        this.rows = new float[samples * features];
        this.norms = new float[samples];
        Arrays.fill(norms, Float.POSITIVE_INFINITY);
        this.reachedWhenClean = reachedWhenClean;
    }

    /** An empty record for {@code inputs}; samples that reach the goal when clean are done at norm 0. */
    static BestAdversarials forBatch(NDArray inputs, boolean[] reachedWhenClean) {
        int samples = Math.toIntExact(inputs.getShape().get(0));
        BestAdversarials best = new BestAdversarials(samples,
                Math.toIntExact(inputs.getShape().size() / Math.max(samples, 1)), reachedWhenClean);
        for (int i = 0; i < samples; i++) {
            if (reachedWhenClean[i]) {
                best.norms[i] = 0f;
            }
        }
        return best;
    }

    /** The indices of the samples still to attack: those that do not reach the goal when clean. */
    long[] toAttack() {
        return java.util.stream.IntStream.range(0, samples).filter(i -> !reachedWhenClean[i])
                .asLongStream().toArray();
    }

    /** A mask over the batch, true at {@code ids}: a boolean index that picks their rows. */
    boolean[] maskOf(long[] ids) {
        boolean[] mask = new boolean[samples];
        for (long id : ids) {
            mask[(int) id] = true;
        }
        return mask;
    }

    /**
     * Keeps, for each working row whose flag in {@code adversarial} is set and whose norm is smaller than the best
     * so far, that row of {@code candidates} (values in [0,1]). Only the improving rows are copied to the host.
     *
     * @param ids            the batch index of each working row
     * @param candidates     one candidate per working row
     * @param candidateNorms the norm of each candidate's perturbation, as the attack measures it
     */
    void offer(long[] ids, NDArray candidates, float[] candidateNorms, boolean[] adversarial) {
        boolean[] better = new boolean[ids.length];
        boolean any = false;
        for (int r = 0; r < ids.length; r++) {
            better[r] = adversarial[r] && candidateNorms[r] < norms[(int) ids[r]];
            any |= better[r];
        }
        if (!any) {
            return;
        }
        try (NDArray mask = candidates.getManager().create(better);
                NDArray picked = candidates.get(mask)) {
            float[] values = picked.toFloatArray();
            int k = 0;
            for (int r = 0; r < ids.length; r++) {
                if (better[r]) {
                    int sample = (int) ids[r];
                    System.arraycopy(values, k * features, rows, sample * features, features);
                    norms[sample] = candidateNorms[r];
                    k++;
                }
            }
        }
    }

    /**
     * The result, in the manager of {@code inputs}: the best rows clipped to [0,1] (the clean input where none was
     * found), each re-predicted; a row that no longer reaches the goal (a numerically borderline sample, say, whose
     * logits differ in the last bits between batch compositions) is replaced by its clean input and reported at
     * +∞. The norms are then measured on the returned arrays.
     */
    MinimumNormResult finish(Network network, NDArray inputs, AttackGoal goal, Norm norm) {
        NDManager caller = inputs.getManager();
        float[] clean = inputs.toFloatArray();
        float[] values = clean.clone();
        boolean[] found = new boolean[samples];
        for (int i = 0; i < samples; i++) {
            found[i] = !reachedWhenClean[i] && norms[i] != Float.POSITIVE_INFINITY;
            if (found[i]) {
                System.arraycopy(rows, i * features, values, i * features, features);
            }
        }
        NDArray adversarials = clipped(caller, values, inputs);
        boolean[] reached;
        try (NDManager check = caller.newSubManager()) {
            NDArray view = adversarials.duplicate();
            view.attach(check);
            reached = goal.reachedBy(network.logits(view, false)).toBooleanArray();
        }
        boolean reverted = false;
        for (int i = 0; i < samples; i++) {
            if (found[i] && !reached[i]) {
                found[i] = false;
                reverted = true;
                System.arraycopy(clean, i * features, values, i * features, features);
            }
        }
        if (reverted) {
            adversarials.close();
            adversarials = clipped(caller, values, inputs);
        }
        float[] measured = measure(adversarials, inputs, norm);
        for (int i = 0; i < samples; i++) {
            if (!found[i] && !reachedWhenClean[i]) {
                measured[i] = Float.POSITIVE_INFINITY;
            }
        }
        return new MinimumNormResult(adversarials, measured);
    }

    private static NDArray clipped(NDManager manager, float[] values, NDArray like) {
        try (NDArray raw = manager.create(values, like.getShape())) {
            return raw.clip(0f, 1f);
        }
    }

    /** Per sample, the norm of {@code adversarials − inputs}, computed in float32 on the arrays themselves. */
    static float[] measure(NDArray adversarials, NDArray inputs, Norm norm) {
        if (inputs.getShape().get(0) == 0) {
            return new float[0];
        }
        try (NDManager scratch = inputs.getManager().newSubManager()) {
            NDArray a = adversarials.duplicate();
            a.attach(scratch);
            NDArray difference = a.sub(inputs).reshape(inputs.getShape().get(0), -1);
            difference.attach(scratch);
            NDArray perSample = switch (norm) {
                case L2 -> difference.square().sum(new int[] {1}).sqrt();
                case LINF -> difference.abs().max(new int[] {1});
            };
            return perSample.toFloatArray();
        }
    }
}
