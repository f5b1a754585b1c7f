package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

/**
 * What an attack returned for a batch.
 *
 * @param adversarials the perturbed inputs, inside the ε-ball and [0,1] (checked by the attack)
 * @param reached      per sample, whether the network's prediction on {@code adversarials} reaches the goal:
 *                     re-predicted on exactly this array, never taken from inside the attack
 */
public record AttackResult(NDArray adversarials, boolean[] reached) {

    /** The fraction of samples that reached the goal. */
    public double successRate() {
        int hits = 0;
        for (boolean hit : reached) {
            hits += hit ? 1 : 0;
        }
        return reached.length == 0 ? 0 : (double) hits / reached.length;
    }
}
