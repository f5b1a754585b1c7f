package io.robustlab.core.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One layer of a network as {@code model.json} lists it: its position in the layer sequence (the index of the
 * equivalent {@code torch.nn.Sequential}), its type, its settings, and its parameters.
 *
 * @param index      position in the sequence; parameters are named {@code layers.<index>.weight|bias}
 * @param type       {@code flatten}, {@code normalize}, {@code linear}, {@code conv2d}, {@code maxpool2d},
 *                   {@code relu}, {@code tanh}, {@code sigmoid}, {@code relog} or {@code maxout}
 * @param settings   what the type needs (sorted by name), e.g. {@code in}/{@code out} for linear, {@code pieces} for maxout
 * @param parameters the layer's parameters in order, empty for parameter-free layers
 */
public record LayerDescription(int index, String type, Map<String, Object> settings,
        List<ParameterDescription> parameters) {

    public LayerDescription {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        parameters = List.copyOf(parameters);
    }

    /**
     * @param name  PyTorch-style name, e.g. {@code layers.1.weight}
     * @param shape PyTorch layout: linear weights out×in, conv weights out×in×kh×kw
     */
    public record ParameterDescription(String name, List<Long> shape) {
        public ParameterDescription {
            shape = List.copyOf(shape);
        }
    }
}
