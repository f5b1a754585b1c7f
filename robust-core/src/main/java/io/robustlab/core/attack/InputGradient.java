package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;

/** The gradient of the network's training loss with respect to its input. */
final class InputGradient {

    private InputGradient() {
    }

    /**
     * The gradient, in the manager of {@code inputs}. Parameters should be frozen by the caller; {@code inputs} is
     * left untouched (the gradient is taken on a detached alias).
     */
    static NDArray of(Network network, NDArray inputs, NDArray labels) {
        NDArray input = inputs.stopGradient();
        input.attach(inputs.getManager());
        input.setRequiresGradient(true);
        try (GradientRecorder collector = GradientRecorder.open(inputs.getManager().getEngine())) {
            NDArray loss = network.loss(network.logits(input, false), labels);
            collector.backward(loss);
        }
        NDArray gradient = input.getGradient();
        gradient.attach(inputs.getManager());
        input.close();
        return gradient;
    }
}
