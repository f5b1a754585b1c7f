package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.robustlab.core.model.GradientRecorder;
import io.robustlab.core.model.Network;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The gradient with respect to the input of the loss an attack ascends: the training loss on the true labels
 * (untargeted), or minus the training loss on the targets (targeted), as foolbox 3's
 * {@code BaseGradientDescent.run} (gradient_descent_base.py) with its {@code gradient_step_sign}.
 */
final class InputGradient {

    /**
     * Per-sample gradient evaluations since the JVM started (rows of every batch a gradient was taken for). Package
     * private: tests read it to see that early exit really takes retired samples out of later steps.
     */
    static final AtomicLong SAMPLE_GRADIENTS = new AtomicLong();

    private InputGradient() {
    }

    /**
     * The gradient and the logits of the one forward pass that produced it; an attack checks its goal on these
     * logits instead of paying for another forward pass.
     */
    record Step(NDArray gradient, NDArray logits) {
    }

    /**
     * The gradient, in the manager of {@code inputs}. Parameters should be frozen by the caller; {@code inputs} is
     * left untouched (the gradient is taken on a detached alias).
     */
    static NDArray of(Network network, NDArray inputs, AttackGoal goal) {
        Step step = at(network, inputs, goal, inputs.getManager());
        step.logits().close();
        return step.gradient();
    }

    /** The gradient and the logits at {@code inputs}, both in {@code into}; {@code inputs} is left untouched. */
    static Step at(Network network, NDArray inputs, AttackGoal goal, NDManager into) {
        NDArray input = inputs.stopGradient();
        input.attach(into);
        input.setRequiresGradient(true);
        NDArray logits;
        try (GradientRecorder collector = GradientRecorder.open(into.getEngine())) {
            logits = network.logits(input, false);
            NDArray loss = goal.isTargeted() ? network.loss(logits, goal.targets()).neg()
                    : network.loss(logits, goal.labels());
            collector.backward(loss);
        }
        SAMPLE_GRADIENTS.addAndGet(inputs.getShape().get(0));
        AttackWork.add(inputs.getShape().get(0));
        NDArray gradient = input.getGradient();
        gradient.attach(into);
        NDArray detached = logits.stopGradient();
        detached.attach(into);
        logits.close();
        input.close();
        return new Step(gradient, detached);
    }
}
