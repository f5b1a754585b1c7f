package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import java.util.List;

/**
 * The network.
 *
 * <p>Defaults ({@link #withDefaults()}): activation relu; head softmax-cross-entropy; lenet width 1;
 * vgg channels [32, 64, 128]. An mlp's hidden layers have no default: they are required.
 *
 * <p>Rules: hidden non-empty, each width in [1, 65536]; width in [1, 64]; channels non-empty, each in
 * [1, 4096]; a field of one architecture given with another is a violation. With the dataset: lenet needs
 * 28×28 grayscale images (the mnist family), synthetic datasets need an mlp, and vgg has at most as many
 * blocks as its images survive 2×2 max pools (4 for 28×28, 5 for cifar10's 32×32).
 *
 * @param architecture {@code mlp}, {@code lenet} or {@code vgg}
 * @param hidden       mlp only: the width of each hidden layer, e.g. [1024, 1024]
 * @param width        lenet only: the width factor ω (conv 2ω, 4ω; fully connected 196ω, 64ω; Ye et al. 2019)
 * @param channels     vgg only: output channels of each conv block (each block: two 3×3 convs and a 2×2 max
 *                     pool; Simonyan and Zisserman 2015, "Very Deep Convolutional Networks for Large-Scale
 *                     Image Recognition")
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

    static final List<String> ARCHITECTURES = List.of("mlp", "lenet", "vgg");
    static final List<String> HEADS = List.of("softmax-cross-entropy", "sigmoid-mse");
    private static final List<Integer> VGG_CHANNELS = List.of(32, 64, 128);

    /** A copy with every default that applies to this architecture filled in. */
    public ModelSpec withDefaults() {
        return new ModelSpec(
                architecture,
                hidden,
                "lenet".equals(architecture) ? requireNonNullElse(width, 1) : width,
                "vgg".equals(architecture) ? requireNonNullElse(channels, VGG_CHANNELS) : channels,
                requireNonNullElse(activation, ActivationSpec.named("relu")).withDefaults(),
                requireNonNullElse(head, "softmax-cross-entropy"));
    }

    /** Checks a model whose defaults are filled in. */
    void check(SpecChecks checks) {
        if (checks.required("architecture", architecture)
                && checks.oneOf("architecture", architecture, ARCHITECTURES)) {
            if (architecture.equals("mlp")) {
                checks.requiredFor("hidden", hidden, "architecture mlp");
                checkLayers(checks, "hidden", hidden, 65_536);
            } else {
                checks.onlyFor("hidden", hidden, "architecture mlp");
            }
            if (architecture.equals("lenet")) {
                checks.integerIn("width", width, 1, 64);
            } else {
                checks.onlyFor("width", width, "architecture lenet");
            }
            if (architecture.equals("vgg")) {
                checkLayers(checks, "channels", channels, 4_096);
            } else {
                checks.onlyFor("channels", channels, "architecture vgg");
            }
        }
        checks.oneOf("head", head, HEADS);
        activation.check(checks.nested("activation"));
    }

    private static void checkLayers(SpecChecks checks, String field, List<Integer> sizes, int max) {
        if (sizes == null) {
            return;
        }
        if (sizes.isEmpty()) {
            checks.add(field, "must not be empty");
        }
        for (int i = 0; i < sizes.size(); i++) {
            String element = field + "[" + i + "]";
            if (checks.required(element, sizes.get(i))) {
                checks.integerIn(element, sizes.get(i), 1, max);
            }
        }
    }

    /** The rules that tie the network to the data it reads. */
    void checkFits(SpecChecks checks, DatasetSpec dataset) {
        KnownDataset data = KnownDataset.named(dataset.name()).orElse(null);
        if (data == null || architecture == null || !ARCHITECTURES.contains(architecture)) {
            return;
        }
        if (data.isSynthetic() && !architecture.equals("mlp")) {
            checks.add("architecture", "must be mlp for synthetic dataset " + dataset.name());
        } else if (architecture.equals("lenet") && !data.isGrayscale28()) {
            checks.add("architecture", "lenet needs a 28×28 grayscale dataset ("
                    + KnownDataset.GRAYSCALE_28_NAMES + "), not " + dataset.name());
        } else if (architecture.equals("vgg") && channels != null && channels.size() > data.maxPoolings()) {
            checks.add("channels", "must have at most " + data.maxPoolings() + " blocks for " + dataset.name()
                    + ": each block halves the image side");
        }
    }
}
