package io.robustlab.contracts.spec;

import java.util.List;

/**
 * The network.
 *
 * @param architecture {@code mlp}, {@code lenet} or {@code vgg}
 * @param hidden       mlp only: the width of each hidden layer, e.g. [1024, 1024]
 * @param width        lenet only: the width factor ω (conv 2ω, 4ω; fully connected 196ω, 64ω; Ye et al. 2019)
 * @param channels     vgg only: output channels of each conv block (each block: two 3×3 convs and a 2×2 max pool)
 * @param activation   the hidden-layer non-linearity
 * @param head         {@code softmax-cross-entropy} or {@code sigmoid-mse}
 */
public record ModelSpec(
        String architecture,
        List<Integer> hidden,
        Integer width,
        List<Integer> channels,
        ActivationSpec activation,
        String head) {
}
