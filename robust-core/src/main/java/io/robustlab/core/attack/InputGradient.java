package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;

import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;

/**
 * The gradient with respect to the input of the loss an attack ascends: the training loss on the true labels
 * (untargeted), or minus the training loss on the targets (targeted).
 */
final class InputGradient {

    private InputGradient() {
    }

    /**
     * The gradient, in the manager of {@code inputs}. Parameters should be frozen by the caller; {@code inputs} is
     * left untouched (the gradient is taken on a detached alias).
     */
    static NDArray of(Network network, NDArray inputs, AttackGoal goal) {
        NDArray input = inputs.stopGradient();
        input.attach(inputs.getManager());
        input.setRequiresGradient(true);
        try (GradientRecorder collector = GradientRecorder.open(inputs.getManager().getEngine())) {
            NDArray logits = network.logits(input, false);
            NDArray loss = goal.isTargeted() ? network.loss(logits, goal.targets()).neg()
                    : network.loss(logits, goal.labels());
            collector.backward(loss);
        }
        NDArray gradient = input.getGradient();
        gradient.attach(inputs.getManager());
        input.close();
        return gradient;
    }
}
