package io.robustlab.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labelled examples held in plain arrays: example {@code i} is
 * {@code features[i*featureCount() .. (i+1)*featureCount())} with label {@code labels[i]}.
 *
 * @param features     row-major, one example after another
 * @param labels       class index of each example, in [0, classes)
 * @param exampleShape the shape of one example: {@code [channels, height, width]} for images, {@code [d]} otherwise
 * @param classes      the number of classes
 */
public record ExampleSet(float[] features, int[] labels, long[] exampleShape, int classes) {

    public ExampleSet {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        exampleShape = exampleShape.clone();
        long perExample = Arrays.stream(exampleShape).reduce(1, Math::multiplyExact);
        if (perExample * labels.length != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, but "
                    + labels.length + " examples of shape " + Arrays.toString(exampleShape) + " need "
                    + perExample * labels.length);
        }
    }

    public int size() {
        return labels.length;
    }

    public int featureCount() {
        return features.length / Math.max(1, labels.length);
    }

    @Override
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    /** The shape of a batch of {@code count} examples: {@code [count, exampleShape…]}. */
    public long[] batchShape(int count) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = count;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return shape;
    }

    /** The examples at the given indices, in that order (copied). */
    public ExampleSet select(int[] indices) {
        int d = Math.toIntExact(Arrays.stream(exampleShape).reduce(1, Math::multiplyExact));
        float[] x = new float[indices.length * d];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * d, x, i * d, d);
            y[i] = labels[indices[i]];
        }
        return new ExampleSet(x, y, exampleShape, classes);
    }
}
