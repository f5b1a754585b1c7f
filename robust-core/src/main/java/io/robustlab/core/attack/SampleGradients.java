package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import io.robustlab.core.model.GradientRecorder;

import java.util.function.Function;

/**
 * One forward and backward pass of an objective that gives one loss per sample: the gradient of their sum with
 * respect to a variable. Samples do not interact, so row i of the gradient is the gradient of sample i's loss, and
 * samples can be dropped from the batch without changing the others.
 */
final class SampleGradients {

    private SampleGradients() {
    }

    /**
     * Evaluates {@code objective} on a detached alias of {@code variable} while recording gradients. The objective
     * returns the per-sample losses first, then anything else it wants back (logits, the model input it built);
     * all of them come back detached, followed by the gradient, in the manager of {@code variable}. Parameters
     * should be frozen by the caller.
     */
    static NDList of(NDArray variable, Function<NDArray, NDList> objective) {
        NDArray alias = variable.stopGradient();
        alias.attach(variable.getManager());
        alias.setRequiresGradient(true);
        NDList outputs;
        try (GradientRecorder recorder = GradientRecorder.open(variable.getManager().getEngine())) {
            outputs = objective.apply(alias);
            recorder.backward(outputs.get(0).sum());
        }
        NDList result = new NDList(outputs.size() + 1);
        for (NDArray output : outputs) {
            NDArray detached = output.stopGradient();
            detached.attach(variable.getManager());
            result.add(detached);
        }
        NDArray gradient = alias.getGradient();
        gradient.attach(variable.getManager());
        result.add(gradient);
        alias.close();
        return result;
    }
}
