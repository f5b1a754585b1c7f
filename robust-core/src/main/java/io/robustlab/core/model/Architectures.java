package io.robustlab.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

import io.robustlab.contracts.spec.ModelSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The layer lists of the three architectures a {@link ModelSpec} can name. */
final class Architectures {

    /** CIFAR-10 training-set channel statistics; the VGG network normalises its [0,1] input with them. */
    static final float[] CIFAR10_MEAN = {0.4914f, 0.4822f, 0.4465f};
    static final float[] CIFAR10_STD = {0.2470f, 0.2435f, 0.2616f};

    private Architectures() {
    }

    static LayerSequence layers(ModelSpec spec, long[] exampleShape, int classes) {
        String architecture = Objects.requireNonNull(spec.architecture(), "model.architecture");
        HiddenActivation activation = HiddenActivation.of(spec.activation());
        return switch (architecture) {
            case "mlp" -> mlp(required(spec.hidden(), "hidden"), exampleShape, classes, activation);
            case "lenet" -> lenet(required(spec.width(), "width"), exampleShape, classes, activation);
            case "vgg" -> vgg(required(spec.channels(), "channels"), exampleShape, classes, activation);
            default -> throw new IllegalArgumentException("unknown architecture '" + architecture + "'");
        };
    }

    /** Flatten, then hidden fully connected layers with the activation, then a linear layer to the classes. */
    private static LayerSequence mlp(List<Integer> hidden, long[] exampleShape, int classes,
            HiddenActivation activation) {
        LayerSequence layers = new LayerSequence();
        long in = flatten(layers, exampleShape);
        for (int units : hidden) {
            in = hiddenLinear(layers, in, units, activation);
        }
        linear(layers, in, classes);
        return layers;
    }

    /**
     * LeNet with width factor ω as Ye et al. 2019 ("Adversarial Robustness vs. Model Compression, or Both?")
     * define it in their code: conv 5×5 (2ω, padding 2) → act → max pool 2 → conv 5×5 (4ω, padding 2) → act →
     * max pool 2 → flatten (7·7·4ω = 196ω features for 28×28 input) → fully connected 64ω → act → fully
     * connected to the classes. "FC 196ω, 64ω" is the one hidden fully connected layer, 196ω in and 64ω out.
     */
    private static LayerSequence lenet(int width, long[] exampleShape, int classes, HiddenActivation activation) {
        requireImage(exampleShape, "lenet");
        LayerSequence layers = new LayerSequence();
        long channels = exampleShape[0];
        long height = exampleShape[1];
        long widthPx = exampleShape[2];
        channels = hiddenConv(layers, channels, 2L * width, 5, 2, activation);
        maxPool(layers);
        channels = hiddenConv(layers, channels, 4L * width, 5, 2, activation);
        maxPool(layers);
        long in = flatten(layers, new long[] {channels, height / 4, widthPx / 4});
        in = hiddenLinear(layers, in, 64 * width, activation);
        linear(layers, in, classes);
        return layers;
    }

    /**
     * A small VGG-style network (Simonyan and Zisserman 2015, "Very Deep Convolutional Networks for Large-Scale
     * Image Recognition"): per entry of {@code channels} a block conv 3×3 → act → conv 3×3 → act → max pool 2,
     * then one linear layer to the classes. Three-channel input is first normalised with the CIFAR-10 mean and
     * standard deviation: normalisation belongs to the model, so that attacks work on [0,1] pixels.
     */
    private static LayerSequence vgg(List<Integer> channelList, long[] exampleShape, int classes,
            HiddenActivation activation) {
        requireImage(exampleShape, "vgg");
        LayerSequence layers = new LayerSequence();
        if (exampleShape[0] == 3) {
            layers.add(new LambdaBlock(list -> new NDList(normalize(list.singletonOrThrow())), "normalize"),
                    "normalize", Map.of("mean", toList(CIFAR10_MEAN), "std", toList(CIFAR10_STD)));
        }
        long channels = exampleShape[0];
        long height = exampleShape[1];
        long widthPx = exampleShape[2];
        for (int out : channelList) {
            channels = hiddenConv(layers, channels, out, 3, 1, activation);
            channels = hiddenConv(layers, channels, out, 3, 1, activation);
            maxPool(layers);
            height /= 2;
            widthPx /= 2;
        }
        long in = flatten(layers, new long[] {channels, height, widthPx});
        linear(layers, in, classes);
        return layers;
    }

    private static long flatten(LayerSequence layers, long[] shape) {
        long features = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        layers.add(Blocks.batchFlattenBlock(), "flatten", Map.of("features", features));
        return features;
    }

    private static long hiddenLinear(LayerSequence layers, long in, long units, HiddenActivation activation) {
        linear(layers, in, units * activation.pieces());
        activation.appendTo(layers);
        return units;
    }

    private static void linear(LayerSequence layers, long in, long out) {
        layers.add(Linear.builder().setUnits(out).build(), "linear", Map.of("in", in, "out", out));
    }

    private static long hiddenConv(LayerSequence layers, long in, long out, int kernel, int padding,
            HiddenActivation activation) {
        long produced = out * activation.pieces();
        layers.add(Conv2d.builder()
                        .setKernelShape(new Shape(kernel, kernel))
                        .optPadding(new Shape(padding, padding))
                        .setFilters((int) produced)
                        .build(),
                "conv2d", Map.of("in", in, "out", produced, "kernel", kernel, "padding", padding));
        activation.appendTo(layers);
        return out;
    }

    private static void maxPool(LayerSequence layers) {
        layers.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)), "maxpool2d", Map.of("kernel", 2, "stride", 2));
    }

    private static NDArray normalize(NDArray x) {
        NDArray mean = x.getManager().create(CIFAR10_MEAN, new Shape(1, 3, 1, 1));
        NDArray std = x.getManager().create(CIFAR10_STD, new Shape(1, 3, 1, 1));
        return x.sub(mean).div(std);
    }

    private static void requireImage(long[] exampleShape, String architecture) {
        if (exampleShape.length != 3) {
            throw new IllegalArgumentException(architecture + " needs image examples [channels, height, width], got "
                    + Arrays.toString(exampleShape));
        }
    }

    private static List<Double> toList(float[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = Double.valueOf(Float.toString(values[i]));
        }
        return List.of(boxed);
    }

    private static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, "model." + field + " (fill the spec's defaults first)");
    }
}
