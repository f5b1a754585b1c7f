package io.robustlab.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import io.robustlab.contracts.spec.ModelSpec;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A classifier built from a {@link ModelSpec}: a DJL block whose parameters live in the manager it was built
 * with, its output head, and a description of its layers. Parameters are named as in PyTorch
 * ({@code layers.<index>.weight}) in every file this project writes.
 */
public final class Network {

    private final ModelSpec spec;
    private final long[] exampleShape;
    private final int classes;
    private final OutputHead head;
    private final SequentialBlock block;
    private final ParameterStore parameterStore;
    private final List<LayerDescription> layers;
    private final List<Parameter> parameters;
    private final List<String> parameterNames;

    private Network(ModelSpec spec, long[] exampleShape, int classes, SequentialBlock block, NDManager manager,
            List<LayerDescription> layers, List<Parameter> parameters, List<String> parameterNames) {
        this.spec = spec;
        this.exampleShape = exampleShape.clone();
        this.classes = classes;
        this.head = OutputHead.of(spec.head());
        this.block = block;
        this.parameterStore = new ParameterStore(manager, false);
        this.layers = List.copyOf(layers);
        this.parameters = List.copyOf(parameters);
        this.parameterNames = List.copyOf(parameterNames);
    }

    /**
     * Builds the network for examples of {@code exampleShape} (without the batch axis) and {@code classes} classes,
     * with every parameter allocated in {@code manager} and set to zero; call {@link #initialize} or load values.
     * The spec's defaults must be filled in.
     */
    public static Network build(ModelSpec spec, long[] exampleShape, int classes, NDManager manager) {
        LayerSequence sequence = Architectures.layers(spec, exampleShape, classes);
        SequentialBlock block = sequence.block();
        // Zeros draw nothing from torch's global RNG; the values come from initialize(), seeded in Java.
        block.setInitializer(Initializer.ZEROS, parameter -> true);
        long[] batchShape = new long[exampleShape.length + 1];
        batchShape[0] = 1;
        System.arraycopy(exampleShape, 0, batchShape, 1, exampleShape.length);
        block.initialize(manager, DataType.FLOAT32, new Shape(batchShape));

        List<LayerDescription> layers = new ArrayList<>();
        List<Parameter> parameters = new ArrayList<>();
        List<String> names = new ArrayList<>();
        PairList<String, Block> children = block.getChildren();
        for (int i = 0; i < children.size(); i++) {
            List<LayerDescription.ParameterDescription> described = new ArrayList<>();
            for (Pair<String, Parameter> entry : children.valueAt(i).getDirectParameters()) {
                String name = "layers." + i + "." + entry.getKey();
                Parameter parameter = entry.getValue();
                parameters.add(parameter);
                names.add(name);
                described.add(new LayerDescription.ParameterDescription(name,
                        Arrays.stream(parameter.getArray().getShape().getShape()).boxed().toList()));
            }
            layers.add(new LayerDescription(i, sequence.type(i), sequence.settings(i), described));
        }
        return new Network(spec, exampleShape, classes, block, manager, layers, parameters, names);
    }

    /**
     * Draws every weight and bias from U(−1/√fan_in, 1/√fan_in), PyTorch's default for {@code nn.Linear} and
     * {@code nn.Conv2d} (Kaiming-uniform with a = √5), with fan_in = inputs × kernel area of the layer. The values
     * come from {@code random} in parameter order, so a seed fixes them on every machine, independent of torch's
     * global generator.
     */
    public void initialize(SplittableRandom random) {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray array = parameters.get(i).getArray();
            long[] weightShape = parameterNames.get(i).endsWith(".bias")
                    ? parameters.get(i - 1).getArray().getShape().getShape()
                    : array.getShape().getShape();
            long fanIn = 1;
            for (int axis = 1; axis < weightShape.length; axis++) {
                fanIn *= weightShape[axis];
            }
            double bound = 1 / Math.sqrt(fanIn);
            float[] values = new float[Math.toIntExact(array.size())];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            array.set(FloatBuffer.wrap(values));
        }
    }

    /** The logits, shape (N, classes), for a batch of shape (N, exampleShape…). */
    public NDArray logits(NDArray inputs, boolean training) {
        return block.forward(parameterStore, new NDList(inputs), training).singletonOrThrow();
    }

    /** The head's scalar training loss for logits and int64 labels. */
    public NDArray loss(NDArray logits, NDArray labels) {
        return head.loss(logits, labels);
    }

    /** The predicted class of each example: the arg-max of the logits, int64 of shape (N). */
    public NDArray predict(NDArray inputs) {
        return logits(inputs, false).argMax(1);
    }

    /**
     * Stops gradients flowing into the parameters until the returned handle is closed: attacks need the gradient
     * with respect to the input only, and frozen parameters make them faster and keep the training gradients clean.
     */
    public Frozen freeze() {
        for (Parameter parameter : parameters) {
            parameter.getArray().setRequiresGradient(false);
        }
        return new Frozen();
    }

    /** While open, the parameters take no gradient. */
    public final class Frozen implements AutoCloseable {
        private Frozen() {
        }

        @Override
        public void close() {
            for (Parameter parameter : parameters) {
                parameter.getArray().setRequiresGradient(true);
            }
        }
    }

    /** The parameter arrays of a block of this network's architecture, in {@link #parameterNames()} order. */
    static List<NDArray> parameterArraysOf(SequentialBlock block) {
        List<NDArray> arrays = new ArrayList<>();
        for (Pair<String, Block> child : block.getChildren()) {
            for (Pair<String, Parameter> entry : child.getValue().getDirectParameters()) {
                arrays.add(entry.getValue().getArray());
            }
        }
        return arrays;
    }

    /** The parameter arrays, in the order of {@link #parameterNames()}. */
    public List<NDArray> parameterArrays() {
        return parameters.stream().map(Parameter::getArray).toList();
    }

    /** PyTorch-style names, {@code layers.<index>.weight|bias}, in layer order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    public long parameterCount() {
        return parameters.stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** Copies values into the parameters, in {@link #parameterNames()} order; shapes must match exactly. */
    public void setParameters(List<NDArray> values) {
        if (values.size() != parameters.size()) {
            throw new IllegalArgumentException("expected " + parameters.size() + " arrays, got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            NDArray target = parameters.get(i).getArray();
            NDArray source = values.get(i);
            if (!target.getShape().equals(source.getShape())) {
                throw new IllegalArgumentException(parameterNames.get(i) + ": expected shape " + target.getShape()
                        + ", got " + source.getShape());
            }
            target.set(source.toByteBuffer());
        }
    }

    public List<LayerDescription> layers() {
        return layers;
    }

    public ModelSpec spec() {
        return spec;
    }

    public long[] exampleShape() {
        return exampleShape.clone();
    }

    public int classes() {
        return classes;
    }

    public OutputHead head() {
        return head;
    }

    /** The DJL block, for code that saves or loads it with DJL's own API. */
    public Block block() {
        return block;
    }

    @Override
    public String toString() {
        return spec.architecture() + " " + Arrays.toString(exampleShape) + "→" + classes + ", "
                + parameterNames.size() + " parameter arrays";
    }
}
