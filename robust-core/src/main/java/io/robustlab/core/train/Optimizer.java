package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import io.robustlab.contracts.spec.OptimizerSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Updates parameters in place from their gradients, with state (moments, momentum buffers, step count) held as
 * arrays it owns, so a checkpoint restores it exactly. One step: {@link #gradientScale} before the backward pass
 * (the loop multiplies the loss by it), then {@link #step} after it, which also zeroes the gradients.
 */
public sealed interface Optimizer permits SgdOptimizer, AdamOptimizer {

    /** An optimizer for {@code parameters} (spec defaults filled in), its state allocated in {@code manager}. */
    static Optimizer of(OptimizerSpec spec, List<NDArray> parameters, NDManager manager) {
        String name = Objects.requireNonNull(spec.name(), "optimizer.name");
        double weightDecay = required(spec.weightDecay(), "weightDecay");
        return switch (name) {
            case "sgd" -> new SgdOptimizer(parameters, manager, required(spec.momentum(), "momentum"), weightDecay);
            case "adam" -> new AdamOptimizer(parameters, manager, required(spec.beta1(), "beta1"),
                    required(spec.beta2(), "beta2"), required(spec.epsilon(), "epsilon"), weightDecay);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'");
        };
    }

    /**
     * Called before the backward pass of a step at {@code learningRate}; returns the factor the loss must be
     * multiplied by, so that the gradients arrive pre-scaled as this optimizer wants them.
     */
    float gradientScale(double learningRate);

    /** Applies one update from the accumulated gradients and zeroes them. */
    void step(double learningRate);

    /** A snapshot for a checkpoint: copies of the state arrays (named) and the scalars. */
    State state(NDManager manager);

    /** Restores a snapshot taken by {@link #state} of an optimizer of the same kind over the same parameters. */
    void restore(State state);

    /** Optimizer state as a checkpoint stores it. */
    record State(NDList arrays, Map<String, Double> scalars) {
        public State {
            scalars = Map.copyOf(scalars);
        }
    }

    private static double required(Double value, String field) {
        return Objects.requireNonNull(value, "optimizer." + field + " (fill the spec's defaults first)");
    }
}
