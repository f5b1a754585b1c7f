package io.robustlab.core.evaluation;

/** A test hook: sees every success the engine counts, with the example it re-predicted. */
interface AdversarialObserver {

    AdversarialObserver NONE = (curve, epsilon, sample, adversarial) -> {
    };

    /** {@code sample} is counted broken at {@code epsilon} because {@code adversarial} fooled the network. */
    void counted(String curve, double epsilon, int sample, float[] adversarial);
}
