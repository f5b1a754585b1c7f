package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

/**
 * What an attack tries to achieve for each sample of a batch: a prediction other than its label (untargeted), or
 * the prediction of its target class (targeted).
 *
 * @param labels  the true classes, int64, one per sample
 * @param targets the target classes, int64, one per sample; null for an untargeted attack
 */
public record AttackGoal(NDArray labels, NDArray targets) {

    public static AttackGoal untargeted(NDArray labels) {
        return new AttackGoal(labels, null);
    }

    public static AttackGoal targeted(NDArray labels, NDArray targets) {
        return new AttackGoal(labels, targets);
    }

    public boolean isTargeted() {
        return targets != null;
    }

    /** Per sample, whether {@code logits} (one row per sample) reach the goal: a boolean array. */
    public NDArray reachedBy(NDArray logits) {
        NDArray predicted = logits.argMax(1);
        return isTargeted() ? predicted.eq(targets) : predicted.neq(labels);
    }
}
