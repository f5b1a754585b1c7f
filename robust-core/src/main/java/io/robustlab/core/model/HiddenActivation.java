package io.robustlab.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;

import io.robustlab.contracts.spec.ActivationSpec;

import java.util.Map;
import java.util.Objects;

/**
 * The hidden-layer non-linearity of a spec, appended after every hidden linear or convolutional layer.
 *
 * <p>Maxout (Goodfellow et al. 2013, "Maxout Networks") makes the preceding layer produce {@link #pieces()} times
 * the units; unit {@code u} is the maximum of channels {@code u·k … u·k+k−1}, i.e. {@code x.view(N, U, k, …)
 * .amax(dim=2)} in PyTorch.
 */
record HiddenActivation(String name, double base, double epsilon, double offset, int pieces) {

    /** Reads a spec whose defaults are filled in. */
    static HiddenActivation of(ActivationSpec spec) {
        Objects.requireNonNull(spec, "model.activation (fill the spec's defaults first)");
        String name = Objects.requireNonNull(spec.name(), "model.activation.name");
        return switch (name) {
            case "relu", "tanh", "sigmoid" -> new HiddenActivation(name, 0, 0, 0, 1);
            case "relog" -> new HiddenActivation(name, required(spec.base(), "base"),
                    required(spec.epsilon(), "epsilon"), required(spec.offset(), "offset"), 1);
            case "maxout" -> new HiddenActivation(name, 0, 0, 0, required(spec.pieces(), "pieces"));
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'");
        };
    }

    void appendTo(LayerSequence layers) {
        switch (name) {
            case "relu" -> layers.add(Activation.reluBlock(), "relu", Map.of());
            case "tanh" -> layers.add(Activation.tanhBlock(), "tanh", Map.of());
            case "sigmoid" -> layers.add(Activation.sigmoidBlock(), "sigmoid", Map.of());
            case "relog" -> layers.add(new LambdaBlock(list -> new NDList(relog(list.singletonOrThrow())), "relog"),
                    "relog", Map.of("base", base, "epsilon", epsilon, "offset", offset));
            case "maxout" -> layers.add(new LambdaBlock(list -> new NDList(maxout(list.singletonOrThrow())), "maxout"),
                    "maxout", Map.of("pieces", pieces));
            default -> throw new IllegalStateException(name);
        }
    }

    /** y = log_b(relu(x) + ε) + c; its numbers are PyTorch-owned scalars, since training records it. */
    NDArray relog(NDArray x) {
        NDManager manager = x.getManager();
        return Activation.relu(x).add(GradientRecorder.scalar(manager, (float) epsilon)).log()
                .div(GradientRecorder.scalar(manager, (float) StrictMath.log(base)))
                .add(GradientRecorder.scalar(manager, (float) offset));
    }

    NDArray maxout(NDArray x) {
        long[] shape = x.getShape().getShape();
        long[] grouped = new long[shape.length + 1];
        grouped[0] = shape[0];
        grouped[1] = shape[1] / pieces;
        grouped[2] = pieces;
        System.arraycopy(shape, 2, grouped, 3, shape.length - 2);
        return x.reshape(new Shape(grouped)).max(new int[] {2});
    }

    private static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, "model.activation." + field + " (fill the spec's defaults first)");
    }
}
