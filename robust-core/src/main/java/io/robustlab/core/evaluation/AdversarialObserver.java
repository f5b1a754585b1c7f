package io.robustlab.core.evaluation;

/**
 * Sees every success the engine counts, with the example it re-predicted: a test hook, and how a caller keeps a few
 * adversarial examples (the attack service's gallery) without the engine holding them all.
 */
public interface AdversarialObserver {

    AdversarialObserver NONE = (curve, epsilon, sample, adversarial) -> {
    };

    /**
     * {@code sample} is counted broken at {@code epsilon} because {@code adversarial} fooled the network. With nested
     * reuse (the default) a sample is counted once per curve, at the smallest epsilon of the grid that breaks it;
     * without, again at every larger epsilon. Called in the evaluation's thread; {@code adversarial} is a copy.
     */
    void counted(String curve, double epsilon, int sample, float[] adversarial);
}
