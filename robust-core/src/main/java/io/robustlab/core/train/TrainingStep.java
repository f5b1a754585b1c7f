package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;

import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;

/**
 * One optimizer step on one batch: forward in training mode, the head's loss, backward, update. Everything it
 * allocates lives in the manager of the batch, so the caller frees it by closing that manager.
 */
public final class TrainingStep {

    private final Network network;
    private final Optimizer optimizer;

    public TrainingStep(Network network, Optimizer optimizer) {
        this.network = network;
        this.optimizer = optimizer;
    }

    /**
     * Trains on one batch at {@code learningRate}. The loss is read back (one scalar) to check it: when it is NaN
     * or infinite the parameters are left as they were and the caller should stop.
     *
     * @param inputs float32 (B, exampleShape…) in the batch's manager
     * @param labels int64 (B)
     */
    public Outcome run(NDArray inputs, NDArray labels, double learningRate) {
        float scale = optimizer.gradientScale(learningRate);
        NDArray logits;
        NDArray loss;
        try (GradientRecorder collector = GradientRecorder.open(inputs.getManager().getEngine())) {
            logits = network.logits(inputs, true);
            loss = network.loss(logits, labels);
            collector.backward(scale == 1f ? loss : loss.mul(GradientRecorder.scalar(loss.getManager(), scale)));
        }
        float value = loss.getFloat();
        if (Float.isFinite(value)) {
            optimizer.step(learningRate);
        }
        return new Outcome(value, logits);
    }

    /**
     * @param loss   the batch's mean loss
     * @param logits the logits the step was computed from, in the batch's manager
     */
    public record Outcome(float loss, NDArray logits) {
    }
}
